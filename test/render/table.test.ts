import Table from "cli-table3";
import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { drawTable, MAX_COLUMN, shrinkWidths } from "../../src/render/table.js";

/** cli-table3's drawing, with the options captrace's tables used: the oracle for unfitted tables. */
function cliTable3(head: string[], rows: string[][]): string {
  const t = new Table({
    head,
    style: { head: [], border: [], "padding-left": 1, "padding-right": 1 },
    wordWrap: false,
  });
  t.push(...rows);
  return t.toString();
}

// Lines of ASCII, the article's §, accents, CJK and emoji (two columns wide), empty ones, and the styles
// chalk wraps text in (captrace's cells hold no other escape: lineage text is escaped first).
const text = fc
  .array(fc.constantFrom("a", "Z", "0", " ", "-", "§", "é", "模", "型", "🙂", ".", "word "), { maxLength: 12 })
  .map((parts) => parts.join(""));
const STYLES = [
  ["1", "22"],
  ["2", "22"],
  ["3", "23"],
  ["31", "39"],
  ["32", "39"],
  ["33", "39"],
  ["36", "39"],
] as const;
const styled = fc.tuple(text, fc.constantFrom(...STYLES)).map(([t, [on, off]]) => `\u001b[${on}m${t}\u001b[${off}m`);
const line = fc.array(fc.oneof(text, styled), { maxLength: 3 }).map((parts) => parts.join(""));
/** Cells of one to four lines: diff's "explained by" holds one line per step. */
const cell = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join("\n"));
const table = fc.tuple(
  fc.integer({ min: 1, max: 6 }),
  fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 8 }),
  fc.array(cell, { minLength: 6, maxLength: 6 }),
);

