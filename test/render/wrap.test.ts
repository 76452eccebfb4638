import fc from "fast-check";
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";
import { describe, expect, it } from "vitest";
import { breakLine, fit, measure, truncate, wrapAscii } from "../../src/render/wrap.js";

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
