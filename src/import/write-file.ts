/** Writing files without losing what was there: a new file never replaces one, a rewrite is all or nothing. */
import {
  chmodSync,
  closeSync,
  constants,
  linkSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { randomBytes } from "node:crypto";

/** Temporary files of this process still being written, removed if the process exits first (Ctrl-C). */
const pending = new Set<string>();
let exitHook = false;

function track(tmp: string): void {
  if (!exitHook) {
    exitHook = true;
    process.once("exit", () => {
      for (const t of pending) rmSync(t, { force: true });
    });
  }
  pending.add(tmp);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
}

/** Raised when the file to create is already there. */
export class FileExistsError extends Error {}

/** Raised when the file to rewrite changed between reading it and writing it back. */
export class FileChangedError extends Error {}

/** Writes the chunks `produce` gives to a new temporary file next to `path`, `mode` its permissions; returns its name. */
function writeTemp(path: string, produce: (write: (chunk: string) => void) => void, mode: number): string {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  // O_EXCL and O_NOFOLLOW: never through a file or link someone planted under that name.
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  track(tmp);
  try {
    produce((chunk) => void writeSync(fd, chunk));
    chmodSync(tmp, mode); // the mode given to open is cut by the umask; a rewrite keeps the original's
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    untrack(tmp);
    throw err;
  }
  closeSync(fd);
  return tmp;
}

/**
 * Creates `path` holding what `produce` writes, whole or not at all. A hard link publishes the finished
 * file: unlike a rename it fails when `path` exists, so a file (or a link) that appeared meanwhile is never replaced.
 */
export function createNewFile(path: string, produce: (write: (chunk: string) => void) => void): void {
  const tmp = writeTemp(path, produce, 0o644);
  try {
    linkSync(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new FileExistsError(path);
    throw err;
  } finally {
    rmSync(tmp, { force: true });
    untrack(tmp);
  }
}

/** What a file looked like when it was read, to tell whether it changed before it is written back. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The stamp of `path` now. */
export function stampOf(path: string): FileStamp {
  const st = statSync(path);
  return { size: st.size, mtimeMs: st.mtimeMs };
}

/**
 * Replaces the file `path` (through a symbolic link, the file it names) with `text` atomically: a
 * temporary file with the original's permissions, renamed over it. Refuses when the file's stamp is no
 * longer `read` (someone changed it meanwhile), so their edit is not lost.
 */
export function replaceFile(path: string, text: string, read: FileStamp): void {
  const real = realpathSync(path);
  const st = statSync(real);
  if (st.size !== read.size || st.mtimeMs !== read.mtimeMs) throw new FileChangedError(path);
  const tmp = writeTemp(real, (write) => write(text), st.mode & 0o7777);
  try {
    renameSync(tmp, real);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    untrack(tmp);
  }
}
