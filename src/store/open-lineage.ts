/**
 * Opening a lineage for querying: the one way the library, `validate` and every command get a graph. It
 * takes the fast way when it can: the embedded lineage from its build-time compiled copy, a user lineage
 * from the cache (without reading the file when its stamp is unchanged); only on a miss are yaml and zod
 * loaded to validate it, large JSON on two threads. The file is read by its real path, resolved against
 * `cwd`; the display name is used in messages only.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { buildGraph, type LineageGraph } from "../graph/build-graph.js";
import { lazyGraph } from "../graph/lazy-graph.js";
import type { LoadResult } from "../load/load-lineage.js";
import { decodeUtf8, isDumpPath, isJsonPath, readSourceBytes, stampOf } from "../load/read-source.js";
import { storeVersion } from "./store-version.js";
import { unplacedWarnings, type PendingWarnings, type Problem } from "../problem.js";
import { writeCompact, type StoredLineage } from "./compact-bytes.js";
import {
  cacheHasher,
  contentHash,
  entryKey,
  prepareCacheEntry,
  readCacheEntry,
  readCompiled,
  type SourceKind,
} from "./compiled.js";
import { compiledEmbeddedPath, embeddedLineagePath } from "./embedded.js";
import { knownHash, rememberHash } from "./known-hashes.js";
import { defaultWorkerFile, loadInParallel, useParallel } from "./load-parallel.js";
import { quickKey } from "./quick-key.js";
import { UserCache } from "./user-cache.js";

/** The lineage that ships inside the package, as a source to open. */
export const EMBEDDED: unique symbol = Symbol("captrace: the embedded lineage");

/** What to open: a lineage file's path (relative to `cwd`), or the embedded lineage. */
export type LineageSource = string | typeof EMBEDDED;

/** How to open a lineage. Every field is optional. */
export interface OpenOptions {
  /** The directory a relative path is resolved against (default: the process's working directory). */
  cwd?: string;
  /**
   * The file's name in messages (default: the path as given, or relative to `cwd` when it lies below it).
   * Its extension chooses the parser, as the file's own does.
   */
  name?: string;
  /** Whether to read and write the user cache of validated lineages (default false). */
  cache?: boolean;
  /** The environment: XDG_CACHE_HOME and HOME place the cache (default: the process's). */
  env?: Record<string, string | undefined>;
  /**
   * Told, at most once per opening, why the cache is not used when it cannot be (HOME=/dev/null, a cache
   * directory that is a file or another user's, a full disk); the lineage is opened without it. Storage
   * never prints: the caller shows the message (escaped: it holds a path).
   */
  onWarning?: (message: string) => void;
  /** The user the cache must belong to (default: the process's). */
  uid?: number;
  /** The most bytes of entries the cache keeps (default CACHE_MAX_BYTES). */
  cacheMaxBytes?: number;
  /** The schema-check worker script for large JSON lineages (default: the one built beside this module); false: none. */
  worker?: string | false;
  /** The size from which a JSON lineage is loaded in parallel (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** How long before its hashing a file must have last changed for its remembered hash to be trusted (default 2 s). */
  racyMs?: number;
  /**
   * Place the warnings of a lineage opened from a stored copy (the cache, the compiled embedded lineage)
   * in its file, reading the file again (default false: such warnings have no line or column; a lineage
   * validated now always has them placed, when they are first read).
   */
  placeWarnings?: boolean;
}

/** Where an opened lineage came from: the compiled embedded copy, the user cache, or its source, validated now. */
export type OpenedVia = "compiled" | "cache" | "source";

/** A lineage opened for querying: its graph too, or every problem found. */
export type Opened = (LoadResult & { ok: false }) | (LoadResult & { ok: true; graph: LineageGraph; via: OpenedVia });

