/**
 * captrace's one table engine: box tables in cli-table3's drawing (its box characters, one space of padding),
 * cells of any number of lines, fitted to a width by wrapping the widest columns, in time and memory linear
 * in the cells at any size (cli-table3's layout grows with the square of the cells: minutes on 100,000
 * rows). With `rules: "always"` and no width, it draws exactly what cli-table3 draws; a test holds that.
 */
import { breakLine, longestPiece, measure, truncate } from "./wrap.js";

/** How a table is drawn. */
export interface TableOptions {
  /** The columns the table fits in; 0: every column as wide as its widest line, up to MAX_COLUMN. */
  width: number;
  /** A rule between rows: always (cli-table3's drawing), or only when some row takes several lines (default). */
  rules?: "auto" | "always";
  /** The text widths of the columns, when the caller has chosen them (a matrix's column groups); lines wrap to them. */
  widths?: readonly number[];
}

/** The widest a column is drawn when no width is given: longer lines are cut, ending in an ellipsis. */
export const MAX_COLUMN = 200;

/** One cell, split into lines, each line with its width. */
interface Cell {
  lines: string[];
  widths: number[];
}

function cellOf(text: string): Cell {
  const lines = text.split("\n");
  return { lines, widths: lines.map(measure) };
}

/**
 * The widths, as near to `natural` as fits `room` columns in all: the widest columns give up width first, so
 * short columns stay whole, and none goes below its floor (its longest unbreakable piece, see `floors`)
 * while the floors fit; past that, below 2 (room for a wide character), even if the table then overflows.
 */
export function shrinkWidths(natural: readonly number[], room: number, floors?: readonly number[]): number[] {
  let total = 0;
  for (const w of natural) total += w;
  if (total <= room) return natural.slice();
  const at = (limit: number, floor: readonly number[]) =>
    natural.map((w, i) => Math.max(Math.min(w, floor[i]!), Math.min(w, limit)));
  const sum = (ws: readonly number[]) => ws.reduce((a, b) => a + b, 0);
  const two = natural.map(() => 2);
  const floor = floors && sum(at(0, floors)) <= room ? floors : two;
  // The largest limit whose widths fit: the sum grows with the limit, so halve the interval.
  let lo = 0;
  let hi = 0;
  for (const w of natural) if (w > hi) hi = w;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid, floor)) <= room) lo = mid;
    else hi = mid - 1;
  }
  const out = at(lo, floor);
  // What is left goes, a column each, to the widest columns not yet whole.
  let left = room - sum(out);
  const order = natural.map((_, i) => i).sort((a, b) => natural[b]! - natural[a]!);
  for (const i of order) {
    if (left <= 0) break;
    if (out[i]! < natural[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/** Draws a table: a head row, then the rows; cells may hold several lines. */
export function drawTable(head: readonly string[], rows: readonly (readonly string[])[], opts: TableOptions): string {
  // Loops, not Math.max(...rows): a spread of 120,000 rows overflows the stack.
  let columns = head.length;
  for (const row of rows) if (row.length > columns) columns = row.length;
  const natural = new Array<number>(columns).fill(0);
  const floors = new Array<number>(columns).fill(0);
  const measured = (row: readonly string[]): Cell[] => {
    const cells: Cell[] = [];
    for (let i = 0; i < columns; i++) {
      const cell = cellOf(row[i] ?? "");
      cell.widths.forEach((w, l) => {
        if (w > natural[i]!) natural[i] = w;
        // Only a width asks for floors: the longest piece a line cannot be broken inside.
        if (opts.width > 0 && w > floors[i]!) floors[i] = Math.max(floors[i]!, longestPiece(cell.lines[l]!, w));
      });
      cells.push(cell);
    }
    return cells;
  };
  const headCells = measured(head);
  const rowCells = rows.map(measured);

  // Borders and padding take 3 columns a column, and one more.
  const widths = opts.widths
    ? natural.map((_, i) => opts.widths![i] ?? 2)
    : opts.width > 0
      ? shrinkWidths(natural, opts.width - 3 * columns - 1, floors)
      : natural.map((w) => Math.min(w, MAX_COLUMN));
  const fitted = (cells: Cell[]): Cell[] =>
    cells.map((cell, i) => {
      const w = widths[i]!;
      if (cell.widths.every((cw) => cw <= w)) return cell;
      const lines: string[] = [];
      for (const line of cell.lines) {
        if (opts.width > 0) for (const part of breakLine(line, w)) lines.push(part);
        else lines.push(truncate(line, w));
      }
      return { lines, widths: lines.map(measure) };
    });
  const headRows = fitted(headCells);
  const bodyRows = rowCells.map(fitted);
  const tall = (cells: Cell[]) => cells.some((cell) => cell.lines.length > 1);
  // The head has its own rule: only the body decides.
  const ruled = opts.rules === "always" || bodyRows.some(tall);

  const rule = (left: string, mid: string, right: string) =>
    left + widths.map((w) => "─".repeat(w + 2)).join(mid) + right;
  const out: string[] = [rule("┌", "┬", "┐")];
  const draw = (cells: Cell[]) => {
    let height = 1;
    for (const cell of cells) if (cell.lines.length > height) height = cell.lines.length;
    for (let l = 0; l < height; l++) {
      let line = "│";
      for (let i = 0; i < columns; i++) {
        const cell = cells[i]!;
        const text = cell.lines[l] ?? "";
        line += ` ${text}${" ".repeat(Math.max(0, widths[i]! - (cell.widths[l] ?? 0)))} │`;
      }
      out.push(line);
    }
  };
  draw(headRows);
  const separator = rule("├", "┼", "┤");
  bodyRows.forEach((cells, r) => {
    if (r === 0 || ruled) out.push(separator);
    draw(cells);
  });
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

/** Rows pushed, then drawn. */
export interface TextTable {
  push(row: string[]): void;
  toString(): string;
}

/** A table for a renderer: the head in bold when painting, fitted to the options' width. */
export function textTable(
  head: readonly string[],
  opts: { painter: { bold(text: string): string }; width: number },
): TextTable {
  const rows: string[][] = [];
  return {
    push: (row) => void rows.push(row),
    toString: () =>
      drawTable(
        head.map((h) => opts.painter.bold(h)),
        rows,
        { width: opts.width },
      ),
  };
}
