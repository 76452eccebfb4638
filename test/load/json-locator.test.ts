/**
 * jsonLocator against an independent oracle: yaml@2 reads JSON (YAML 1.2 is a superset of it) with each
 * node's range, so for every path of a generated document both must name the same line and column.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { jsonLocator } from "../../src/load/parse-json.js";
import type { PathSegment } from "../../src/problem.js";

/** Every path of a document, with where yaml@2 says its value (and its key) starts. */
function oracle(text: string): { path: PathSegment[]; value: string; key?: string }[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const at = (offset: number) => {
    const { line, col } = counter.linePos(offset);
    return `${line}:${col}`;
  };
  const out: { path: PathSegment[]; value: string; key?: string }[] = [];
  const walk = (node: Node, path: PathSegment[], key?: string) => {
    out.push({ path, value: at(node.range![0]), ...(key ? { key } : {}) });
    if (isSeq(node)) node.items.forEach((item, i) => walk(item as Node, [...path, i]));
    else if (isMap(node))
      for (const pair of node.items) {
        const k = pair.key as Node;
        walk(pair.value as Node, [...path, String((k as { value: unknown }).value)], at(k.range![0]));
      }
    else expect(isScalar(node)).toBe(true);
  };
  walk(doc.contents as Node, []);
  return out;
}

// Strings of any character JSON can hold (quotes, backslashes, controls, astral ones), kept short.
const str = fc.string({ maxLength: 6, unit: "binary" });
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1.5e-7, 1234567890123456),
    str,
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(str, tie("v"), { maxKeys: 4 }),
  ),
})).v;

describe("jsonLocator", () => {
  it("places every value and key where yaml@2 does, however the JSON is laid out", () => {
    fc.assert(
      fc.property(value, fc.constantFrom(undefined, 0, 1, 2, "\t"), fc.boolean(), (data, indent, bom) => {
        const text = (bom ? "\ufeff" : "") + JSON.stringify(data, null, indent);
        const expected = oracle(text.replace(/^\ufeff/, " "));
        const locate = jsonLocator(
          text,
          expected.map((e) => e.path),
        );
        for (const e of expected) {
          const got = locate(e.path);
          expect(`${got.line}:${got.column}`, JSON.stringify(e.path)).toBe(e.value);
          if (e.key) {
            const k = locate(e.path, true);
            expect(`${k.line}:${k.column}`, JSON.stringify(e.path)).toBe(e.key);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("asked for some paths only, still places them (the rest of the text is skipped)", () => {
    const text = JSON.stringify({ a: [{ x: '"}]' }, { y: [1, 2, { z: "\\" }] }], b: { c: null } }, null, 1);
    const expected = oracle(text).filter((e) => e.path.length > 0 && e.path.at(-1) !== "x");
    for (const e of expected) {
      const got = jsonLocator(text, [e.path])(e.path);
      expect(`${got.line}:${got.column}`).toBe(e.value);
    }
  });
});
