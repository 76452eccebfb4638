/**
 * Validated lineages stored in compact form (graph/compact.ts): the embedded lineage compiled at build
 * time, and the user cache. An entry is keyed by the sha256 of the source bytes, the format version and
 * the captrace version, so it is never stale; a corrupt or foreign entry is ignored.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { decodeCompact, type CompactLineage } from "../graph/compact.js";
import { FORMAT_VERSION } from "../vocabulary.js";

/** The sha256 of a lineage file's bytes, hex (crypto is loaded only when a user lineage needs it). */
export async function contentHash(content: Uint8Array): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(content).digest("hex");
}

/** Opens an entry if it exists and is a whole compact lineage of this content key, format and version; otherwise undefined. */
export function readCompiled(path: string, key: string, version: string): CompactLineage | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return decodeCompact(bytes, key, version);
}

/** Writes an entry atomically (a temporary file renamed into place). Failures are silent: a cache is optional. */
export function writeCompiled(path: string, bytes: Uint8Array): boolean {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
    return true;
  } catch {
    rmSync(tmp, { force: true });
    return false;
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
