/** The renderer registry: for each command, one renderer per format. */
import type { DiffResult, ListResult, ShowAbilityResult, ShowModelResult, TraceResult } from "../contract.js";
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
