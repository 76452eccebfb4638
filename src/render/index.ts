/**
 * Every command's output formats, one list each (the first is the default), and one renderer per format,
 * typed `Record<Format, Renderer>` so a format cannot be half-wired: the CLI renders every command the
 * same way, `render(command, format, result, options)`.
 */
import type {
  DescendantsResult,
  DiffResult,
  GraphResult,
  ListResult,
  MatrixResult,
  RoadmapResult,
  ShowAbilityResult,
  ShowModelResult,
  ShowSourceResult,
  ShowStepResult,
  SummaryResult,
  TraceResult,
  TreeResult,
} from "../contract.js";
import { renderDescendantsText } from "./descendants-text.js";
import { renderDiffText } from "./diff-text.js";
import { renderJson, type Renderer } from "./format.js";
import { renderGraphDot } from "./graph-dot.js";
import { renderGraphMermaid } from "./graph-mermaid.js";
import { renderListText } from "./list-text.js";
import { renderMatrixCsv, renderMatrixMarkdown, renderMatrixTable } from "./matrix-text.js";
import type { RenderOptions } from "./options.js";
import { renderRoadmapText } from "./roadmap-text.js";
import { renderShowAbilityText, renderShowModelText, renderShowSourceText, renderShowStepText } from "./show-text.js";
import { renderSummaryText } from "./summary-text.js";
import { renderTraceText } from "./trace-text.js";
import { renderTreeText } from "./tree-text.js";

/** Each command's formats; the first is what it prints without `--format`. */
export const FORMATS = {
  trace: ["text", "json"],
  diff: ["text", "json"],
  show: ["text", "json"],
  list: ["text", "json"],
  roadmap: ["text", "json"],
  tree: ["text", "json"],
  matrix: ["table", "markdown", "csv", "json"],
  graph: ["dot", "mermaid", "json"],
  summary: ["text", "json"],
  descendants: ["text", "json"],
} as const;

/** A command that renders a result. */
export type RenderedCommand = keyof typeof FORMATS;
/** The formats of one command. */
export type Format<C extends RenderedCommand> = (typeof FORMATS)[C][number];

/** What each command's query returns. */
export interface Results {
  trace: TraceResult;
  diff: DiffResult;
  show: ShowModelResult | ShowAbilityResult | ShowStepResult | ShowSourceResult;
  list: ListResult;
  roadmap: RoadmapResult;
  tree: TreeResult;
  matrix: MatrixResult;
  graph: GraphResult;
  summary: SummaryResult;
  descendants: DescendantsResult;
}

/** `show`'s text: the card of whichever kind of thing was named. */
function renderShowText(r: Results["show"], o: RenderOptions): string {
  switch (r.kind) {
    case "model":
      return renderShowModelText(r, o);
    case "ability":
      return renderShowAbilityText(r, o);
    case "step":
      return renderShowStepText(r, o);
    case "source":
      return renderShowSourceText(r, o);
  }
}

/** The renderers of one command, one per format. */
export type Renderers<C extends RenderedCommand> = Record<Format<C>, Renderer<Results[C]>>;

/** Every command's renderers. */
export const RENDERERS: { [C in RenderedCommand]: Renderers<C> } = {
  trace: { text: renderTraceText, json: renderJson },
  diff: { text: renderDiffText, json: renderJson },
  show: { text: renderShowText, json: renderJson },
  list: { text: renderListText, json: renderJson },
  roadmap: { text: renderRoadmapText, json: renderJson },
  tree: { text: renderTreeText, json: renderJson },
  matrix: { table: renderMatrixTable, markdown: renderMatrixMarkdown, csv: renderMatrixCsv, json: renderJson },
  graph: { dot: renderGraphDot, mermaid: renderGraphMermaid, json: renderJson },
  summary: { text: renderSummaryText, json: renderJson },
  descendants: { text: renderDescendantsText, json: renderJson },
};

/** Renders a command's result in one of its formats: the text to write on stdout. */
export function render<C extends RenderedCommand>(
  command: C,
  format: Format<C>,
  result: Results[C],
  opts: RenderOptions,
): string {
  const renderers: Renderers<C> = RENDERERS[command];
  return renderers[format](result, opts);
}

/** The formats `matrix --format` takes. */
export const MATRIX_FORMATS = FORMATS.matrix;
/** The formats `graph --format` takes. */
export const GRAPH_FORMATS = FORMATS.graph;

export { createPainter, DEFAULT_RENDER_OPTIONS, PLAIN, type Painter, type RenderOptions } from "./options.js";
export { escapeLine, escapeText } from "./escape.js";
export { renderMatrixStream } from "./matrix-text.js";
export type { Renderer } from "./format.js";
