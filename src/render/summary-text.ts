/** Human rendering of `summary`: the article's summary table, one row per model, fitted to the width. */
import type { SummaryResult } from "../contract.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { fit, measure } from "./wrap.js";

/** Below this width the four columns leave too little room for a marker a line: each model is a block instead. */
export const SUMMARY_TABLE_WIDTH = 110;

/** Items packed into lines of `width` columns after `indent`, two spaces apart, never split (an item too long is wrapped by fit). */
function pack(items: readonly string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    if (line && width > 0 && measure(indent + line + "  " + item) > width) {
      lines.push(indent + line);
      line = item;
    } else line = line ? `${line}  ${item}` : item;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Renders the summary table as the article lays it out: model (API name), training method, abilities, approximations. */
export function renderSummaryText(r: SummaryResult, opts: RenderOptions): string {
  const c = opts.painter;
  const heading = c.bold(
    `What each model's own training step changed (${r.rows.length} model${r.rows.length === 1 ? "" : "s"})`,
  );
  if (opts.width > 0 && opts.width < SUMMARY_TABLE_WIDTH) return renderBlocks(r, opts, heading);
  const t = textTable(["model (API name)", "training method", "abilities", "open-source approximations"], opts);
  for (const row of r.rows) {
    const api = row.api && row.api !== row.model ? `\n(${escapeLine(row.api)})` : "";
    const method = row.method === null ? c.dim("(a root)") : escapeLine(row.method);
    const markers = row.markers.length
      ? row.markers.map((m) => escapeLine(m.text)).join("\n")
      : c.dim("(no change recorded)");
    const approximations = row.approximations.map((a) => escapeLine(a.name)).join(", ") || c.dim("none named");
    t.push([`${escapeLine(row.model)}${api}`, method, markers, approximations]);
  }
  return `${[...fit([heading], opts.width), t.toString(), ...fit([c.dim(r.legend)], opts.width)].join("\n")}\n`;
}

/** The same table for a narrow terminal: a block per model, its markers packed on as few lines as fit. */
function renderBlocks(r: SummaryResult, opts: RenderOptions, heading: string): string {
  const c = opts.painter;
  const lines: string[] = [heading];
  for (const row of r.rows) {
    const api = row.api && row.api !== row.model ? ` (API: ${escapeLine(row.api)})` : "";
    const method = row.method === null ? c.dim("a root") : escapeLine(row.method);
    lines.push("", `${c.bold(escapeLine(row.model))}${api}: ${method}`);
    if (row.markers.length)
      lines.push(
        ...pack(
          row.markers.map((m) => escapeLine(m.text)),
          "  ",
          opts.width,
        ),
      );
    else lines.push(`  ${c.dim("(no change recorded)")}`);
    if (row.approximations.length)
      lines.push(`  open-source approximations: ${row.approximations.map((a) => escapeLine(a.name)).join(", ")}`);
  }
  lines.push("", c.dim(r.legend));
  return `${fit(lines, opts.width).join("\n")}\n`;
}
