/** Reads a lineage file as text, refusing what is not a readable UTF-8 file within the size limits. */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { LIMITS } from "../limits.js";
import type { Problem } from "../problem.js";

/** The text of a lineage file, or the one problem that stopped it being read. */
export type ReadResult = { ok: true; text: string } | { ok: false; problem: Problem };

/** Whether a path names a JSON lineage (by its extension). */
export function isJsonPath(file: string): boolean {
  return /\.json$/i.test(file);
}

/** Whether a path names a hub dump, opened as a lineage by converting its rows (by its extension): JSON Lines (`.jsonl`, `.ndjson`) or CSV. */
export function isDumpPath(file: string): boolean {
  return /\.(jsonl|ndjson|csv)$/i.test(file);
}

function fail(
  file: string,
  message: string,
  line: number | null = null,
  column: number | null = null,
): { ok: false; problem: Problem } {
  return { ok: false, problem: { file, line, column, severity: "error", message, path: [] } };
}

/** Decodes UTF-8 strictly; on bad bytes, reports the line and column of the first one. */
export function decodeUtf8(file: string, bytes: Uint8Array): ReadResult {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const lossy = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const at = lossy.indexOf("\uFFFD");
    const before = lossy.slice(0, Math.max(0, at));
    const line = before.split("\n").length;
    const column = at - before.lastIndexOf("\n");
    return fail(file, "not valid UTF-8 text (a lineage file must be UTF-8)", line, column);
  }
}

function describeErrno(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a lineage file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many symbolic links";
    case "ENAMETOOLONG":
      return "file name too long";
    default:
      return `cannot be read (${code ?? "unknown error"})`;
  }
}

/** The bytes of a lineage file, or the one problem that stopped them being read. */
export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; problem: Problem };

/** Reads `file` as text; never throws. */
export async function readSource(file: string): Promise<ReadResult> {
  const read = await readSourceBytes(file);
  return read.ok ? decodeUtf8(file, read.bytes) : read;
}

/** Reads `file`'s bytes; never throws. A directory, FIFO or device is refused before any read blocks. */
// eslint-disable-next-line @typescript-eslint/require-await -- async so that every failure is a resolved result, never a throw
export async function readSourceBytes(file: string): Promise<BytesResult> {
  let fd: number;
  try {
    // O_NONBLOCK keeps open() of a FIFO with no writer from hanging.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return fail(file, describeErrno((error as NodeJS.ErrnoException).code));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail(file, "is a directory, not a lineage file");
    if (!stat.isFile())
      return fail(file, "is not a regular file (a pipe, socket or device cannot be read as a lineage)");
    const json = isJsonPath(file);
    const max = json ? LIMITS.maxJsonBytes : LIMITS.maxYamlBytes;
    if (stat.size > max) {
      const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
      return fail(file, `file is too large (${mb(stat.size)}; the limit for ${json ? "JSON" : "YAML"} is ${mb(max)})`);
    }
    return { ok: true, bytes: readFileSync(fd) };
  } catch (error) {
    return fail(file, describeErrno((error as NodeJS.ErrnoException).code));
  } finally {
    try {
      closeSync(fd);
    } catch {
      // already closed: nothing to do
    }
  }
}

/** What the file system says of a file's current content, without reading it: identity, size and change times. */
export interface FileStamp {
  dev: string;
  ino: string;
  size: string;
  /** Nanoseconds since the epoch. */
  mtimeNs: string;
  ctimeNs: string;
}

/** The stamp of a regular file, or undefined (missing, not a regular file, unreadable metadata). */
export function stampOf(file: string): FileStamp | undefined {
  try {
    const st = statSync(file, { bigint: true });
    if (!st.isFile()) return undefined;
    return {
      dev: String(st.dev),
      ino: String(st.ino),
      size: String(st.size),
      mtimeNs: String(st.mtimeNs),
      ctimeNs: String(st.ctimeNs),
    };
  } catch {
    return undefined;
  }
}
