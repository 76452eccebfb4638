/**
 * Opens a lineage the fast way when it can: the embedded lineage from its build-time compiled copy,
 * a user lineage from the cache; only on a miss are yaml and zod loaded to validate it.
 */
import { buildGraph, type LineageGraph } from "../graph/build-graph.js";
import { writeCompact } from "../graph/compact.js";
import { lazyGraph } from "../graph/lazy-graph.js";
import { packageVersion } from "../package-root.js";
import { quickKey } from "../quick-key.js";
import { compiledEmbeddedPath } from "./embedded.js";
import { cacheHasher, cachePath, contentHash, readCompiled, writeCompiled } from "./compiled.js";
import type { LoadResult } from "./load-lineage.js";
import { decodeUtf8, readSourceBytes } from "./read-source.js";

/** How to open: which file is the embedded one, whether to use the user cache, and the environment. */
export interface OpenOptions {
  embedded?: string;
  cache?: boolean;
  env?: Record<string, string | undefined>;
}

/** A lineage opened for querying: its graph too, or the problems. */
export type OpenResult = (LoadResult & { ok: false }) | (LoadResult & { ok: true; graph: LineageGraph });

/** Reads, validates unless a compiled copy of exactly this file exists, and builds the graph. Never throws. */
export async function openLineage(file: string, realPath: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const raw = await readSourceBytes(file);
  if (!raw.ok) return { ok: false, file, problems: [raw.problem] };
  const version = packageVersion();
  const env = opts.env ?? {};
  const embedded = realPath === opts.embedded;
  const useCache = opts.cache === true && !embedded;
  const sha = useCache ? await contentHash(raw.bytes) : "";
  const hasher = useCache ? await cacheHasher() : undefined;
  const hit = embedded
    ? readCompiled(compiledEmbeddedPath(), quickKey(raw.bytes), version)
    : useCache
      ? readCompiled(cachePath(env, sha), sha, version, hasher)
      : undefined;
  if (hit) {
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
  const read = decodeUtf8(file, raw.bytes);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  const { loadLineageText } = await import("./load-lineage.js");
  const result = loadLineageText(read.text, file);
  if (!result.ok) return result;
  const graph = buildGraph(result.lineage, result.order);
  if (useCache) writeCompiled(cachePath(env, sha), (sink) => writeCompact(graph, result.warnings, sha, version, sink, hasher));
  return { ...result, graph };
}
