/** The library's way to open a lineage (`loadLineage`): the same entry point as the CLI's, throwing on problems. */
import type { LineageGraph } from "../graph/build-graph.js";
import { LineageError } from "../lineage-error.js";
import { EMBEDDED, openLineage, type LineageSource, type OpenOptions } from "./open-lineage.js";

/**
 * Opens a lineage (the embedded one by default) into its graph through openLineage: a relative path
 * against `opts.cwd`, the user cache only if `opts.cache`. Throws LineageError with every problem found.
 */
export async function openGraph(source: LineageSource = EMBEDDED, opts: OpenOptions = {}): Promise<LineageGraph> {
  const opened = await openLineage(source, opts);
  if (!opened.ok) throw new LineageError(opened.problems);
  return opened.graph;
}
