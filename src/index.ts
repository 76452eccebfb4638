/** The captrace library: load a lineage, then ask it questions. The CLI is a thin layer over these. */
import type { LineageGraph } from "./graph/build-graph.js";
import { openGraph } from "./store/open-graph.js";
import { EMBEDDED, type OpenOptions } from "./store/open-lineage.js";
import type { graphView } from "./query/graph-view.js";

/** What `graphView` takes: the ability to colour models by. */
export type GraphViewArgs = NonNullable<Parameters<typeof graphView>[1]>;

/** Loads and validates a lineage file (the embedded GPT-3 to ChatGPT lineage by default) into a graph. Throws LineageError. */
export async function loadLineage(file?: string, opts: OpenOptions = {}): Promise<LineageGraph> {
  return openGraph(file ?? EMBEDDED, opts);
}

export { buildGraph, type LineageGraph } from "./graph/build-graph.js";
export { embeddedLineagePath } from "./store/embedded.js";
export { loadLineageFile, loadLineageText, type LoadResult } from "./load/load-lineage.js";
export { LineageError } from "./lineage-error.js";
export { EMBEDDED, openLineage, type OpenOptions, type Opened } from "./store/open-lineage.js";
export { cacheInfo, clearCache } from "./store/user-cache.js";
export { trace, type TraceArgs } from "./query/trace.js";
export { diff, type DiffArgs } from "./query/diff.js";
export { show, showAbility, showAny, showModel, showSource, showStep, type ShowResult } from "./query/show.js";
export { summary } from "./query/summary.js";
export { parseReading, readingKey, type ReadingChoice } from "./graph/readings.js";
export { list, LISTABLE, type Listable } from "./query/list.js";
export { tree, type TreeArgs } from "./query/tree.js";
export { descendants, relationOf, type DescendantsArgs } from "./query/descendants.js";
export { matrix, type MatrixArgs } from "./query/matrix.js";
export { graphView } from "./query/graph-view.js";
export { roadmap } from "./query/roadmap.js";
export { validateFile, validateFile as validate, validateText, type Validation } from "./validate.js";
export { UnknownNameError } from "./query/resolve.js";
export { lineageJsonSchema } from "./json-schema.js";
export { formatProblem, type Problem } from "./problem.js";
export { EXIT, type ExitCode } from "./exit-codes.js";
export * from "./contract.js";
export * from "./schema.js";
