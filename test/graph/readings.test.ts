import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DiffOut, MatrixOut, TraceOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { decodeCompact, encodeCompact } from "../../src/store/compact-bytes.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { MAX_READING_GRAPHS, parseReading, readingKey, underReading } from "../../src/graph/readings.js";
import { cacheOf } from "../../src/graph/cache.js";
import { diff } from "../../src/query/diff.js";
import { matrix } from "../../src/query/matrix.js";
import { trace } from "../../src/query/trace.js";
import type { LineageFile } from "../../src/schema.js";
import { lineageFile } from "../support/build.js";

/** base -> a (gives x), base -> c (from a; a source says from d instead), base -> d (after c in the file). */
function file(): LineageFile {
  const lineage = lineageFile([
    ["pre", [], "base", []],
    ["sa", ["base"], "a", [["x", "introduced"]]],
    ["sc", ["a"], "c", [["y", "introduced"]]],
    ["sd", ["base"], "d", [["y", "introduced", "likely"]]],
  ]);
  lineage.steps[2]!.alternatives = [
    { from: ["d"], confidence: "hypothesis", evidence: [{ source: "src" }] },
    { from: ["c"], confidence: "speculative", evidence: [{ source: "src" }] },
  ];
  return lineage;
}

/** The same lineage with the step's parents written as the alternative's, built from scratch: the reference. */
function swappedFile(): LineageFile {
  const lineage = file();
  lineage.steps[2] = { ...lineage.steps[2]!, from: ["d"], confidence: "hypothesis" };
  return lineage;
}

