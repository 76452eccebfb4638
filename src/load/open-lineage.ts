/**
 * Opens a lineage the fast way when it can: the embedded lineage from its build-time compiled copy,
 * a user lineage from the cache; only on a miss are yaml and zod loaded to validate it.
 */
import { buildGraph, type LineageGraph } from "../graph/build-graph.js";
import { writeCompact, type CompactLineage } from "../graph/compact.js";
import { lazyGraph } from "../graph/lazy-graph.js";
import { packageVersion } from "../package-root.js";
import { quickKey } from "../quick-key.js";
import { compiledEmbeddedPath } from "./embedded.js";
import { cacheHasher, cachePath, contentHash, prepareCompiled, readCompiled, writeCompiled } from "./compiled.js";
import { defaultWorkerFile, loadInParallel, useParallel } from "./load-parallel.js";
import type { LoadResult } from "./load-lineage.js";
import { knownHash, rememberHash } from "./known-hashes.js";
import { decodeUtf8, readSourceBytes, stampOf } from "./read-source.js";

/** How to open: which file is the embedded one, whether to use the user cache, and the environment. */
export interface OpenOptions {
  embedded?: string;
  cache?: boolean;
  env?: Record<string, string | undefined>;
  /** The schema-check worker script for large JSON lineages (default: the one built beside this module); false: none. */
  worker?: string | false;
  /** The size from which a JSON lineage is loaded in parallel (default PARALLEL_MIN_BYTES). */
  parallelMinBytes?: number;
  /** How long before its hashing a file must have last changed for its remembered hash to be trusted (default 2 s). */
  racyMs?: number;
}

/** A lineage opened for querying: its graph too, or the problems. */
export type OpenResult = (LoadResult & { ok: false }) | (LoadResult & { ok: true; graph: LineageGraph });

/** Reads, validates unless a compiled copy of exactly this file exists, and builds the graph. Never throws. */
export async function openLineage(file: string, realPath: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const version = packageVersion();
  const env = opts.env ?? {};
  const embedded = realPath === opts.embedded;
  const useCache = opts.cache === true && !embedded;
  const hasher = useCache ? await cacheHasher() : undefined;
  // A file unchanged since it was last hashed is answered from its cache entry without being read.
  const stamp = useCache ? stampOf(file) : undefined;
  const known = stamp ? await knownHash(env, realPath, stamp, opts.racyMs) : undefined;
  const early = known === undefined ? undefined : readCompiled(cachePath(env, known), known, version, hasher);
  if (early) return opened(early);
  const raw = await readSourceBytes(file);
  if (!raw.ok) return { ok: false, file, problems: [raw.problem] };
  const sha = useCache ? await contentHash(raw.bytes) : "";
  if (stamp && sha !== known) await rememberHash(env, realPath, stamp, sha);
  const hit = embedded
    ? readCompiled(compiledEmbeddedPath(), quickKey(raw.bytes), version)
    : useCache
      ? readCompiled(cachePath(env, sha), sha, version, hasher)
      : undefined;
  if (hit) return opened(hit);
  const read = decodeUtf8(file, raw.bytes);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  const worker = opts.worker === false ? undefined : (opts.worker ?? defaultWorkerFile());
  if (useParallel(file, raw.bytes.length, worker, opts.parallelMinBytes)) {
    // The graph is built, and the cache entry written aside, while a worker checks the schema.
    const outcome = await loadInParallel(read.text, raw.bytes, file, worker, (lineage, order, warnings) => {
      const graph = buildGraph(lineage, order);
      const entry = useCache ? prepareCompiled(cachePath(env, sha), (sink) => writeCompact(graph, warnings, sha, version, sink, hasher)) : undefined;
      return { graph, entry };
    });
    outcome.discarded?.entry?.abort();
    const { result, built } = outcome;
    if (result?.ok && built) {
      built.entry?.commit();
      return { ...result, graph: built.graph };
    }
    if (result) return graphOf(result);
  }
  const { loadLineageText } = await import("./load-lineage.js");
  return graphOf(loadLineageText(read.text, file));

  /** A compact lineage, opened. */
  function opened(hit: CompactLineage): OpenResult {
    const graph = lazyGraph(hit);
    // `lineage` is read through the graph, which parses it only if asked.
    return {
      ok: true,
      file,
      get lineage() {
        return graph.lineage;
      },
      warnings: hit.header.warnings.map((w) => ({ ...w, file })),
      graph,
    };
  }

  /** A loaded lineage's graph, written to the cache. */
  function graphOf(result: LoadResult): OpenResult {
    if (!result.ok) return result;
    const graph = buildGraph(result.lineage, result.order);
    if (useCache) writeCompiled(cachePath(env, sha), (sink) => writeCompact(graph, result.warnings, sha, version, sink, hasher));
    return { ...result, graph };
  }
}
