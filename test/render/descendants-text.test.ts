import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { DescendantsOut, type DescendantsResult } from "../../src/contract.js";
import { PLAIN, render, type RenderOptions } from "../../src/render/index.js";
import { SCHEMA_VERSION } from "../../src/vocabulary.js";

const plain = (width = 80): RenderOptions => ({ painter: PLAIN, width, detail: false });
const lines = (text: string) => text.trimEnd().split("\n");
const widest = (text: string) => Math.max(...lines(text).map((l) => stringWidth(l)));

const hub: DescendantsResult = DescendantsOut.parse({
  schemaVersion: SCHEMA_VERSION,
  model: "meta-llama/Llama-3.1-8B",
  name: "Llama 3.1 8B",
  maxDepth: null,
  total: 48_213,
  direct: 32_006,
  deepest: 3,
  cut: false,
  relations: [
    { relation: "fine-tuning", direct: 25_000, all: 37_904 },
    { relation: "quantization", direct: 6_500, all: 9_120 },
    { relation: "merge", direct: 400, all: 1_010 },
    { relation: "unspecified", direct: 106, all: 179 },
  ],
  unspecified: [
    { readAs: "fine-tuning", direct: 100, all: 170 },
    { readAs: "quantization", direct: 6, all: 9 },
  ],
  byDepth: [
    { depth: 1, count: 32_006 },
    { depth: 2, count: 16_000 },
    { depth: 3, count: 207 },
  ],
});

describe("descendants text", () => {
  it("answers in the first line, with thousands separators, then a table of relation by children and all", () => {
    const text = render("descendants", "text", hub, plain(0));
    expect(lines(text)[0]).toBe(
      "meta-llama/Llama-3.1-8B has 48,213 descendants: 37,904 fine-tuned, 9,120 quantized, 1,010 merged, 179 unspecified",
    );
    expect(text).toMatch(/│ relation +│ children │ all +│/);
    expect(text).toMatch(/│ fine-tuning +│ 25,000 +│ 37,904 │/);
    expect(text).toMatch(/│ total +│ 32,006 +│ 48,213 │/);
    // What the undeclared ones were read as, beneath them.
    expect(text).toMatch(
      /│ unspecified +│ 106 +│ 179 +│\n│ {3}read as fine-tuning +│ 100 +│ 170 +│\n│ {3}read as quantization +│ 6 +│ 9 +│/,
    );
    expect(lines(text).at(-1)).toBe("By level: 32,006 children, 16,000 at level 2, 207 at level 3 (the deepest).");
  });

  it("fits the width: the answer wraps with a hanging indent, the table shrinks", () => {
    for (const width of [80, 50, 36]) {
      const text = render("descendants", "text", hub, plain(width));
      expect(widest(text)).toBeLessThanOrEqual(width);
      expect(lines(text)[0]).toMatch(/^meta-llama\/Llama-3\.1-8B has 48,213\b/);
      expect(lines(text)[1]).toMatch(/^ {2}\S/);
    }
    expect(widest(render("descendants", "text", hub, plain(0)))).toBeGreaterThan(80);
  });

  it("says in one line that a model has none, and what a depth cut off", () => {
    const none = { ...hub, total: 0, direct: 0, deepest: 0, relations: [], unspecified: [], byDepth: [] };
    expect(render("descendants", "text", none, plain())).toBe("meta-llama/Llama-3.1-8B has no descendants.\n");
    expect(render("descendants", "text", { ...none, maxDepth: 0, cut: true }, plain())).toBe(
      "meta-llama/Llama-3.1-8B has no descendants within 0 levels (more below).\n",
    );
    const one = {
      ...hub,
      maxDepth: 1,
      cut: true,
      total: 1,
      direct: 1,
      deepest: 1,
      relations: [{ relation: "distillation", direct: 1, all: 1 }],
      unspecified: [],
      byDepth: [{ depth: 1, count: 1 }],
    };
    const text = render("descendants", "text", one, plain(0));
    expect(lines(text)[0]).toBe("meta-llama/Llama-3.1-8B has 1 descendant within 1 level (more below): 1 distilled");
    expect(lines(text).at(-1)).toBe("By level: 1 child (more below).");
    expect(text).toMatch(/│ relation +│ children │ all within depth │/);
  });

  it("lists the first five levels and sums the rest, every level in detail", () => {
    const deep = {
      ...hub,
      deepest: 40,
      byDepth: Array.from({ length: 40 }, (_, i) => ({ depth: i + 1, count: i === 0 ? 32_006 : 10 })),
    };
    const short = render("descendants", "text", deep, plain(0));
    expect(lines(short).at(-1)).toBe(
      "By level: 32,006 children, 10 at level 2, 10 at level 3, 10 at level 4, 10 at level 5, 350 at levels 6 to 40 (the deepest). (-v: every level)",
    );
    const full = render("descendants", "text", deep, { ...plain(0), detail: true });
    expect(lines(full).at(-1)).toMatch(
      /^By level: 32,006 children, 10 at level 2, .*, 10 at level 39, 10 at level 40 \(the deepest\)\.$/,
    );
    expect(
      lines(full)
        .at(-1)!
        .match(/at level \d+/g),
    ).toHaveLength(39);
    // Six levels are listed as they are: a sum of one level says no less.
    const six = { ...deep, deepest: 6, byDepth: deep.byDepth.slice(0, 6) };
    expect(lines(render("descendants", "text", six, plain(0))).at(-1)).toMatch(/10 at level 6 \(the deepest\)\.$/);
  });

  it("names a lineage's own kind as it is, escaped", () => {
    const own = { ...hub, relations: [{ relation: "my-kind\u202e", direct: 1, all: 1 }] };
    const text = render("descendants", "text", own, plain(0));
    expect(lines(text)[0]).toContain("1 by my-kind\\u202e");
    expect(text).not.toContain("\u202e");
  });

  it("gives the result as it is in JSON", () => {
    expect(DescendantsOut.parse(JSON.parse(render("descendants", "json", hub, plain())))).toEqual(hub);
  });
});
