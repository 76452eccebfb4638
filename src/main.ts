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
  const argv = process.argv.slice(2);
  // Standard input is read only for `trace --batch`: opening it otherwise would keep a TTY waiting.
  // The interface is made when iteration starts, so no line is emitted before anyone listens.
  // readline is loaded only for a batch.
  const stdin: AsyncIterable<string> = {
    async *[Symbol.asyncIterator]() {
      const { createInterface } = await import("node:readline");
      yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
    },
  };
  run(argv, { stdout: process.stdout, stderr: process.stderr, stdin: argv.includes("--batch") ? stdin : undefined, env: process.env, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.stderr.write("captrace: internal error (this is a bug in captrace; please report it)\n");
      process.exitCode = EXIT.internal;
    },
  );
}
