/** The captrace library: load a lineage, then ask it questions. The CLI is a thin layer over these. */
import { buildGraph, type LineageGraph } from "./graph/build-graph.js";
import { embeddedLineagePath } from "./load/embedded.js";
import { loadLineageFile } from "./load/load-lineage.js";
import { LineageError } from "./lineage-error.js";
import type { graphView } from "./query/graph-view.js";

/** What `graphView` takes: the ability to colour models by. */
export type GraphViewArgs = NonNullable<Parameters<typeof graphView>[1]>;

/** Loads and validates a lineage file (the embedded GPT-3 to ChatGPT lineage by default) into a graph. Throws LineageError. */
export async function loadLineage(file: string = embeddedLineagePath()): Promise<LineageGraph> {
  const result = await loadLineageFile(file);
  if (!result.ok) throw new LineageError(result.problems);
  return buildGraph(result.lineage);
}

export { buildGraph, type LineageGraph } from "./graph/build-graph.js";
export { embeddedLineagePath } from "./load/embedded.js";
export { loadLineageFile, loadLineageText, type LoadResult } from "./load/load-lineage.js";
export { LineageError } from "./lineage-error.js";
export { trace, type TraceArgs } from "./query/trace.js";
export { diff, type DiffArgs } from "./query/diff.js";
export { show, showAbility, showModel } from "./query/show.js";
export { list, LISTABLE, type Listable } from "./query/list.js";
export { tree, type TreeArgs } from "./query/tree.js";
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
