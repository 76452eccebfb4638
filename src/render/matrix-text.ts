/** Renderings of `matrix`: a terminal table, Markdown (the article's summary table) and CSV. */
import type { MatrixResult } from "../contract.js";
import { changeWords } from "../vocabulary.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { drawTable } from "./table.js";
import { fit, longestPiece, measure } from "./wrap.js";

/**
 * Splits columns of the given widths into groups that each fit `width` beside a first column of `first`
 * columns (each column costs 3 more for its border and padding): consecutive, in order, at least one a group.
 */
export function columnGroups(widths: readonly number[], first: number, width: number): [number, number][] {
  if (width <= 0) return [[0, widths.length]];
  const groups: [number, number][] = [];
  let start = 0;
  let used = 1 + first + 3;
  for (let i = 0; i < widths.length; i++) {
    const cost = widths[i]! + 3;
    if (i > start && used + cost > width) {
      groups.push([start, i]);
      start = i;
      used = 1 + first + 3;
    }
    used += cost;
  }
  groups.push([start, widths.length]);
  return groups;
}

/**
 * A terminal table with a legend. Too wide for the width, it is split into groups of ability columns that
 * each fit, the model column repeated in each (the models stay rows, as in the article's summary table).
 * Linear in the cells: 50,000 abilities are as many columns measured once each.
 */
export function renderMatrixTable(r: MatrixResult, opts: RenderOptions): string {
  const c = opts.painter;
  const models = r.rows.map((row) => escapeLine(row.model));
  const heads = r.abilities.map((a) => escapeLine(a.id));
  const cells = r.rows.map((row) => row.cells.map((cell) => cellText(r, cell)));
  let first = measure("model");
  for (const m of models) first = Math.max(first, measure(m));
  // At a width, a head may wrap after its hyphens (`in-context-` over `learning`): group by its widest piece.
  const widths = heads.map((h, j) => {
    let w = opts.width > 0 ? longestPiece(h, measure(h)) : measure(h);
    for (const row of cells) w = Math.max(w, measure(row[j] ?? ""));
    return w;
  });
  // A model column wider than half the room would leave no room for abilities: the table engine wraps it.
  const firstWidth = opts.width > 0 ? Math.min(first, Math.floor(opts.width / 2)) : first;
  const out: string[] = [];
  for (const [from, to] of columnGroups(widths, firstWidth, opts.width)) {
    const head = [c.bold("model"), ...heads.slice(from, to).map((h) => c.bold(h))];
    const rows = cells.map((row, i) => [models[i]!, ...row.slice(from, to)]);
    out.push(drawTable(head, rows, opts.width > 0 ? { width: opts.width, widths: [firstWidth, ...widths.slice(from, to)] } : { width: 0 }));
  }
  const reading = r.reading ? [`Under the parentage reading ${escapeLine(r.reading)}.`] : [];
  return `${out.join("\n\n")}\n${fit([...reading, legendOf(r), ...readingsLine(r)], opts.width).join("\n")}\n`;
}

/** A cell's symbol; in the state view marked `?` where the paths disagree (the own step's change has no paths). */
function cellText(r: MatrixResult, cell: MatrixResult["rows"][number]["cells"][number]): string {
  return r.view === "state" && !cell.agreement ? `${cell.symbol}?` : cell.symbol;
}

/** The result's own legend (what the cells are, the notation), and what `?` marks. */
function legendOf(r: MatrixResult): string {
  return r.view === "state" ? `${r.legend}; ? paths disagree` : r.legend;
}

/** One line naming the alternative parentage readings that change some cells, and how many. */
function readingsLine(r: MatrixResult): string[] {
  const changing = r.underReadings.filter((u) => u.cells.length > 0);
  if (!changing.length) return [];
  const each = changing.map((u) => `${escapeLine(u.step)}=${u.alternative} changes ${u.cells.length} cell${u.cells.length === 1 ? "" : "s"}`);
  return [`Parentage readings: ${each.join("; ")} (--reading STEP=N to see it)`];
}

const md = (s: string) => escapeLine(s).replace(/\|/g, "\\|");

/** A GitHub-flavoured Markdown table to paste into a document (never wrapped: Markdown tables are one line a row). */
export function renderMatrixMarkdown(r: MatrixResult): string {
  const lines = [
    `| model | ${r.abilities.map((a) => md(a.id)).join(" | ")} |`,
    `|---|${r.abilities.map(() => ":---:").join("|")}|`,
    ...r.rows.map((row) => `| ${md(row.model)} | ${row.cells.map((c) => md(cellText(r, c)) || " ").join(" | ")} |`),
  ];
  return `${lines.join("\n")}\n\nLegend: ${md(legendOf(r))}.\n`;
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV: a header of ability ids, one row per model, each cell a state name (empty when absent), or with `changes` what the own step did ("greatly weakened"; empty when nothing). */
export function renderMatrixCsv(r: MatrixResult): string {
  const lines = [["model", ...r.abilities.map((a) => a.id)].map(csv).join(",")];
  const text = (c: MatrixResult["rows"][number]["cells"][number]) =>
    r.view === "changes" ? (c.change ? changeWords(c.change, c.size ?? "normal") : "") : c.state === "absent" ? "" : c.state;
  for (const row of r.rows) lines.push([row.model, ...row.cells.map(text)].map(csv).join(","));
  return `${lines.join("\n")}\n`;
}