describe("parentage readings", () => {
  const g = buildGraph(file());

  it("answer trace, diff and matrix under a chosen reading as the lineage written that way would", () => {
    const reading = { sc: 1 };
    const ref = buildGraph(swappedFile());
    const strip = <T extends object>(r: T) => ({ ...r, reading: "", underReadings: [] });
    for (const [model, ability] of [
      ["c", "x"],
      ["c", "y"],
      ["d", "y"],
    ] as const) {
      expect(strip(trace(g, { model, ability, reading }))).toEqual(strip(trace(ref, { model, ability })));
    }
    expect({ ...diff(g, { from: "a", to: "c", reading }), reading: "", underReadings: [] }).toEqual({
      ...diff(ref, { from: "a", to: "c" }),
      reading: "",
      underReadings: [],
    });
    expect({ ...matrix(g, { reading }), reading: "", underReadings: [] }).toEqual({
      ...matrix(ref),
      reading: "",
      underReadings: [],
    });
    expect(TraceOut.parse(trace(g, { model: "c", ability: "x", reading })).reading).toBe("sc=1");
    DiffOut.parse(diff(g, { from: "a", to: "c", reading }));
    MatrixOut.parse(matrix(g, { reading }));
  });

  it("re-sorts the lineage when the reading puts a parent after its child in the file", () => {
    const under = underReading(g, { sc: 1 });
    expect(under.modelOrder.indexOf("d")).toBeLessThan(under.modelOrder.indexOf("c"));
    expect(g.modelOrder.indexOf("d")).toBeGreaterThan(g.modelOrder.indexOf("c"));
  });

  it("trace says when the answer changes with the reading", () => {
    const r = trace(g, { model: "c", ability: "x" });
    expect(r.present).toBe(true);
    expect(r.underReadings).toEqual([
      { step: "sc", alternative: 1, from: ["d"], present: false, state: "absent", introducedBy: null, differs: true },
    ]);
    const y = trace(g, { model: "c", ability: "y" });
    expect(y.underReadings[0]).toMatchObject({ present: true, introducedBy: "sd", differs: true });
  });

  it("diff says which abilities' rows change with the reading", () => {
    const d = DiffOut.parse(diff(g, { from: "a", to: "c" }));
    // Under sc=1, c comes from d and lacks x (a has it); y it gains itself either way; the cyclic reading sc=2 is left out.
    expect(d.underReadings).toEqual([{ step: "sc", alternative: 1, from: ["d"], abilities: ["x"] }]);
    expect(diff(g, { from: "base", to: "a" }).underReadings).toEqual([]);
  });

  it("matrix says which cells change with the reading", () => {
    expect(matrix(g).underReadings).toEqual([
      { step: "sc", alternative: 1, from: ["d"], cells: [{ model: "c", ability: "x", state: "absent" }] },
    ]);
    expect(matrix(g, { models: ["a"] }).underReadings).toEqual([]);
    expect(matrix(g, { reading: { sc: 1 } }).underReadings).toEqual([]);
  });

  it("says no reading differs when the answer does not depend on it", () => {
    const r = trace(g, { model: "a", ability: "x" });
    expect(r.underReadings).toEqual([]);
    expect(r.reading).toBe("");
  });

  it("refuses an unknown step, an index that is not a reading, and a reading that makes a cycle", () => {
    expect(() => underReading(g, { nope: 1 })).toThrow("unknown step 'nope'");
    expect(() => underReading(g, { sc: 3 })).toThrow("step 'sc' has 2 alternative readings; 3 is not one");
    expect(() => underReading(g, { sc: 2 })).toThrow("makes the lineage cyclic");
    expect(underReading(g, { sc: 0 })).toBe(g);
  });

  it("parse and name readings", () => {
    expect(parseReading("sc=1, sa=0")).toEqual({ sc: 1, sa: 0 });
    expect(readingKey({ sc: 1, sa: 0, b: 2 })).toBe("b=2,sc=1");
    expect(() => parseReading("sc")).toThrow("a reading is STEP=N");
  });

  it("keep the lazy graph lazy and answer as the eager graph does", () => {
    const eager = buildGraph(file());
    const decoded = decodeCompact(encodeCompact(eager, { located: [], issues: [] }, "k", "v"), "k", "v")!;
    const reads: string[] = [];
    const entry = decoded.entry.bind(decoded);
    const lazy = lazyGraph({ ...decoded, entry: (kind, i) => (reads.push(`${kind}#${i}`), entry(kind, i)) });
    const r = trace(lazy, { model: "c", ability: "x" });
    expect(r).toEqual(trace(eager, { model: "c", ability: "x" }));
    // The step of d (index 3) is never read: an overlay remakes index arrays, it parses no entry.
    expect(reads.filter((x) => x === "steps#3")).toEqual([]);
  });

  it("agree with a lineage written that way on random alternatives (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }), fc.nat(), fc.nat(), (n, pickStep, pickParent) => {
        const steps = Array.from(
          { length: n },
          (_, i) =>
            [
              `s${i}`,
              i === 0 ? [] : [`m${(i * 7 + 3) % i}`],
              `m${i}`,
              [["x", i % 3 === 1 ? "introduced" : i % 3 === 2 ? "weakened" : "strengthened"]],
            ] as [string, string[], string, [string, "introduced"][]],
        );
        const lineage = lineageFile(steps);
        const s = 1 + (pickStep % (n - 1));
        // Any other model: one later in the file makes the lineage re-sort, a descendant makes it cyclic.
        const p = pickParent % (n - 1);
        const parent = `m${p >= s ? p + 1 : p}`;
        lineage.steps[s]!.alternatives = [{ from: [parent], confidence: "likely", evidence: [{ source: "src" }] }];
        const ref = structuredClone(lineage);
        ref.steps[s] = { ...ref.steps[s]!, from: [parent], confidence: "likely" };
        const g2 = buildGraph(lineage);
        const r2 = buildGraph(ref);
        if (r2.modelOrder.length < n) {
          expect(() => underReading(g2, { [`s${s}`]: 1 })).toThrow("cyclic");
          return;
        }
        for (const m of g2.modelOrder) {
          const a = trace(g2, { model: m, ability: "x", reading: { [`s${s}`]: 1 } });
          const b = trace(r2, { model: m, ability: "x" });
          expect({ ...a, reading: "", underReadings: [] }).toEqual({ ...b, reading: "", underReadings: [] });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("graphs under readings", () => {
  it("keeps the most recently used few per graph, however many readings are asked for", () => {
    // Six steps with one alternative each: 64 readings, more than are kept.
    const steps: [string, string[], string, [string, "introduced"][]][] = [["pre", [], "m0", []]];
    for (let i = 1; i <= 6; i++) steps.push([`s${i}`, [`m${i - 1}`], `m${i}`, [[`x${i}`, "introduced"]]]);
    steps.push(["s7", ["m0"], "side", []]);
    const lineage = lineageFile(steps);
    for (let i = 1; i <= 6; i++)
      lineage.steps[i]!.alternatives = [{ from: ["side"], confidence: "hypothesis", evidence: [{ source: "src" }] }];
    const g = buildGraph(lineage);
    const kept = cacheOf(g).readings;
    const choices = Array.from({ length: 64 }, (_, bits) =>
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`s${i + 1}`, (bits >> i) & 1])),
    );
    const first = underReading(g, choices[1]);
    for (const choice of choices) underReading(g, choice);
    expect(kept.size).toBe(MAX_READING_GRAPHS);
    // The first one made is gone; asked for again, it is made anew, answering as before.
    const again = underReading(g, choices[1]);
    expect(again).not.toBe(first);
    expect(trace(again, { model: "m6", ability: "x1" })).toEqual(trace(first, { model: "m6", ability: "x1" }));
    // One used recently stays.
    expect(underReading(g, choices[63])).toBe(underReading(g, choices[63]));
    expect(kept.size).toBe(MAX_READING_GRAPHS);
  });
});
