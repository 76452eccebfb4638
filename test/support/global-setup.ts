/** Vitest global setup: every test's temporary files go under one directory, removed when the run ends. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Points TMPDIR (read by os.tmpdir() in the workers and in every child they spawn) at a fresh directory. */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), "captrace-tests-"));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
