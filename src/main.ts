/** The process entry: wires `run` to the real streams (guarded: EPIPE, ENOSPC), sets the exit code. */
import { run } from "./cli/run.js";
import { guardStream, stdinChunks } from "./cli/streams.js";
import { EXIT } from "./exit-codes.js";

/** Runs the CLI for this process. */
export function main(): void {
  // No Ctrl-C handler of its own: a handler waits for the synchronous work of a load to end (a 100k first
  // load ran on for 10 s), where the default stops the process at once (130 in the shell). Only while a
  // temporary file is being written is one installed, to remove it first (store/files.ts).
  const stdout = guardStream(process.stdout, "stdout", process.stderr);
  const stderr = guardStream(process.stderr, "stderr", process.stderr);
  // Standard input is opened only when a command reads it (`trace --batch`, `validate -`): touching
  // process.stdin otherwise would keep a TTY waiting.
  const stdinStream: AsyncIterable<Uint8Array | string> = { [Symbol.asyncIterator]: () => stdinChunks() };
  run(process.argv.slice(2), { stdout, stderr, stdinStream, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      stderr.write("captrace: internal error (this is a bug in captrace; please report it)\n");
      process.exitCode = EXIT.internal;
    },
  );
}
