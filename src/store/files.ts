/**
 * The file operations storage is built on: files written beside their place and renamed into it (so that
 * no reader sees half of one, and none is left behind by a failure or an exit), and reads that trust only
 * a regular file of a sane size that belongs to the user and that no one else may write (never following a
 * symbolic link, never blocking on a FIFO).
 */
import { EXIT } from "../exit-codes.js";
import { DamagedEntryError } from "../lineage-error.js";
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
  type Stats,
} from "node:fs";
import type { ByteSink } from "./compact-bytes.js";

/** A file written to a temporary name: put in place, or thrown away. */
export interface PendingFile {
  commit(): boolean;
  abort(): void;
}

/** The suffix of temporary files, which a later write removes once they are stale. */
export const TEMP_SUFFIX = ".tmp";

/** Temporary files of this process not yet committed or aborted, removed if the process exits first. */
const pending = new Set<string>();
let exitHook = false;

/** Removes a file, silently (a file that cannot be removed is left to the next write's sweep). */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // ENOTDIR, EACCES, EROFS...: nothing to do
  }
}

/** Removes every temporary file this process has not committed or aborted (on exit, interrupted). */
export function removePending(): void {
  for (const tmp of pending) removeQuietly(tmp);
  pending.clear();
  process.off("SIGINT", interrupted);
}

/** Ctrl-C while a temporary file is pending: remove it, then end as interrupted. */
function interrupted(): void {
  removePending();
  process.exit(EXIT.interrupted);
}

/** Notes a temporary file; the first one pending installs the Ctrl-C handler that removes them. */
function addPending(tmp: string): void {
  if (pending.size === 0) process.on("SIGINT", interrupted);
  pending.add(tmp);
}

/** Forgets a temporary file (committed or removed); with none left pending, Ctrl-C stops the process at once again. */
function dropPending(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) process.off("SIGINT", interrupted);
}

/**
 * Writes a file under a temporary name beside `path` (`write` streams it), created with `mode` (never
 * through a symbolic link), to be renamed into place by `commit`. Undefined on failure, leaving nothing.
 */
export function prepareFile(path: string, write: (sink: ByteSink) => void, mode: number): PendingFile | undefined {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}${TEMP_SUFFIX}`;
  const abort = () => {
    removeQuietly(tmp);
    dropPending(tmp);
  };
  let fd: number | undefined;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    if (!exitHook) {
      exitHook = true;
      process.once("exit", removePending);
    }
    addPending(tmp);
    const file = fd;
    write({
      write: (bytes) => writeAll(file, bytes),
      writeAt: (position, bytes) => writeAll(file, bytes, position),
    });
    closeSync(fd);
    fd = undefined;
  } catch {
    if (fd !== undefined) closeQuietly(fd);
    abort();
    return undefined;
  }
  return {
    commit() {
      try {
        renameSync(tmp, path);
        dropPending(tmp);
        return true;
      } catch {
        abort();
        return false;
      }
    },
    abort,
  };
}

/** Writes a file atomically (a temporary file renamed into place). Silent on failure. */
export function writeFileAtomic(path: string, write: (sink: ByteSink) => void, mode: number): boolean {
  return prepareFile(path, write, mode)?.commit() ?? false;
}

/** Writes all of `bytes` (a write may take only part), at `position` or else where the file is. */
function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let done = 0; done < bytes.byteLength;) {
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position === undefined ? null : position + done);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/**
 * Whether what a stat describes belongs to `uid` and no one else may write it (group or others). With no
 * `uid` (a system without user ids, whose mode bits mean nothing) anything passes.
 */
export function ownedPrivately(stat: Pick<Stats, "uid" | "mode">, uid: number | undefined): boolean {
  return uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
}

/** How a trusted read checks what it opens. */
export interface TrustedRead {
  /** The owner required (undefined: none checked, where there are no user ids). */
  uid: number | undefined;
  /** The largest size accepted, in bytes. */
  maxBytes: number;
  /** When set, a file last modified before this time (ms since the epoch) gets its modification time set to now (recency for pruning). */
  touchBefore?: number;
}

/** A file opened for reading by `openTrusted`: its size, and reads at any offset (closed when it is collected). */
export interface TrustedFile {
  readonly size: number;
  /** `length` bytes from `offset` in a buffer of their own (fewer only past the end); throws DamagedEntryError on an I/O error. */
  read(offset: number, length: number): Uint8Array;
  close(): void;
}

/** Closes what a dropped TrustedFile still holds open. */
const openFiles = new FinalizationRegistry<number>((fd) => closeQuietly(fd));

/**
 * `path` opened for reading if it is a regular file, owned by the user and writable by no one else, of at
 * most `maxBytes`; otherwise undefined. Never follows a symbolic link, never blocks (a FIFO), never throws.
 * Reads see the file that was checked, whatever is renamed over its path meanwhile.
 */
export function openTrusted(path: string, check: TrustedRead): TrustedFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  let size: number;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || !ownedPrivately(stat, check.uid) || stat.size > check.maxBytes) {
      closeQuietly(fd);
      return undefined;
    }
    // Reads stop at the size stat gave: a file that grows meanwhile cannot make them larger.
    size = stat.size;
    if (check.touchBefore !== undefined && stat.mtimeMs < check.touchBefore) {
      try {
        futimesSync(fd, new Date(), new Date());
      } catch {
        // recency is a hint
      }
    }
  } catch {
    closeQuietly(fd);
    return undefined;
  }
  let open = true;
  const file: TrustedFile = {
    size,
    read(offset, length) {
      const want = Math.max(0, Math.min(length, size - offset));
      // A buffer of its own (not from the shared pool): typed-array views of it are 4-byte aligned.
      const bytes = new Uint8Array(want);
      try {
        let done = 0;
        while (done < want) {
          const n = readSync(fd, bytes, done, want - done, offset + done);
          if (n === 0) break;
          done += n;
        }
        return done === want ? bytes : bytes.subarray(0, done);
      } catch (error) {
        throw new DamagedEntryError(`${path} could not be read: ${(error as Error).message}`);
      }
    },
    close() {
      if (!open) return;
      open = false;
      openFiles.unregister(file);
      closeQuietly(fd);
    },
  };
  openFiles.register(file, fd, file);
  return file;
}

/**
 * The bytes of `path` if it is a regular file, owned by the user and writable by no one else, of at most
 * `maxBytes`; otherwise undefined. Never follows a symbolic link, never blocks (a FIFO), never throws.
 */
export function readTrusted(path: string, check: TrustedRead): Buffer | undefined {
  const file = openTrusted(path, check);
  if (!file) return undefined;
  try {
    const bytes = file.read(0, file.size);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return undefined;
  } finally {
    file.close();
  }
}
