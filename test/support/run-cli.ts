/** Runs the CLI in-process and captures what it writes. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli.js";

/** A cache directory of the test run's own, so tests never write to the user's cache. */
export const TEST_CACHE = mkdtempSync(join(tmpdir(), "captrace-test-cache-"));

/** What one CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `captrace ...argv` in-process. */
export async function cli(argv: string[], opts: { env?: Record<string, string>; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s) },
    env: { XDG_CACHE_HOME: TEST_CACHE, ...opts.env },
  });
  return { code, stdout, stderr };
}
