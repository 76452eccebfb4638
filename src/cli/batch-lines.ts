/** Standard input as lines, for `trace --batch` and `validate -`, with a bound on a line's length. */
import { CliFailure } from "./errors.js";
import { EXIT } from "../exit-codes.js";

/**
 * Longest line of `trace --batch` input, in bytes (newline excluded). A query is a short JSON object; past
 * this an input line is refused (an endless line, `< /dev/zero`, would otherwise fill memory).
 */
export const MAX_BATCH_LINE_BYTES = 64 * 1024;

/** An input line past the limit: `line` is its 1-based number. */
export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`input line ${line} is longer than ${MAX_BATCH_LINE_BYTES / 1024} KiB: captrace stops reading`);
  }
}

/** Why standard input cannot be read, in words, for the errors Node gives (a directory, a write-only descriptor). */
export function stdinFailure(error: unknown): CliFailure {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "EISDIR"
      ? "it is a directory"
      : code === "EBADF" || code === "EINVAL"
        ? "it is not open for reading"
        : code
          ? `${code}`
          : String(error);
  return new CliFailure(EXIT.usage, "usage", `cannot read standard input: ${why}`);
}

/** Splits `chunks` into lines (without "\n"; a last line without one counts), refusing one longer than `max` bytes. */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  max = MAX_BATCH_LINE_BYTES,
): AsyncGenerator<string> {
  for await (const group of splitLineGroups(chunks, max)) yield* group;
}

/**
 * Splits `chunks` into lines as splitLines does, yielding at once every line that one chunk completes: the lines
 * already at hand, which a reader may answer together before it waits for more input. A line past `max` is
 * refused once the lines before it have been yielded.
 */
export async function* splitLineGroups(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  max = MAX_BATCH_LINE_BYTES,
): AsyncGenerator<string[]> {
  const decoder = new TextDecoder();
  let parts: Uint8Array[] = [];
  let size = 0;
  let n = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const group: string[] = [];
    let start = 0;
    for (let nl = bytes.indexOf(10); nl !== -1; nl = bytes.indexOf(10, start)) {
      if (size + nl - start > max) {
        if (group.length) yield group;
        throw new LineTooLongError(n + 1);
      }
      parts.push(bytes.subarray(start, nl));
      n++;
      group.push(decoder.decode(parts.length === 1 ? parts[0] : Buffer.concat(parts)));
      parts = [];
      size = 0;
      start = nl + 1;
    }
    if (size + bytes.length - start > max) {
      if (group.length) yield group;
      throw new LineTooLongError(n + 1);
    }
    if (start < bytes.length) {
      // Copied: a stream may reuse the chunk's memory once it has been handed over.
      parts.push(Uint8Array.prototype.slice.call(bytes, start));
      size += bytes.length - start;
    }
    if (group.length) yield group;
  }
  if (size > 0) yield [decoder.decode(Buffer.concat(parts))];
}