// eslint-disable-next-line no-control-regex -- colour codes are what is removed
const plain = (s: string) => s.replace(/\u001b\[\d+m/g, "");

describe("drawTable", () => {
  it("draws what cli-table3 draws, multi-line cells included, when not fitted to a width", () => {
    fc.assert(
      fc.property(table, ([columns, rows, head]) => {
        const h = head.slice(0, columns);
        const r = rows.map((row) => row.slice(0, columns));
        expect(drawTable(h, r, { width: 0, rules: "always" })).toBe(cliTable3(h, r));
      }),
      { numRuns: 400 },
    );
  });

  it("fits any table in the width when the width leaves each column two, keeping every word", () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 20, max: 120 }), ([columns, rows, head], width) => {
        // Each column needs 3 columns of border and padding and 2 of text (a wide character).
        fc.pre(width >= 5 * columns + 1);
        const h = head.slice(0, columns);
        const r = rows.map((row) => row.slice(0, columns));
        const drawn = drawTable(h, r, { width });
        for (const l of drawn.split("\n")) expect(stringWidth(l)).toBeLessThanOrEqual(width);
        // Every character of every cell is still there, in order, once borders and spaces are gone.
        const squeeze = (s: string) => plain(s).replace(/[\s│┌┐└┘├┤┬┴┼─]/g, "");
        const cells = [h, ...r].flat().map(squeeze).join("");
        expect(squeeze(drawn).length).toBe(cells.length);
      }),
      { numRuns: 300 },
    );
  });

  it("draws no rule between rows of one line each, and one between all rows when any row is taller", () => {
    const oneLine = drawTable(
      ["id", "name"],
      [
        ["a", "A"],
        ["b", "B"],
      ],
      { width: 80 },
    );
    expect(oneLine.split("\n")).toEqual([
      "┌────┬──────┐",
      "│ id │ name │",
      "├────┼──────┤",
      "│ a  │ A    │",
      "│ b  │ B    │",
      "└────┴──────┘",
    ]);
    const tall = drawTable(
      ["id", "name"],
      [
        ["a", "A\nAA"],
        ["b", "B"],
      ],
      { width: 80 },
    );
    expect(tall.split("\n").filter((l) => l.startsWith("├"))).toHaveLength(2);
  });

  it("wraps the widest column at word boundaries and leaves the narrow ones whole", () => {
    const long = "one two three four five six seven eight nine ten eleven twelve thirteen";
    const drawn = drawTable(["id", "note"], [["short-id", long]], { width: 40 });
    const lines = drawn.split("\n");
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBe(40);
    expect(lines[3]).toMatch(/^│ short-id │ one two three four five {3}│$/);
    expect(
      lines
        .slice(3, -1)
        .map((l) => l.split("│")[2]!.trim())
        .join(" "),
    ).toBe(long);
  });

  it("never cuts a wide character or a colour code when it must cut a word", () => {
    const drawn = drawTable(["x"], [["模型模型模型模型模型"], ["\u001b[1mabcdefghijklmnop\u001b[22m"]], { width: 9 });
    for (const l of drawn.split("\n")) expect(stringWidth(l)).toBeLessThanOrEqual(9);
    expect(drawn).not.toContain("\ufffd");
    // Each cut line of the styled cell is styled on its own: opened and closed on the line.
    for (const l of drawn.split("\n").filter((s) => s.includes("\u001b[1m"))) expect(l).toContain("\u001b[22m");
  });

  it("cuts a line past MAX_COLUMN with an ellipsis when no width is given, so one huge cell cannot pad every row", () => {
    const huge = "x".repeat(600_000);
    const drawn = drawTable(
      ["id", "note"],
      [["a", huge], ...Array.from({ length: 100 }, (_, i) => [`m${i}`, "short"])],
      { width: 0 },
    );
    const lines = drawn.split("\n");
    expect(lines).toHaveLength(105);
    for (const l of lines) expect(stringWidth(l)).toBe(1 + (3 + 3) + (MAX_COLUMN + 3));
    expect(lines[3]).toContain("x…");
    // At a width, the cell wraps instead: every line fits, and every x is kept.
    const wrapped = drawTable(["id", "note"], [["a", huge]], { width: 80 });
    for (const l of wrapped.split("\n")) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(wrapped.match(/x/g)).toHaveLength(600_000);
  });

  it("draws 150,000 rows (more than a spread can take) with multi-line cells, every line in its box", () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => [`m${i}`, i % 1000 === 0 ? "a\nb" : "a"]);
    const lines = drawTable(["id", "x"], rows, { width: 80 }).split("\n");
    const width = lines[0]!.length;
    for (const l of lines) if (l.length !== width) throw new Error(`line out of its box: ${l}`);
    expect(lines.length).toBe(1 + 1 + 2 * 150_000 + 150 + 1);
  });

  it("draws a table with no rows as cli-table3 does", () => {
    expect(drawTable(["id", "name"], [], { width: 0 })).toBe(cliTable3(["id", "name"], []));
  });
});

describe("shrinkWidths", () => {
  it("keeps widths that fit, and takes from the widest first", () => {
    expect(shrinkWidths([3, 10, 40], 60)).toEqual([3, 10, 40]);
    expect(shrinkWidths([3, 10, 40], 33)).toEqual([3, 10, 20]);
    expect(shrinkWidths([3, 30, 40], 33)).toEqual([3, 15, 15]);
    expect(shrinkWidths([3, 30, 40], 34)).toEqual([3, 15, 16]);
    // Two columns at least (a wide character), even when that overflows.
    expect(shrinkWidths([1, 30, 40], 3)).toEqual([1, 2, 2]);
  });

  it("sums to the room whenever the room allows a column each", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 500 }),
        (natural, room) => {
          const out = shrinkWidths(natural, room);
          const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
          if (sum(natural) <= room) expect(out).toEqual(natural);
          else if (room >= 2 * natural.length) expect(sum(out)).toBe(room);
          out.forEach((w, i) => expect(w).toBeLessThanOrEqual(Math.max(2, natural[i]!)));
          out.forEach((w, i) => expect(w).toBeGreaterThanOrEqual(Math.min(2, natural[i]!)));
        },
      ),
    );
  });
});
