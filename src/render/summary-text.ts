/** Human rendering of `summary`: the article's summary table, one block per model, its markers wrapped to the width. */
import type { SummaryResult } from "../contract.js";
import { painter, safeLine, type RenderOptions } from "./style.js";

/** Summary options: the width to wrap to (80 when not given; 0 turns wrapping off). */
export interface SummaryRenderOptions extends RenderOptions {
  width?: number;
}

/** Joins items with `sep` and a space into lines of at most `width` columns after `indent` (an item longer than a line stands alone). */
function wrapItems(items: readonly string[], indent: string, width: number, sep = ","): string[] {
  const lines: string[] = [];
  let line = "";
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item}${sep}` : item;
    const next = line ? `${line} ${piece}` : piece;
    if (width > 0 && line && indent.length + next.length > width) {
      lines.push(indent + line);
      line = piece;
    } else line = next;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Renders the summary table for people: model and API name, training method, markers, open-source approximations. */
export function renderSummaryText(r: SummaryResult, opts: SummaryRenderOptions): string {
  const c = painter(opts);
  const width = opts.width ?? 80;
  const out = [c.bold(`Summary: what each model's own step changed (${r.rows.length} model${r.rows.length === 1 ? "" : "s"})`)];
  for (const row of r.rows) {
    const api = row.api && row.api !== row.model ? ` (API ${safeLine(row.api)})` : "";
    out.push("", `${c.bold(safeLine(row.model))}${api}`);
    out.push(...wrapItems(safeLine(row.method ?? "a root: no training step recorded").split(" "), "  ", width, ""));
    if (row.markers.length) out.push(...wrapItems(row.markers.map((m) => safeLine(m.text)), "  ", width));
    else out.push(c.dim("  (its step records no change)"));
    if (row.approximations.length) {
      const [first, ...rest] = row.approximations.map((a) => safeLine(a.name));
      out.push(...wrapItems([`open-source approximations: ${first}`, ...rest], "  ", width).map((l) => c.dim(l)));
    }
  }
  out.push("", ...wrapItems(r.legend.split(" "), "", width, "").map((l) => c.dim(l)));
  return `${out.join("\n")}\n`;
}
