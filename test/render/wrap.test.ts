import fc from "fast-check";
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";
import { describe, expect, it } from "vitest";
import {
  breakLine,
  fit,
  measure,
  measureLong,
  truncate,
  truncateLong,
  wrapAscii,
  wrapLong,
} from "../../src/render/wrap.js";

const ascii = fc
  .array(fc.constantFrom("a", "bb", "word", "x-y", " ", "  ", ".", "-", "longerword"), { maxLength: 30 })
  .map((p) => p.join(""));

describe("wrapAscii", () => {
  it("wraps printable ASCII exactly as wrap-ansi does (hard, trimmed)", () => {
    fc.assert(
      fc.property(ascii, fc.integer({ min: 1, max: 30 }), (line, columns) => {
        expect(wrapAscii(line, columns).join("\n")).toBe(wrapAnsi(line, columns, { hard: true, trim: true }));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("breakLine and fit", () => {
  it("measures wide characters and colour codes as a terminal shows them", () => {
    expect(measure("模型")).toBe(4);
    expect(measure("\u001b[1mab\u001b[22m")).toBe(2);
    expect(measure("abc")).toBe(3);
  });

  it("measures box drawing and the other narrow symbols as string-width does, next to anything", () => {
    const narrow = ["├── ", "└── ", "│   ", "┼", "─", "·", "…", "§", "a", " ", "~"];
    const others = ["模", "🙂", "\u0301", "\u20e3", "1", "\u001b[1m", "é", "\u200d", "\ufe0f"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...narrow, ...others), { maxLength: 20 }), (parts) => {
        const line = parts.join("");
        expect(measure(line)).toBe(stringWidth(line));
      }),
      { numRuns: 2000 },
    );
    for (let code = 0x2500; code <= 0x257f; code++)
      expect(measure(String.fromCharCode(code))).toBe(stringWidth(String.fromCharCode(code)));
  });

  it("breaks after a hyphen before cutting inside a word", () => {
    expect(breakLine("in-context-learning", 12)).toEqual(["in-context-", "learning"]);
    expect(breakLine("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });

  it("never cuts a wide character or an escape sequence", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("模", "a", " ", "🙂", "\u001b[1mb\u001b[22m", "é"), { maxLength: 40 }),
        fc.integer({ min: 2, max: 12 }),
        (parts, width) => {
          const line = parts.join("");
          for (const l of breakLine(line, width)) {
            expect(stringWidth(l)).toBeLessThanOrEqual(width);
            expect(l).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
            // eslint-disable-next-line no-control-regex -- an escape cut short is what is looked for
            expect(l).not.toMatch(/\u001b(?!\[\d+m)/);
          }
        },
      ),
    );
  });

  it("wraps prose with a hanging indent two past the line's own, keeping every word in order", () => {
    const text = "    - source §1: one two three four five six seven eight nine ten eleven twelve";
    const out = fit([text], 30);
    for (const l of out) expect(stringWidth(l)).toBeLessThanOrEqual(30);
    expect(out[0]).toMatch(/^ {4}- source/);
    for (const l of out.slice(1)) expect(l).toMatch(/^ {6}\S/);
    expect(out.join(" ").replace(/\s+/g, " ").trim()).toBe(text.trim());
    expect(fit([text], 0)).toEqual([text]);
  });

  it("cuts with an ellipsis", () => {
    expect(truncate("abcdef", 4)).toBe("abc…");
    expect(truncate("模型模型", 5)).toBe("模型…");
    expect(truncate("abc", 4)).toBe("abc");
  });
});

describe("long lines (past LONG_LINE code units), linear in their length", () => {
  // Long enough to cross the segmenter's pieces (256 code units) several times.
  const parts = [
    "模",
    "a",
    " ",
    "🙂",
    "é",
    "e\u0301",
    "👩‍💻",
    "🇫🇷",
    "\u200d",
    "\u0301",
    "ab-cd",
    "한",
    "\u1100\u1161",
    "x\ufe0f",
  ];
  const mixed = fc.array(fc.constantFrom(...parts), { minLength: 100, maxLength: 400 }).map((p) => p.join(""));

  it("measures as string-width does, clusters across the segmenter's pieces included", () => {
    fc.assert(
      fc.property(mixed, (line) => {
        expect(measureLong(line)).toBe(stringWidth(line));
      }),
      { numRuns: 300 },
    );
    // A cluster longer than a piece: a letter under 1,000 marks is one column.
    expect(measureLong(`e${"\u0301".repeat(1000)}x`)).toBe(2);
  });

  it("wraps and cuts as wrap-ansi does (text it does not normalise)", () => {
    const plain = fc
      .array(fc.constantFrom(...parts, "  ", "word"), { minLength: 50, maxLength: 300 })
      // wrap-ansi normalises what it wraps (NFC); wrapLong keeps the text as it is.
      .map((p) => p.join("").normalize());
    fc.assert(
      fc.property(plain, fc.integer({ min: 1, max: 40 }), (line, columns) => {
        expect(wrapLong(line, columns)).toEqual(wrapAnsi(line, columns, { hard: true, trim: true }).split("\n"));
        const cut = wrapAnsi(line, Math.max(1, columns - 1), { hard: true, trim: false, wordWrap: false });
        expect(truncateLong(line, columns)).toBe(`${cut.split("\n", 1)[0]}…`);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps colours to their rows: each row fits, and its text is what wrap-ansi gives", () => {
    const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, ""); // eslint-disable-line no-control-regex
    const coloured = fc
      .array(fc.constantFrom("模", "a", " ", "\u001b[1mbold\u001b[22m", "\u001b[31m红 red\u001b[39m", "é"), {
        minLength: 50,
        maxLength: 300,
      })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(coloured, fc.integer({ min: 2, max: 30 }), (line, columns) => {
        const rows = wrapLong(line, columns);
        for (const row of rows) expect(stringWidth(row)).toBeLessThanOrEqual(columns);
        expect(rows.map(strip)).toEqual(wrapAnsi(line, columns, { hard: true, trim: true }).split("\n").map(strip));
        // A row that shows coloured text opens its colour itself.
        for (const row of rows) if (strip(row).includes("红")) expect(row).toMatch(/\u001b\[31m/); // eslint-disable-line no-control-regex
      }),
      { numRuns: 200 },
    );
  });

  it("measures, wraps and cuts 300,000 CJK characters, or 150,000 letters with a mark each (a 900 KB line)", () => {
    const cjk = "中".repeat(300_000);
    expect(measure(cjk)).toBe(600_000);
    const rows = breakLine(cjk, 80);
    expect(rows).toHaveLength(7_500);
    expect(rows.every((r) => measure(r) === 80)).toBe(true);
    expect(truncate(cjk, 200)).toBe(`${"中".repeat(99)}…`);
    const marked = "e\u0301".repeat(150_000);
    expect(measure(marked)).toBe(150_000);
    expect(breakLine(`${marked} x`, 100)).toHaveLength(1_501);
    expect(fit([`  - ${cjk}`], 80).length).toBeGreaterThan(7_500);
  });
});
