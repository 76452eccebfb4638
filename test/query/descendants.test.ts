import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DescendantsOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { descendants, relationOf } from "../../src/query/descendants.js";
import { UnknownNameError } from "../../src/query/resolve.js";
import type { StepEntry } from "../../src/schema.js";
import { decodeCompact, encodeCompact } from "../../src/store/compact-bytes.js";
import { lineageFile, type StepSpec } from "../support/build.js";
import { randomLineage } from "../support/random-lineage.js";

/** A graph whose steps have the kinds (and methods, labels) given by step id. */
function graphWith(specs: StepSpec[], kinds: Record<string, Partial<StepEntry>>) {
  const file = lineageFile(specs);
  for (const step of file.steps) Object.assign(step, kinds[step.id]);
  file.models.base!.aliases = ["the-base"];
  return buildGraph(file);
}

// base ─ a (fine-tuning) ─┐
//      ─ b (quantization) ┴ m (merge of a and b) ─ c (adapter) ─ d (own kind)
//      ─ near (merge of base and a: reached at level 1 and 2, nearest 1)
const g = graphWith(
  [
    ["pre", [], "base", []],
    ["ft", ["base"], "a", []],
    ["q", ["base"], "b", []],
    ["mg", ["a", "b"], "m", []],
    ["ad", ["m"], "c", []],
    ["own", ["c"], "d", []],
    ["near", ["base", "a"], "close", []],
    ["other", [], "elsewhere", []],
    ["undeclared", ["elsewhere"], "card", []],
    ["undeclared-gguf", ["card"], "gguf", []],
    ["declared", ["elsewhere"], "quant", []],
  ],
  {
    pre: { kind: "pretraining" },
    q: { kind: "quantization" },
    mg: { kind: "merge" },
    near: { kind: "merge" },
    ad: { method: "Adapter" },
    own: { kind: "my-own-kind" },
    // As import hf records a card or a GGUF header that declares no relation.
    undeclared: { label: "relation unspecified (read as finetune)" },
    "undeclared-gguf": { kind: "quantization", label: "relation unspecified (read as quantized)" },
    declared: { kind: "quantization", label: "quantized (declared)" },
  },
);

const byRelation = (r: ReturnType<typeof descendants>) =>
  Object.fromEntries(r.relations.map((x) => [x.relation, [x.direct, x.all]]));

