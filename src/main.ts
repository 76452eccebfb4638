/** The process entry: wires `run` to the real streams, handles EPIPE and Ctrl-C, sets the exit code. */
import { run } from "./cli.js";
import { EXIT } from "./exit-codes.js";

/** Runs the CLI for this process. */
export function main(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // A reader that went away (`captrace list models | head -1`) is not an error.
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.on("SIGINT", () => process.exit(EXIT.interrupted));
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.stderr.write("captrace: internal error (this is a bug in captrace; please report it)\n");
      process.exitCode = EXIT.internal;
    },
  );
}
