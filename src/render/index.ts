/** The renderer registry: for each command, one renderer per format. */
import type {
  DiffResult,
  GraphResult,
  ListResult,
  MatrixResult,
  RoadmapResult,
  ShowAbilityResult,
  ShowModelResult,
  TraceResult,
  TreeResult,
} from "../contract.js";
import { renderGraphDot } from "./graph-dot.js";
import { renderGraphMermaid } from "./graph-mermaid.js";
import { renderMatrixCsv, renderMatrixMarkdown, renderMatrixTable } from "./matrix-text.js";
import { renderRoadmapText } from "./roadmap-text.js";
import { renderTreeText, type TreeRenderOptions } from "./tree-text.js";
import { renderDiffText } from "./diff-text.js";
import { renderJson, type Renderers } from "./format.js";
import { renderListText } from "./list-text.js";
import { renderShowAbilityText, renderShowModelText } from "./show-text.js";
import { renderTraceText } from "./trace-text.js";

/** Renderers for `trace`. */
export const traceRenderers: Renderers<TraceResult> = { text: renderTraceText, json: renderJson };
/** Renderers for `diff`. */
export const diffRenderers: Renderers<DiffResult> = { text: renderDiffText, json: renderJson };
/** Renderers for `show`. */
export const showRenderers: Renderers<ShowModelResult | ShowAbilityResult> = {
  text: (r, o) => (r.kind === "model" ? renderShowModelText(r, o) : renderShowAbilityText(r, o)),
  json: renderJson,
};
/** Renderers for `list`. */
export const listRenderers: Renderers<ListResult> = { text: renderListText, json: renderJson };
/** Renderers for `roadmap`. */
export const roadmapRenderers: Renderers<RoadmapResult> = { text: renderRoadmapText, json: renderJson };

/** The formats `matrix --format` takes. */
export const MATRIX_FORMATS = ["table", "markdown", "csv", "json"] as const;
/** Renderers for `matrix`, one per `--format`. */
export const matrixRenderers: Renderers<MatrixResult, (typeof MATRIX_FORMATS)[number]> = {
  table: renderMatrixTable,
  markdown: renderMatrixMarkdown,
  csv: renderMatrixCsv,
  json: renderJson,
};

/** The formats `graph --format` takes. */
export const GRAPH_FORMATS = ["dot", "mermaid", "json"] as const;
/** Renderers for `graph`, one per `--format`. */
export const graphRenderers: Renderers<GraphResult, (typeof GRAPH_FORMATS)[number]> = {
  dot: renderGraphDot,
  mermaid: renderGraphMermaid,
  json: renderJson,
};

/** Renderers for `tree` (the text one takes a charset). */
export const treeRenderers: { text: (r: TreeResult, o: TreeRenderOptions) => string; json: (r: TreeResult) => string } = {
  text: renderTreeText,
  json: renderJson,
};
