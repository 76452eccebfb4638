/** Renderings of `matrix`: a terminal table, Markdown (the article's summary table) and CSV. */
import type { MatrixCell, MatrixHead, MatrixResult, MatrixRow, MatrixStream } from "../contract.js";
import { changeWords } from "../vocabulary.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { drawTable, MAX_COLUMN } from "./table.js";
import { breakLine, fit, longestPiece, measure } from "./wrap.js";

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
    out.push(
      drawTable(
        head,
        rows,
        opts.width > 0 ? { width: opts.width, widths: [firstWidth, ...widths.slice(from, to)] } : { width: 0 },
      ),
    );
  }
  const reading = r.reading ? [`Under the parentage reading ${escapeLine(r.reading)}.`] : [];
  return `${out.join("\n\n")}\n${fit([...reading, legendOf(r), ...readingsLine(r)], opts.width).join("\n")}\n`;
}

/** A cell's symbol; in the state view marked `?` where the paths disagree (the own step's change has no paths). */
function cellText(r: Pick<MatrixResult, "view">, cell: Pick<MatrixCell, "symbol" | "agreement">): string {
  return r.view === "state" && !cell.agreement ? `${cell.symbol}?` : cell.symbol;
}

/** The result's own legend (what the cells are, the notation), and what `?` marks. */
function legendOf(r: Pick<MatrixResult, "view" | "legend">): string {
  return r.view === "state" ? `${r.legend}; ? paths disagree` : r.legend;
}

/** One line naming the alternative parentage readings that change some cells, and how many. */
function readingsLine(r: Pick<MatrixResult, "underReadings">): string[] {
  const changing = r.underReadings.filter((u) => u.cells.length > 0);
  if (!changing.length) return [];
  const each = changing.map(
    (u) => `${escapeLine(u.step)}=${u.alternative} changes ${u.cells.length} cell${u.cells.length === 1 ? "" : "s"}`,
  );
  return [`Parentage readings: ${each.join("; ")} (--reading STEP=N to see it)`];
}

const md = (s: string) => escapeLine(s).replace(/\|/g, "\\|");

/** A GitHub-flavoured Markdown table to paste into a document (never wrapped: Markdown tables are one line a row). */
export function renderMatrixMarkdown(r: MatrixResult): string {
  const lines = [
    `| model | ${r.abilities.map((a) => md(a.id)).join(" | ")} |`,
    `|---|${r.abilities.map(() => ":---:").join("|")}|`,
    ...r.rows.map((row) => markdownRow(r, row)),
  ];
  return `${lines.join("\n")}\n\nLegend: ${md(legendOf(r))}.\n`;
}

const csv = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV: a header of ability ids, one row per model, each cell a state name (empty when absent), or with `changes` what the own step did ("greatly weakened"; empty when nothing). */
export function renderMatrixCsv(r: MatrixResult): string {
  const lines = [["model", ...r.abilities.map((a) => a.id)].map(csv).join(",")];
  for (const row of r.rows) lines.push(csvRow(r, row));
  return `${lines.join("\n")}\n`;
}

/** One CSV line of a row. */
function csvRow(r: Pick<MatrixResult, "view">, row: MatrixRow): string {
  const text = (c: MatrixCell) =>
    r.view === "changes"
      ? c.change
        ? changeWords(c.change, c.size ?? "normal")
        : ""
      : c.state === "absent"
        ? ""
        : c.state;
  return [row.model, ...row.cells.map(text)].map(csv).join(",");
}

/** One Markdown line of a row. */
function markdownRow(r: Pick<MatrixResult, "view">, row: MatrixRow): string {
  return `| ${md(row.model)} | ${row.cells.map((c) => md(cellText(r, c)) || " ").join(" | ")} |`;
}

/** Rows are drawn and written this many at a time: few writes, and little text held at once. */
const CHUNK = 512;

/** The rows of `rows`, `CHUNK` at a time. */
function* chunks<T>(rows: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length) yield chunk;
}

/**
 * `matrix` in a format, as text to write piece by piece: each piece a few hundred rows, so a matrix of any
 * size is written in memory bounded by its widest row group. The pieces joined are what the format's
 * renderer gives for `matrix`'s result (the same bytes).
 */
