import { SCHEMA_VERSION, STATE_LEGEND } from "../../src/vocabulary.js";
import { describe, expect, it } from "vitest";
import type { ListResult, MatrixResult } from "../../src/contract.js";
import { PLAIN, render, type RenderOptions } from "../../src/render/index.js";
import { MAX_COLUMN } from "../../src/render/table.js";
import { measure } from "../../src/render/wrap.js";

/** The width of a line of ASCII and box-drawing characters (one column each; string-width is slow on millions). */
const stringWidth = (line: string) => line.length;
const at = (width: number): RenderOptions => ({ painter: PLAIN, width, detail: false });
const models = (n: number, name: (i: number) => string = (i) => `Model ${i}`): ListResult => ({
  schemaVersion: SCHEMA_VERSION,
  what: "models",
  items: Array.from({ length: n }, (_, i) => ({
    id: `m${i}`,
    name: name(i),
    aliases: [],
    series: null,
    api: null,
    released: null,
    params: null,
    context: null,
    parents: i ? [`m${i - 1}`] : [],
  })),
});

describe("tables of hostile size", () => {
  it("lists 130,000 models (past what Math.max(...rows) can take) with every line in its box", () => {
    const lines = render("list", "text", models(130_000), at(80)).trimEnd().split("\n");
    expect(lines).toHaveLength(130_000 + 4);
    for (const l of lines) if (l.length !== lines[0]!.length) throw new Error(`out of its box: ${l}`);
  });

  it("does not pad every row to one 600 KB cell: it is cut at the column limit, or wrapped at a width", () => {
    const huge = "y".repeat(600_000);
    const r = models(10_000, (i) => (i === 5 ? huge : `Model ${i}`));
    const raw = render("list", "text", r, at(0));
    const widest = Math.max(...raw.split("\n").map((l) => stringWidth(l)));
    expect(widest).toBeLessThan(3 * MAX_COLUMN);
    expect(raw.length).toBeLessThan(10_010 * 3 * MAX_COLUMN);
    const wrapped = render("list", "text", r, at(80));
    for (const l of wrapped.split("\n")) if (stringWidth(l) > 80) throw new Error("a line past 80 columns");
    expect(wrapped.match(/y/g)).toHaveLength(600_000);
  });

  it("draws a 900 KB cell of wide or combining characters in linear time: cut, or wrapped to the width", () => {
    // Intl.Segmenter walks a long text in quadratic time: these never finished when measured whole.
    for (const huge of ["中".repeat(300_000), "e\u0301".repeat(150_000)]) {
      const r = models(3, (i) => (i === 1 ? huge : `Model ${i}`));
      const cut = render("list", "text", r, at(0)).split("\n");
      expect(cut).toHaveLength(3 + 5);
      expect(cut[4]).toMatch(/…\s*│/);
      const wrapped = render("list", "text", r, at(80)).trimEnd().split("\n");
      expect(wrapped.length).toBeGreaterThan(1000);
      expect(new Set(wrapped.slice(3, -1).map((l) => measure(l)))).toEqual(new Set([80]));
    }
  });

  it("draws a matrix of 50,000 abilities in column groups that fit, every ability and cell in them", () => {
    const abilities = Array.from({ length: 50_000 }, (_, i) => ({ id: `a${i}`, name: `A${i}` }));
    const r: MatrixResult = {
      schemaVersion: SCHEMA_VERSION,
      view: "state",
      reading: "",
      legend: STATE_LEGEND,
      underReadings: [],
      models: [
        { id: "m1", name: "M1" },
        { id: "m2", name: "M2" },
      ],
      abilities,
      rows: ["m1", "m2"].map((model) => ({
        model,
        cells: abilities.map((a, i) => ({
          ability: a.id,
          state: i % 2 ? ("lost" as const) : ("introduced" as const),
          symbol: i % 2 ? "x" : "+",
          agreement: true,
          change: null,
          size: null,
        })),
      })),
    };
    const text = render("matrix", "table", r, at(80));
    const lines = text.split("\n");
    for (const l of lines) if (stringWidth(l) > 80) throw new Error("a line past 80 columns");
    expect(text.match(/│ a\d+ /g)).toHaveLength(50_000);
    expect(text.match(/│ x /g)).toHaveLength(50_000);
    const flat = render("matrix", "table", r, at(0));
    expect(flat.split("\n")[1]!.match(/│/g)).toHaveLength(50_002);
  });
});
