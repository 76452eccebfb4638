/**
 * Tables of many rows, drawn as cli-table3 draws them (its box characters, one space of padding, cells of one
 * line) in time linear in the rows: cli-table3's layout costs about 0.2 ms a row and grows with the square of
 * the cells, so a 100,000-model `list models` or `show ABILITY` would take minutes. A test holds the two
 * drawings equal.
 */
type StringWidth = (text: string) => number;
let stringWidth: StringWidth | undefined;

// cli-table3's own measure: colour codes removed, then the terminal width of the text (wide characters count two).
// eslint-disable-next-line no-control-regex -- colour codes are what is removed
const COLOUR = /\u001b\[(?:\d*;){0,5}\d*m/g;

/** The width cli-table3 gives a one-line cell. */
function width(text: string): number {
  // node:module is fetched only here, as in style.ts: importing it costs every start a few milliseconds.
  stringWidth ??= process.getBuiltinModule("node:module").createRequire(import.meta.url)("string-width") as StringWidth;
  return stringWidth(text.replace(COLOUR, ""));
}

/** Draws a table with a head row and one-line cells, as cli-table3 would with `wordWrap: false` and no widths given. */
export function drawBoxTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const columns = Math.max(head.length, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, () => 2);
  const measure = (row: readonly string[]) => row.map((cell, i) => {
    const w = width(cell);
    if (w + 2 > widths[i]!) widths[i] = w + 2;
    return w;
  });
  const headWidths = measure(head);
  const rowWidths = rows.map(measure);
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => "─".repeat(w)).join(mid) + right;
  const line = (row: readonly string[], cellWidths: readonly number[]) =>
    `│${widths.map((w, i) => ` ${row[i] ?? ""}${" ".repeat(w - 1 - (cellWidths[i] ?? 0))}`).join("│")}│`;
  const separator = rule("├", "┼", "┤");
  const out = [rule("┌", "┬", "┐"), line(head, headWidths)];
  rows.forEach((row, r) => out.push(separator, line(row, rowWidths[r]!)));
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}