/** A path as messages show it: relative to `cwd` when it lies below it, else as given. */
export function displayName(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** Opens a lineage: reads, validates unless a compiled copy of exactly this file exists, and builds the graph. Never throws. */
export async function openLineage(source: LineageSource, opts: OpenOptions = {}): Promise<Opened> {
  const cwd = opts.cwd ?? process.cwd();
  const realPath = resolve(cwd, source === EMBEDDED ? embeddedLineagePath() : source);
  const file = opts.name ?? displayName(source === EMBEDDED ? realPath : source, cwd);
  const version = storeVersion();
  const env = opts.env ?? process.env;
  const embedded = source === EMBEDDED || realPath === embeddedLineagePath();
  const cache =
    opts.cache === true && !embedded
      ? new UserCache({ env, uid: opts.uid, onWarning: opts.onWarning, maxBytes: opts.cacheMaxBytes })
      : undefined;
  // The parser is chosen by the name's extension (loadLineageText's rule), and so is the cache entry.
  const kind: SourceKind = isDumpPath(file)
    ? /\.csv$/i.test(file)
      ? "csv"
      : "jsonl"
    : isJsonPath(file)
      ? "json"
      : "yaml";
  const hasher = cache ? await cacheHasher() : undefined;
  // A file unchanged since it was last hashed is answered from its cache entry without being read.
  const stamp = cache ? stampOf(realPath) : undefined;
  const known = cache && stamp ? await knownHash(cache, realPath, stamp, opts.racyMs) : undefined;
  const early =
    cache && stamp && known !== undefined
      ? readCacheEntry(cache, kind, known, Number(stamp.size), version, hasher!)
      : undefined;
  if (early) return opened(early, "cache", known!);
  const worker = opts.worker === false ? undefined : (opts.worker ?? defaultWorkerFile());
  if (kind === "jsonl" || kind === "csv") return openDump();
  const raw = await readSourceBytes(realPath);
  if (!raw.ok) return { ok: false, file, problems: [named(raw.problem)] };
  const sha = cache ? await contentHash(raw.bytes) : "";
  if (cache && stamp && sha !== known) await rememberHash(cache, realPath, stamp, sha);
  const hit = embedded
    ? readCompiled(compiledEmbeddedPath(), quickKey(raw.bytes), version)
    : cache
      ? readCacheEntry(cache, kind, sha, raw.bytes.length, version, hasher!)
      : undefined;
  if (hit) return opened(hit, embedded ? "compiled" : "cache", embedded ? quickKey(raw.bytes) : sha);
  const entry = (graph: LineageGraph, warnings: PendingWarnings) =>
    cache
      ? prepareCacheEntry(cache, kind, sha, version, (sink) =>
          writeCompact(graph, warnings, entryKey(kind, sha), version, sink, hasher),
        )
      : undefined;
  const read = decodeUtf8(file, raw.bytes);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  if (useParallel(file, raw.bytes.length, worker, opts.parallelMinBytes)) {
    // The graph is built, and the cache entry written aside, while a worker checks the schema.
    const outcome = await loadInParallel(read.text, raw.bytes, file, worker, (lineage, order, warnings) => {
      const graph = buildGraph(lineage, order);
      return { graph, entry: entry(graph, warnings) };
    });
    outcome.discarded?.entry?.abort();
    const { result, built } = outcome;
    if (result?.ok && built) {
      built.entry?.commit();
      return withGraph(result, () => built.graph);
    }
    if (result) return graphOf(result);
  }
  const { loadLineageText } = await import("../load/load-lineage.js");
  return graphOf(loadLineageText(read.text, file));

  /**
   * A hub dump, streamed (it is never read whole): hashed first, to find its cache entry; on a miss
   * converted and validated (open-dump.ts), the schema on the worker while the graph is built.
   */
  async function openDump(): Promise<Opened> {
    const { checkDumpFile, hashFile, loadDump } = await import("./open-dump.js");
    const checked = checkDumpFile(realPath, file);
    if (!checked.ok) return { ok: false, file, problems: [checked.problem] };
    const sha = cache ? await hashFile(realPath) : undefined;
    if (cache && sha !== undefined) {
      if (stamp && sha !== known) await rememberHash(cache, realPath, stamp, sha);
      const hit = readCacheEntry(cache, kind, sha, checked.size, version, hasher!);
      if (hit) return opened(hit, "cache", sha);
    }
    // The entry is keyed by the bytes hashed; it is kept only if they are the bytes converted (unchanged meanwhile).
    const prepare = (graph: LineageGraph, warnings: PendingWarnings) =>
      cache && sha !== undefined
        ? prepareCacheEntry(cache, kind, sha, version, (sink) =>
            writeCompact(graph, warnings, entryKey(kind, sha), version, sink, hasher),
          )
        : undefined;
    const outcome = await loadDump(realPath, file, worker, (lineage, order, warnings) => {
      const graph = buildGraph(lineage, order);
      return { graph, entry: prepare(graph, warnings) };
    });
    outcome.discarded?.entry?.abort();
    const { result, built } = outcome;
    const same = outcome.sha256 === sha;
    if (result.ok && built) {
      if (same) built.entry?.commit();
      else built.entry?.abort();
      return withGraph(result, () => built.graph);
    }
    if (!result.ok) return result;
    const graph = buildGraph(result.lineage, result.order);
    if (same) prepare(graph, result.pending)?.commit();
    return withGraph(result, () => graph);
  }

  /** A problem of reading the real path, told under the display name. */
  function named(problem: Problem): Problem {
    return { ...problem, file };
  }

  /** A compact lineage, opened; `key` is the content key of the source it was made from. */
  async function opened(hit: StoredLineage, via: OpenedVia, key: string): Promise<Opened> {
    const graph = lazyGraph(hit);
    // The stored warnings' section is read, and parsed, once: when first asked for.
    let pending: PendingWarnings | undefined;
    const stored = () => (pending ??= hit.warnings());
    let warnings = opts.placeWarnings ? await placed(stored(), key) : undefined;
    // `lineage` is read through the graph, which parses it only if asked; the warnings too are read when asked.
    return {
      ok: true,
      file,
      get lineage() {
        return graph.lineage;
      },
      get warnings() {
        return (warnings ??= unplacedWarnings(file, stored()));
      },
      get pending() {
        return stored();
      },
      graph,
      via,
    };
  }

  /** Stored warnings placed in the source, read again: unplaced if it is no longer the file they were found in. */
  async function placed(pending: PendingWarnings, key: string): Promise<Problem[]> {
    if (pending.issues.length === 0) return unplacedWarnings(file, pending);
    const raw = await readSourceBytes(realPath);
    const same = raw.ok && (embedded ? quickKey(raw.bytes) : await contentHash(raw.bytes)) === key;
    const text = raw.ok && same ? decodeUtf8(file, raw.bytes) : undefined;
    if (!text?.ok) return unplacedWarnings(file, pending);
    const { locateWarnings } = await import("../load/load-lineage.js");
    return locateWarnings(text.text, file, pending).map((w) => ({ ...w, file }));
  }

  /** A loaded lineage's graph, written to the cache; without a cache, built when first asked for (validate never is). */
  function graphOf(result: LoadResult): Opened {
    if (!result.ok) return result;
    const build = () => buildGraph(result.lineage, result.order);
    if (!cache) return withGraph(result, build);
    const graph = build();
    entry(graph, result.pending)?.commit();
    return withGraph(result, () => graph);
  }
}

/** A valid load result with its graph (made when first read), opened from the source; its warnings are placed only when read. */
function withGraph(result: LoadResult & { ok: true }, make: () => LineageGraph): Opened {
  let graph: LineageGraph | undefined;
  return {
    ok: true,
    file: result.file,
    lineage: result.lineage,
    order: result.order,
    pending: result.pending,
    get warnings() {
      return result.warnings;
    },
    get graph() {
      return (graph ??= make());
    },
    via: "source",
  };
}
