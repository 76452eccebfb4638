/** What the CLI reads and writes, and the one way it writes: respecting a stream's back-pressure. */

/** An output stream: a Node stream, or anything with `write` (an in-process caller's buffer). */
export interface OutStream {
  /** Returns false when the stream's buffer is full: wait for "drain" before writing more. */
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, when a TTY. */
  columns?: number;
  once?(event: "drain" | "close" | "error", listener: () => void): unknown;
  removeListener?(event: "drain" | "close" | "error", listener: () => void): unknown;
  /** Set once the reader has gone away (EPIPE): nothing more is written. */
  closed?: boolean;
}

/** Where the CLI writes, and what it knows of its environment. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  /** Lines of standard input (an in-process caller's); for `trace --batch` and `validate -`. */
  stdin?: AsyncIterable<string>;
  /** Standard input as it comes (process.stdin): split into lines by the CLI, with a length limit. */
  stdinStream?: AsyncIterable<Uint8Array | string>;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

/** Writes `text`; when the stream asks for it, waits until it has drained (or closed), so memory stays flat. */
export async function writeOut(stream: OutStream, text: string): Promise<void> {
  if (stream.closed) return;
  if (stream.write(text) !== false || !stream.once) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      for (const event of ["drain", "close", "error"] as const) stream.removeListener?.(event, done);
      resolve();
    };
    for (const event of ["drain", "close", "error"] as const) stream.once?.(event, done);
  });
}
