/**
 * Opens a lineage the fast way when it can: the embedded lineage from its build-time compiled copy,
 * a user lineage from the cache; only on a miss are yaml and zod loaded to validate it.
 */
import { packageVersion } from "../package-root.js";
import { compiledEmbeddedPath } from "./embedded.js";
import { cachePath, contentHash, readCompiled, writeCompiled, type CompiledLineage } from "./compiled.js";
import type { LoadResult } from "./load-lineage.js";
import { readSource } from "./read-source.js";

/** How to open: which file is the embedded one, whether to use the user cache, and the environment. */
export interface OpenOptions {
  embedded?: string;
  cache?: boolean;
  env?: Record<string, string | undefined>;
}

/** Reads, and validates unless a compiled copy of exactly this text exists. Never throws. */
export async function openLineage(file: string, realPath: string, opts: OpenOptions = {}): Promise<LoadResult> {
  const read = await readSource(file);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  const sha = contentHash(read.text);
  const version = packageVersion();
  const env = opts.env ?? {};
  const useCache = opts.cache === true && realPath !== opts.embedded;
  const hit =
    (realPath === opts.embedded ? readCompiled(compiledEmbeddedPath(), sha, version) : undefined) ??
    (useCache ? readCompiled(cachePath(env, sha), sha, version) : undefined);
  if (hit) return { ok: true, file, lineage: hit.lineage, warnings: hit.warnings.map((w) => ({ ...w, file })) };
  const { loadLineageText } = await import("./load-lineage.js");
  const result = loadLineageText(read.text, file);
  if (result.ok && useCache) {
    const entry: CompiledLineage = { format: 1, captrace: version, sha256: sha, lineage: result.lineage, warnings: result.warnings };
    writeCompiled(cachePath(env, sha), entry);
  }
  return result;
}
