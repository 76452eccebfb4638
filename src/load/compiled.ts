/**
 * Validated lineages stored as JSON: the embedded lineage compiled at build time, and the user cache.
 * An entry is keyed by the sha256 of the source text, the format version and the captrace version,
 * so it is never stale; a corrupt or foreign entry is ignored.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import type { Problem } from "../problem.js";
import type { LineageFile } from "../schema.js";
import { FORMAT_VERSION } from "../vocabulary.js";

/** What a compiled entry holds. */
export interface CompiledLineage {
  format: number;
  captrace: string;
  /** The content key of the source: sha256 for the user cache, the quick key for the embedded lineage. */
  key: string;
  lineage: LineageFile;
  warnings: Problem[];
  /** Model ids in lineage order, so that loading need not sort them again. */
  order?: string[];
}

/** The sha256 of a lineage file's bytes, hex (crypto is loaded only when a user lineage needs it). */
export async function contentHash(content: Uint8Array): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(content).digest("hex");
}

/**
 * A fast 64-bit content key (length plus two multiplicative hash lanes) for the embedded lineage, which
 * only the package's own build writes: it spares the start of every query the crypto module.
 */
export function quickKey(bytes: Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    h1 = Math.imul(h1 ^ b, 2654435761);
    h2 = Math.imul(h2 ^ b, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${bytes.length}:${(h2 >>> 0).toString(16).padStart(8, "0")}${(h1 >>> 0).toString(16).padStart(8, "0")}`;
}

/** Reads an entry if it exists, parses, and matches this content key, format and version; otherwise undefined. */
export function readCompiled(path: string, key: string, version: string): CompiledLineage | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, "utf8")) as CompiledLineage;
    if (entry.format !== FORMAT_VERSION || entry.captrace !== version || entry.key !== key) return undefined;
    if (!entry.lineage || !Array.isArray(entry.lineage.steps) || typeof entry.lineage.models !== "object") return undefined;
    // JSON.parse makes every key, `__proto__` included, an own property: records are safe to read by id.
    return entry;
  } catch {
    return undefined;
  }
}

/** Writes an entry atomically (a temporary file renamed into place). Failures are silent: a cache is optional. */
export function writeCompiled(path: string, entry: CompiledLineage): boolean {
  const tmp = `${path}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, JSON.stringify(entry));
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
  return join(cacheDir(env), `${sha256}.f${FORMAT_VERSION}.json`);
}