describe("descendants", () => {
  it("counts each descendant once, by the relation of the step that made it, children and all levels apart", () => {
    const r = DescendantsOut.parse(descendants(g, { model: "base" }));
    expect(r.total).toBe(6);
    expect(r.direct).toBe(3);
    expect(r.deepest).toBe(4);
    expect(r.cut).toBe(false);
    expect(r.maxDepth).toBeNull();
    expect(byRelation(r)).toEqual({
      merge: [1, 2],
      "fine-tuning": [1, 1],
      quantization: [1, 1],
      adapter: [0, 1],
      "my-own-kind": [0, 1],
    });
    // Most first; ties in the vocabulary's order, a lineage's own kind last.
    expect(r.relations.map((x) => x.relation)).toEqual([
      "merge",
      "fine-tuning",
      "quantization",
      "adapter",
      "my-own-kind",
    ]);
    expect(r.byDepth).toEqual([
      { depth: 1, count: 3 },
      { depth: 2, count: 1 },
      { depth: 3, count: 1 },
      { depth: 4, count: 1 },
    ]);
    expect(r.relations.reduce((n, x) => n + x.all, 0)).toBe(r.total);
  });

  it("stops at a depth and says when it cut descendants off", () => {
    const one = descendants(g, { model: "base", depth: 1 });
    expect([one.total, one.deepest, one.cut, one.maxDepth]).toEqual([3, 1, true, 1]);
    expect(byRelation(one)).toEqual({ "fine-tuning": [1, 1], quantization: [1, 1], merge: [1, 1] });
    const zero = descendants(g, { model: "base", depth: 0 });
    expect([zero.total, zero.cut, zero.relations, zero.byDepth]).toEqual([0, true, [], []]);
    // Exactly as deep as the lineage goes: nothing is cut.
    expect(descendants(g, { model: "base", depth: 4 }).cut).toBe(false);
    expect(descendants(g, { model: "base", depth: 3 }).cut).toBe(true);
  });

  it("counts a model in the middle, and a leaf has none", () => {
    expect(byRelation(descendants(g, { model: "m" }))).toEqual({ adapter: [1, 1], "my-own-kind": [0, 1] });
    const leaf = DescendantsOut.parse(descendants(g, { model: "d" }));
    expect([leaf.total, leaf.direct, leaf.deepest, leaf.cut, leaf.relations, leaf.byDepth]).toEqual([
      0,
      0,
      0,
      false,
      [],
      [],
    ]);
    expect(descendants(g, { model: "gguf" }).total).toBe(0);
  });

  it("counts undeclared relations as unspecified, and what each was read as", () => {
    const r = DescendantsOut.parse(descendants(g, { model: "elsewhere" }));
    expect(byRelation(r)).toEqual({ unspecified: [1, 2], quantization: [1, 1] });
    expect(r.unspecified).toEqual([
      { readAs: "fine-tuning", direct: 1, all: 1 },
      { readAs: "quantization", direct: 0, all: 1 },
    ]);
    expect(descendants(g, { model: "base" }).unspecified).toEqual([]);
  });

  it("resolves names as other queries do, and suggests on a miss", () => {
    expect(descendants(g, { model: "THE-BASE" }).model).toBe("base");
    expect(() => descendants(g, { model: "bsae" })).toThrow(UnknownNameError);
    expect(() => descendants(g, { model: "bsae" })).toThrow("(did you mean base?)");
  });

  it("reads no step of the lazy compact graph: each descendant's relation and kind are in its index", () => {
    const decoded = decodeCompact(encodeCompact(g, { located: [], issues: [] }, "key", "v"), "key", "v")!;
    const reads: string[] = [];
    const lazy = lazyGraph({ ...decoded, entry: (kind, i) => (reads.push(kind), decoded.entry(kind, i)) });
    const r = descendants(lazy, { model: "elsewhere" });
    expect(r).toEqual(descendants(g, { model: "elsewhere" }));
    expect(r.unspecified.length).toBeGreaterThan(0);
    // Only the model's own entry, for its name.
    expect(reads).toEqual(["models"]);
  });

  it("answers the same on the lazy compact graph", () => {
    const lazy = lazyGraph(decodeCompact(encodeCompact(g, { located: [], issues: [] }, "key", "v"), "key", "v")!);
    for (const model of ["base", "a", "m", "d"])
      for (const depth of [undefined, 0, 1, 2])
        expect(descendants(lazy, { model, depth })).toEqual(descendants(g, { model, depth }));
  });
});

describe("descendants on random lineages", () => {
  it("adds up: relations and levels to the total, children to the first level, under the contract", () => {
    fc.assert(
      fc.property(randomLineage, fc.nat(), fc.option(fc.nat({ max: 3 }), { nil: undefined }), (file, pick, depth) => {
        const graph = buildGraph(file);
        const model = graph.modelOrder[pick % graph.modelOrder.length]!;
        const r = DescendantsOut.parse(descendants(graph, { model, depth }));
        const sum = (xs: { all: number }[]) => xs.reduce((n, x) => n + x.all, 0);
        expect(sum(r.relations)).toBe(r.total);
        expect(r.relations.reduce((n, x) => n + x.direct, 0)).toBe(r.direct);
        expect(r.byDepth.reduce((n, x) => n + x.count, 0)).toBe(r.total);
        expect(r.byDepth[0]?.count ?? 0).toBe(r.direct);
        expect(r.deepest).toBe(r.byDepth.length);
        expect(r.deepest).toBeLessThanOrEqual(depth ?? Infinity);
        expect(sum(r.unspecified)).toBe(r.relations.find((x) => x.relation === "unspecified")?.all ?? 0);
      }),
      { numRuns: 200 },
    );
  });
});

describe("relationOf", () => {
  const step = (over: Partial<StepEntry>) => ({ kind: "fine-tuning", ...over });
  it("is the step's kind, an adapter's method, or unspecified where the importer recorded no declared relation", () => {
    expect(relationOf(step({}))).toBe("fine-tuning");
    expect(relationOf(step({ kind: "distillation" }))).toBe("distillation");
    expect(relationOf(step({ method: "adapter" }))).toBe("adapter");
    expect(relationOf(step({ kind: "rlhf", method: "adapter" }))).toBe("rlhf");
    expect(relationOf(step({ label: "relation unspecified (read as finetune)" }))).toBe("unspecified");
    expect(relationOf(step({ kind: "merge", label: "relation unspecified (GGUF header)" }))).toBe("unspecified");
    expect(relationOf(step({ kind: "quantization", label: "quantized (declared)" }))).toBe("quantization");
  });
});
