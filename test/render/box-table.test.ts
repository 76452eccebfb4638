import Table from "cli-table3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { drawBoxTable } from "../../src/render/box-table.js";

/** cli-table3's drawing, with the options captrace's tables use. */
function cliTable3(head: string[], rows: string[][]): string {
  const t = new Table({ head, style: { head: [], border: [], "padding-left": 1, "padding-right": 1 }, wordWrap: false });
  t.push(...rows);
  return t.toString();
}

// One-line cells: ASCII, the article's §, accents, CJK and emoji (two columns wide), empty ones, and the
// styles chalk wraps text in (captrace's cells hold no other escape: lineage text is escaped first).
const text = fc.array(fc.constantFrom("a", "Z", "0", " ", "-", "§", "é", "模", "型", "🙂", "."), { maxLength: 10 }).map((parts) => parts.join(""));
const STYLES = [["1", "22"], ["2", "22"], ["3", "23"], ["31", "39"], ["32", "39"], ["33", "39"], ["36", "39"]] as const;
const styled = fc.tuple(text, fc.constantFrom(...STYLES)).map(([t, [on, off]]) => `\u001b[${on}m${t}\u001b[${off}m`);
const cell = fc.array(fc.oneof(text, styled), { maxLength: 3 }).map((parts) => parts.join(""));

describe("drawBoxTable", () => {
  it("draws what cli-table3 draws", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { maxLength: 8 }), fc.array(cell, { minLength: 6, maxLength: 6 }), (columns, rows, head) => {
        const h = head.slice(0, columns);
        const r = rows.map((row) => row.slice(0, columns));
        expect(drawBoxTable(h, r)).toBe(cliTable3(h, r));
      }),
      { numRuns: 500 },
    );
  });

  it("draws a table with no rows as cli-table3 does", () => {
    expect(drawBoxTable(["id", "name"], [])).toBe(cliTable3(["id", "name"], []));
  });
});
