/** Renderings of `matrix`: a terminal table, Markdown (the article's summary table) and CSV. */
import type { MatrixResult } from "../contract.js";
import { LEGEND } from "../notation.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";


/** A terminal table with a legend. */
export function renderMatrixTable(r: MatrixResult, opts: RenderOptions): string {
  const t = textTable(["model", ...r.abilities.map((a) => escapeLine(a.id))], opts);
  for (const row of r.rows) t.push([escapeLine(row.model), ...row.cells.map((cell) => `${cell.symbol}${cell.agreement ? "" : "?"}`)]);
  return `${t.toString()}\n${LEGEND}; ? paths disagree\n`;
}

const md = (s: string) => escapeLine(s).replace(/\|/g, "\\|");

/** A GitHub-flavoured Markdown table to paste into a document. */
export function renderMatrixMarkdown(r: MatrixResult): string {
  const lines = [
    `| model | ${r.abilities.map((a) => md(a.id)).join(" | ")} |`,
    `|---|${r.abilities.map(() => ":---:").join("|")}|`,
    ...r.rows.map((row) => `| ${md(row.model)} | ${row.cells.map((c) => md(c.symbol + (c.agreement ? "" : "?")) || " ").join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n\nLegend: \`+\` introduced, unlocked or restored; \`++\` strengthened; \`-\` weakened; \`--\` lost; blank: absent; \`?\` the paths into a merge disagree.\n`;
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV: a header of ability ids, one row per model, each cell a state name (empty when absent). */
export function renderMatrixCsv(r: MatrixResult): string {
  const lines = [["model", ...r.abilities.map((a) => a.id)].map(csv).join(",")];
  for (const row of r.rows) lines.push([row.model, ...row.cells.map((c) => (c.state === "absent" ? "" : c.state))].map(csv).join(","));
  return `${lines.join("\n")}\n`;
}
