/**
 * Validated lineages stored in compact form (compact-bytes.ts): the embedded lineage compiled at build
 * time, and the user cache. An entry is keyed by the sha256 of the source bytes, the format version and
 * the captrace version, so it is never stale; a corrupt or foreign entry is ignored.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { decodeCompact, type ByteSink, type NewHasher, type StoredLineage } from "./compact-bytes.js";
import { FORMAT_VERSION } from "../vocabulary.js";

/** The sha256 of a lineage file's bytes, hex (crypto is loaded only when a user lineage needs it). */
export async function contentHash(content: Uint8Array): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(content).digest("hex");
}

/**
 * The checksum of user cache entries: sha256 (its first 128 bits, hex), which runs at native speed from
 * the first byte, where the quick key's loop runs in the interpreter until V8 compiles it (a cold start
 * pays that on every megabyte). The crypto module is loaded for the content hash anyway.
 */
export async function cacheHasher(): Promise<NewHasher> {
  const { createHash } = await import("node:crypto");
  return () => {
    const hash = createHash("sha256");
    return { update: (bytes: Uint8Array) => hash.update(bytes), digest: () => hash.digest("hex").slice(0, 32) };
  };
}

/** Opens an entry if it exists and is a whole compact lineage of this content key, format and version; otherwise undefined. */
export function readCompiled(path: string, key: string, version: string, newHasher?: NewHasher): StoredLineage | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return decodeCompact(bytes, key, version, newHasher);
}

/** An entry written to a temporary file: put in place, or thrown away. */
export interface PendingEntry {
  commit(): boolean;
  abort(): void;
}

/**
 * Writes an entry into a temporary file beside `path` (`write` streams it), to be renamed into place by
 * `commit`. Failures are silent (a cache is optional) and leave nothing behind.
 */
export function prepareCompiled(path: string, write: (sink: ByteSink) => void): PendingEntry | undefined {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}.tmp`;
  let fd: number | undefined;
  const abort = () => rmSync(tmp, { force: true });
  try {
    mkdirSync(dirname(path), { recursive: true });
    const file = (fd = openSync(tmp, "w"));
    write({
      write: (bytes) => writeAll(file, bytes),
      writeAt: (position, bytes) => writeAll(file, bytes, position),
    });
    closeSync(fd);
    fd = undefined;
  } catch {
    if (fd !== undefined) closeSync(fd);
    abort();
    return undefined;
  }
  return {
    commit() {
      try {
        renameSync(tmp, path);
        return true;
      } catch {
        abort();
        return false;
      }
    },
    abort,
  };
}

/** Writes an entry atomically: into a temporary file, then renamed into place. Silent on failure. */
export function writeCompiled(path: string, write: (sink: ByteSink) => void): boolean {
  return prepareCompiled(path, write)?.commit() ?? false;
}

/** Writes all of `bytes` (a write may take only part), at `position` or else where the file is. */
function writeAll(fd: number, bytes: Uint8Array, position?: number): void {
  for (let done = 0; done < bytes.byteLength; ) {
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position === undefined ? null : position + done);
  }
}

/** The user cache directory: `$XDG_CACHE_HOME/captrace`, else `~/.cache/captrace`. */
export function cacheDir(env: Record<string, string | undefined>): string {
  const base = env.XDG_CACHE_HOME && env.XDG_CACHE_HOME.startsWith("/") ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), ".cache");
  return join(base, "captrace");
}

/** Where the cache entry for a text's hash lives. */
export function cachePath(env: Record<string, string | undefined>, sha256: string): string {
  return join(cacheDir(env), `${sha256}.f${FORMAT_VERSION}.captrace`);
}
