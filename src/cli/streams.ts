/**
 * The process's stdout and stderr as the CLI writes them: a reader that goes away (EPIPE) closes the
 * stream quietly, and the run ends with the exit code it decided; any other write error on stdout (ENOSPC,
 * `> /dev/full`) is reported in one line on stderr and ends the process with EXIT.io. stderr carries only
 * diagnostics: when it cannot be written (`2>/dev/full`) they are dropped and the answer's code stands
 * (a warning that could not be shown must not turn a present answer into a failure).
 */
import { fstatSync } from "node:fs";
import { EXIT } from "../exit-codes.js";
import type { OutStream } from "./io.js";

/** What a write error is, in words. */
function describe(error: NodeJS.ErrnoException): string {
  if (error.code === "ENOSPC") return "no space left on the device";
  if (error.code === "EDQUOT") return "disk quota exceeded";
  if (error.code === "EIO") return "input/output error";
  return error.code ?? error.message;
}

/** Wraps a process stream: `closed` once its reader has gone; other errors on stdout end the process with one line. */
export function guardStream(
  stream: NodeJS.WriteStream,
  name: "stdout" | "stderr",
  stderr: NodeJS.WriteStream,
): OutStream {
  const out: OutStream = {
    write: (text: string) => (out.closed ? true : stream.write(text)),
    isTTY: stream.isTTY,
    columns: stream.columns,
    once: (event, listener) => stream.once(event, listener),
    removeListener: (event, listener) => stream.removeListener(event, listener),
    closed: false,
  };
  stream.on("error", (error: NodeJS.ErrnoException) => {
    // A writer waiting for "drain" hears this "error" too (writeOut listens for it) and stops waiting.
    if (error.code === "EPIPE" || out.closed || name === "stderr") {
      out.closed = true;
      return;
    }
    out.closed = true;
    try {
      stderr.write(`captrace: cannot write to standard output: ${describe(error)}\n`);
    } catch {
      // stderr is gone too: the exit code still tells
    }
    process.exit(EXIT.io);
  });
  return out;
}

/**
 * process.stdin's chunks, opened on first use. A directory on stdin reads as empty in Node: refused as
 * EISDIR instead (a write-only stdin fails its first read with EBADF on its own).
 */
export async function* stdinChunks(): AsyncGenerator<Uint8Array | string> {
  let directory = false;
  try {
    directory = fstatSync(0).isDirectory();
  } catch {
    // fd 0 closed: reading it reports the error
  }
  if (directory) throw Object.assign(new Error("standard input is a directory"), { code: "EISDIR" });
  yield* process.stdin;
}
