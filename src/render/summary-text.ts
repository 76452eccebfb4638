/** Human rendering of `summary`: the article's summary table, one row per model, fitted to the width. */
import type { SummaryResult } from "../contract.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { fit } from "./wrap.js";

/** Renders the summary table as the article lays it out: model (API name), training method, abilities, approximations. */
export function renderSummaryText(r: SummaryResult, opts: RenderOptions): string {
  const c = opts.painter;
  const heading = c.bold(`What each model's own training step changed (${r.rows.length} model${r.rows.length === 1 ? "" : "s"})`);
  const t = textTable(["model (API name)", "training method", "abilities", "open-source approximations"], opts);
  for (const row of r.rows) {
    const api = row.api && row.api !== row.model ? `\n(${escapeLine(row.api)})` : "";
    const method = row.method === null ? c.dim("(a root)") : escapeLine(row.method);
    const markers = row.markers.length ? row.markers.map((m) => escapeLine(m.text)).join("\n") : c.dim("(no change recorded)");
    const approximations = row.approximations.map((a) => escapeLine(a.name)).join(", ") || c.dim("none named");
    t.push([`${escapeLine(row.model)}${api}`, method, markers, approximations]);
  }
  return `${[...fit([heading], opts.width), t.toString(), ...fit([c.dim(r.legend)], opts.width)].join("\n")}\n`;
}