export function* renderMatrixStream(
  format: "table" | "markdown" | "csv" | "json",
  m: MatrixStream,
  opts: RenderOptions,
): Generator<string> {
  switch (format) {
    case "table":
      yield* streamTable(m, opts);
      return;
    case "markdown":
      yield `| model | ${m.head.abilities.map((a) => md(a.id)).join(" | ")} |\n|---|${m.head.abilities.map(() => ":---:").join("|")}|\n`;
      for (const chunk of chunks(m.rows())) yield chunk.map((row) => `${markdownRow(m.head, row)}\n`).join("");
      yield `\nLegend: ${md(legendOf(m.head))}.\n`;
      return;
    case "csv":
      yield `${["model", ...m.head.abilities.map((a) => a.id)].map(csv).join(",")}\n`;
      for (const chunk of chunks(m.rows())) yield chunk.map((row) => `${csvRow(m.head, row)}\n`).join("");
      return;
    case "json":
      yield* streamJson(m);
      return;
  }
}

/** JSON.stringify(result, null, 2) and a newline, the rows (the last key) written a chunk at a time. */
function* streamJson(m: MatrixStream): Generator<string> {
  const { schemaVersion, view, reading, legend, models, abilities } = m.head;
  const head: MatrixHead = {
    schemaVersion,
    view,
    reading,
    legend,
    underReadings: m.underReadings(),
    models,
    abilities,
  };
  const text = JSON.stringify(head, null, 2);
  // The head's closing brace goes; the rows follow as the last key, indented two levels as in the whole.
  let open = `${text.slice(0, text.length - 2)},\n  "rows": [`;
  let any = false;
  for (const chunk of chunks(m.rows())) {
    yield (
      open +
      chunk
        .map((row) => JSON.stringify(row, null, 2).replace(/\n/g, "\n    "))
        .map((row, i) => `${any || i > 0 ? "," : ""}\n    ${row}`)
        .join("")
    );
    open = "";
    any = true;
  }
  yield any ? "\n  ]\n}\n" : `${open}]\n}\n`;
}

/**
 * The terminal table a row chunk at a time, each column group in turn. Column widths come from the heads,
 * the model ids and each column's distinct cells, so no row is held to measure them; each chunk is drawn
 * by the table engine with those widths and its head and outer rules dropped.
 */
function* streamTable(m: MatrixStream, opts: RenderOptions): Generator<string> {
  const c = opts.painter;
  const models = m.head.models.map((x) => escapeLine(x.id));
  const heads = m.head.abilities.map((a) => escapeLine(a.id));
  const kinds = m.columnCells();
  let first = measure("model");
  for (const id of models) first = Math.max(first, measure(id));
  const widths = heads.map((h, j) => {
    let w = opts.width > 0 ? longestPiece(h, measure(h)) : measure(h);
    for (const cell of kinds[j]!) w = Math.max(w, measure(cellText(m.head, cell)));
    return opts.width > 0 ? w : Math.min(w, MAX_COLUMN);
  });
  const firstWidth = opts.width > 0 ? Math.min(first, Math.floor(opts.width / 2)) : Math.min(first, MAX_COLUMN);
  // A rule between rows when some row takes several lines: only a model id wrapped to the first column can.
  const ruled = opts.width > 0 && models.some((id) => measure(id) > firstWidth && breakLine(id, firstWidth).length > 1);
  const groups = columnGroups(widths, firstWidth, opts.width);
  for (const [g, [from, to]] of groups.entries()) {
    const table = {
      width: opts.width,
      widths: [firstWidth, ...widths.slice(from, to)],
      rules: ruled ? ("always" as const) : ("auto" as const),
    };
    const top = drawTable([c.bold("model"), ...heads.slice(from, to).map((h) => c.bold(h))], [], table).split("\n");
    let text = top.slice(0, -1).join("\n");
    let drawn = 0;
    for (const chunk of chunks(m.rows(from, to))) {
      const lines = drawTable(
        [],
        chunk.map((row) => [escapeLine(row.model), ...row.cells.map((cell) => cellText(m.head, cell))]),
        table,
      ).split("\n");
      // Drawn headless: its first rule and empty head row go, and its bottom rule. Each chunk's first row has
      // a rule above it; in the whole table only the first row and the rows of a ruled table do.
      const body = lines.slice(2, -1);
      text += `\n${(drawn > 0 && !ruled ? body.slice(1) : body).join("\n")}`;
      drawn += chunk.length;
      yield text;
      text = "";
    }
    yield `${text}\n${top[top.length - 1]!}${g < groups.length - 1 ? "\n\n" : ""}`;
  }
  const reading = m.head.reading ? [`Under the parentage reading ${escapeLine(m.head.reading)}.`] : [];
  yield `\n${fit([...reading, legendOf(m.head), ...readingsLine({ underReadings: m.underReadings() })], opts.width).join("\n")}\n`;
}
