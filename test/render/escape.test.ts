import { SCHEMA_VERSION } from "../../src/vocabulary.js";
import { describe, expect, it } from "vitest";
import type { GraphResult } from "../../src/contract.js";
import { escapeJson, escapeLine, escapeText } from "../../src/render/escape.js";
import { PLAIN, render } from "../../src/render/index.js";
import { showModelOf, traceOf } from "./results.js";

/** Characters that act on a terminal or hide themselves: each must come out as a visible escape. */
const HIDDEN: [string, string][] = [
  ["\u001b", "\\x1b"],
  ["\u0007", "\\x07"],
  ["\t", "\\x09"],
  ["\r", "\\x0d"],
  ["\u007f", "\\x7f"],
  ["\u0085", "\\x85"],
  ["\u009b", "\\x9b"],
  ["\u00ad", "\\xad"],
  ["\u061c", "\\u061c"],
  ["\u180e", "\\u180e"],
  ["\u200b", "\\u200b"],
  ["\u200c", "\\u200c"],
  ["\u200d", "\\u200d"],
  ["\u200e", "\\u200e"],
  ["\u200f", "\\u200f"],
  ["\u2028", "\\u2028"],
  ["\u2029", "\\u2029"],
  ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((c): [string, string] => [
    String.fromCharCode(c),
    `\\u${c.toString(16)}`,
  ]),
  ["\u2060", "\\u2060"],
  ["\u2064", "\\u2064"],
  ["\ufeff", "\\ufeff"],
  ["\u3164", "\\u3164"],
  ["\u{e0041}", "\\u{e0041}"],
  // Default-ignorable marks: drawn as nothing, though not format characters.
  ["\u034f", "\\u034f"],
  ["\u17b4", "\\u17b4"],
  ["\u180b", "\\u180b"],
  ["\ufe0f", "\\ufe0f"],
  ["\ufe00", "\\ufe00"],
  ["\u{e0100}", "\\u{e0100}"],
  ["\uffa0", "\\uffa0"],
  ["\u115f", "\\u115f"],
];

describe("escapeText", () => {
  it.each(HIDDEN)("shows %j as %s", (c, shown) => {
    expect(escapeText(`gpt${c}4`)).toBe(`gpt${shown}4`);
    expect(escapeLine(`gpt${c}4`)).toBe(`gpt${shown}4`);
  });

  it("keeps newlines in prose and shows them in one-line fields, and leaves visible text alone", () => {
    expect(escapeText("a\nb")).toBe("a\nb");
    expect(escapeLine("a\nb")).toBe("a\\nb");
    const visible = "GPT-3.5 §3.1 «可能不是» café 🙂 — ok";
    expect(escapeText(visible)).toBe(visible);
  });

  it("is what every text renderer shows of a name from a file", () => {
    const evil = "top\u009b2J\u202e\u200b";
    const shown = "top\\x9b2J\\u202e\\u200b";
    const trace = render("trace", "text", traceOf({ model: evil, path: ["base", evil] }), {
      painter: PLAIN,
      width: 0,
      detail: true,
    });
    const card = render("show", "text", showModelOf({ id: evil, name: evil, aliases: [evil] }), {
      painter: PLAIN,
      width: 0,
      detail: true,
    });
    for (const text of [trace, card]) {
      expect(text).toContain(shown);
      expect(text).not.toMatch(/[\u0080-\u009f\u200b\u202e]/);
    }
  });
});

describe("graph pictures", () => {
  const r: GraphResult = {
    schemaVersion: SCHEMA_VERSION,
    title: "T\u2066",
    ability: null,
    nodes: [
      { id: "a", name: "A\u009b31m\u202eevil\u0085", series: "s\u2028", family: null, state: null },
      { id: "b", name: "b", series: null, family: null, state: null },
    ],
    edges: [
      { from: "a", to: "b", step: "s", kind: "merge", label: "x\u200by\u001b[2J", confidence: "likely", primary: true },
    ],
  };
  it.each(["dot", "mermaid"] as const)(
    "%s shows C1 controls, bidi overrides and invisible characters escaped",
    (format) => {
      const text = render("graph", format, r, { painter: PLAIN, width: 80, detail: false });
      // eslint-disable-next-line no-control-regex -- no control character may pass
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u2028\u202a-\u202e\u2066-\u2069]/);
      expect(text).toContain("x9b31m");
      expect(text).toContain("u202eevil");
      expect(text).toContain("x1b[2J");
    },
  );
});

describe("escapeJson", () => {
  const hostile = "a\u009b31m\u0085\u007f\u202egnp\u2066\u200b\u2028\u2029\ufeff\ufe0f\u{e0041}z";
  it("escapes what JSON.stringify leaves raw that acts on a terminal or hides, and reads back exactly", () => {
    const json = escapeJson(JSON.stringify({ name: hostile, "k\u202e": [hostile] }, null, 2));
    expect(json).not.toMatch(/[\u007f-\u009f\u200b\u2028\u2029\u202e\u2066\ufeff]|\ufe0f|\u{e0041}/u);
    expect(json).toContain(
      "\\u009b31m\\u0085\\u007f\\u202egnp\\u2066\\u200b\\u2028\\u2029\\ufeff\\ufe0f\\udb40\\udc41z",
    );
    expect(JSON.parse(json)).toEqual({ name: hostile, "k\u202e": [hostile] });
  });

  it("escapes DEL in text that is otherwise plain ASCII", () => {
    expect(escapeJson('{"a":"x\u007fy"}')).toBe('{"a":"x\\u007fy"}');
    expect(escapeJson('{"a":"xy"}')).toBe('{"a":"xy"}');
  });

  it("leaves visible text and JSON's own escapes alone", () => {
    const visible = JSON.stringify({ a: 'café 🙂 «可能» \\ " \n\u001b' });
    expect(escapeJson(visible)).toBe(visible);
  });
});
