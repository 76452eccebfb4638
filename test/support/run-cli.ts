/** Runs the CLI in-process and captures what it writes. */
import { run } from "../../src/cli.js";

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
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}
