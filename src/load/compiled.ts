/**
 * Validated lineages stored as JSON: the embedded lineage compiled at build time, and the user cache.
 * An entry is keyed by the sha256 of the source text, the format version and the captrace version,
 * so it is never stale; a corrupt or foreign entry is ignored.
 */
import { createHash, randomBytes } from "node:crypto";
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
  sha256: string;
  lineage: LineageFile;
  warnings: Problem[];
  /** Model ids in lineage order, so that loading need not sort them again. */
  order?: string[];
}

/** The sha256 of a lineage file's bytes (or of its text, as UTF-8), hex. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** Reads an entry if it exists, parses, and matches this text, format and version; otherwise undefined. */
export function readCompiled(path: string, sha256: string, version: string): CompiledLineage | undefined {
  try {
    const entry = JSON.parse(readFileSync(path, "utf8")) as CompiledLineage;
    if (entry.format !== FORMAT_VERSION || entry.captrace !== version || entry.sha256 !== sha256) return undefined;
    if (!entry.lineage || !Array.isArray(entry.lineage.steps) || typeof entry.lineage.models !== "object") return undefined;
    // JSON.parse makes every key, `__proto__` included, an own property: records are safe to read by id.
    return entry;
  } catch {
    return undefined;
  }
}

/** Writes an entry atomically (a temporary file renamed into place). Failures are silent: a cache is optional. */
export function writeCompiled(path: string, entry: CompiledLineage): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
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
