import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { trace } from "../../src/query/trace.js";
import { renderJsonLine, type JsonTexts } from "../../src/render/json-line.js";
import { randomLineage } from "../support/random-lineage.js";

/** Freezes some of a value's objects (deeply), chosen by `pick`, as the trace query freezes what it shares. */
function freezeSome(value: unknown, pick: () => boolean): unknown {
  if (typeof value !== "object" || value === null) return value;
  for (const v of Object.values(value)) freezeSome(v, pick);
  if (pick()) deepFreeze(value);
  return value;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null) return;
  for (const v of Object.values(value)) deepFreeze(v);
  Object.freeze(value);
}

describe("renderJsonLine", () => {
  it("writes what JSON.stringify writes, for any JSON value with frozen parts, written twice with one memory", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.constantFrom(undefined, () => 1, Symbol("s")),
        (value, bits, odd) => {
          let i = 0;
          // An odd member (left out of objects, null in arrays) and a shared part, at several places.
          const withOdd = { value, odd, list: [value, odd, value], nested: { a: [{ b: odd, c: value }] } };
          const copy = () => structuredClone(value);
          const frozen = freezeSome(
            { value: copy(), list: [copy(), copy()], nested: { a: [{ c: copy() }] } },
            () => bits[i++ % bits.length]!,
          );
          const known: JsonTexts = new WeakMap();
          for (const v of [withOdd, frozen, frozen, [frozen, withOdd]])
            expect(renderJsonLine(v, known)).toBe(JSON.stringify(v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("writes each trace answer of a lineage as JSON.stringify does, its shared entries reused", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const graph = buildGraph(lineage);
        const known: JsonTexts = new WeakMap();
        for (const model of graph.modelOrder)
          for (const ability of graph.abilityOrder) {
            const answer = trace(graph, { model, ability });
            expect(renderJsonLine(answer, known)).toBe(JSON.stringify(answer));
          }
      }),
      { numRuns: 60 },
    );
  });

  it("keeps toJSON, undefined and non-finite numbers as JSON.stringify does", () => {
    const known: JsonTexts = new WeakMap();
    const v = { d: new Date(0), u: undefined, n: NaN, i: -Infinity, a: [undefined, NaN], f: Object.freeze({ z: 1 }) };
    expect(renderJsonLine(v, known)).toBe(JSON.stringify(v));
    expect(renderJsonLine(undefined, known)).toBe("null");
  });
});
