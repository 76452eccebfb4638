/**
 * Validated lineages stored in compact form (compact-bytes.ts): the embedded lineage compiled at build
 * time, and the entries of the user cache (user-cache.ts). An entry is named and keyed by everything that
 * decides whether its source is valid: the parser (the file's kind, by its extension), the sha256 of the
 * source bytes, the format version and the captrace version (which fixes the rules and limits). So it is
 * never stale; a corrupt or foreign entry is ignored.
 */
import { readFileSync } from "node:fs";
import { DamagedEntryError } from "../lineage-error.js";
import { FORMAT_VERSION } from "../vocabulary.js";
import type { RecordKind } from "../graph/compact.js";
import { decodeCompact, type ByteSink, type NewHasher, type StoredLineage } from "./compact-bytes.js";
import { writeFileAtomic, type PendingFile } from "./files.js";
import { ENTRY_SUFFIX, type UserCache } from "./user-cache.js";

/** Which parser reads a lineage: strict JSON, YAML, or the hub dump importer (JSON Lines or CSV rows). */
export type SourceKind = "json" | "yaml" | "jsonl" | "csv";

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

/** The content key a cache entry holds: the parser and the sha256 of the source. */
export function entryKey(kind: SourceKind, sha256: string): string {
  return `${kind}:${sha256}`;
}

/** The file name of a cache entry: its key, the format version and the captrace version. */
export function entryName(kind: SourceKind, sha256: string, version: string): string {
  return `${sha256}.${kind}.f${FORMAT_VERSION}.v${version.replace(/[^0-9A-Za-z.+-]/g, "_")}${ENTRY_SUFFIX}`;
}

/**
 * The largest entry a source of `sourceBytes` can have: its records as compact JSON (defaults added) and
 * a few index bytes per model, step and claim stay well within 8 bytes per source byte (measured: 0.94 on
 * the embedded lineage, 1.5 on the test fixtures, 2.3 on 2,000 steps of the fewest fields YAML allows).
 * Anything larger is not an entry, and is not read.
 */
export function entryMaxBytes(sourceBytes: number, kind: SourceKind = "yaml"): number {
  return (kind === "jsonl" || kind === "csv" ? DUMP_ENTRY_FACTOR : 8) * sourceBytes + (1 << 20);
}

/**
 * A hub dump's rows are terser than the lineage made of them: a CSV row of a bare id (`org/name`) becomes a
 * model with a name and a Hub URL (measured: 3.0 bytes of entry per byte on the bench's 1M-model JSON Lines
 * dump, 6 on a CSV of ids and bases). 32 leaves room for the tersest rows.
 */
const DUMP_ENTRY_FACTOR = 32;

/** The user cache's entry for a source, if there is a trusted, whole one of this key, format and version. */
export function readCacheEntry(
  cache: UserCache,
  kind: SourceKind,
  sha256: string,
  sourceBytes: number,
  version: string,
  hasher: NewHasher,
): StoredLineage | undefined {
  const file = cache.open("", entryName(kind, sha256, version), entryMaxBytes(sourceBytes, kind));
  if (!file) return undefined;
  // The file stays open for the entries' texts, read when a query asks for them (closed when collected).
  const stored = decodeCompact(file, entryKey(kind, sha256), version, hasher);
  if (!stored) {
    file.close();
    return undefined;
  }
  // An entry found damaged when read is removed, so that the next run validates the source again.
  const removing =
    <A extends unknown[], R>(read: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return read(...args);
      } catch (error) {
        if (error instanceof DamagedEntryError) cache.remove("", entryName(kind, sha256, version));
        throw error;
      }
    };
  return {
    ...stored,
    entry: removing((kind: RecordKind, i: number) => stored.entry(kind, i)),
    warnings: removing(() => stored.warnings()),
  };
}

/** Writes the user cache's entry for a source to a temporary file, to be committed or aborted. */
export function prepareCacheEntry(
  cache: UserCache,
  kind: SourceKind,
  sha256: string,
  version: string,
  write: (sink: ByteSink) => void,
): PendingFile | undefined {
  return cache.prepare("", entryName(kind, sha256, version), write);
}

/** Opens a compiled lineage file (the package's embedded copy) if it is a whole one of this key, format and version. */
export function readCompiled(
  path: string,
  key: string,
  version: string,
  newHasher?: NewHasher,
): StoredLineage | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return decodeCompact(bytes, key, version, newHasher);
}

/** Writes a compiled lineage file atomically, readable by all (the build's embedded copy). Silent on failure. */
export function writeCompiled(path: string, write: (sink: ByteSink) => void): boolean {
  return writeFileAtomic(path, write, 0o644);
}
