/** Runs the CLI in-process and captures what it writes. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/run.js";

/** A cache directory of the test run's own, so tests never write to the user's cache. */
export const TEST_CACHE = mkdtempSync(join(tmpdir(), "captrace-test-cache-"));

/** What one CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** How to run: the environment, whether stdout is a TTY (of `columns`), the cwd, and what stdin holds. */
export interface CliOptions {
  env?: Record<string, string>;
  tty?: boolean;
  columns?: number;
  cwd?: string;
  /** Standard input as raw chunks, split by the CLI as it splits process.stdin. */
  stdin?: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;
}

/** Runs `captrace ...argv` in-process. */
export async function cli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const chunks = opts.stdin;
  const code = await run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: opts.columns },
    stderr: { write: (s: string) => (stderr += s) },
    env: { XDG_CACHE_HOME: TEST_CACHE, ...opts.env },
    cwd: opts.cwd,
    stdinStream:
      chunks &&
      (async function* () {
        yield* chunks;
      })(),
  });
  return { code, stdout, stderr };
}
