import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TreeOut } from "../../src/contract.js";
import { tree } from "../../src/query/tree.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { randomLineage } from "../support/random-lineage.js";
import { lazyOf } from "../support/lazy-of.js";
import { graphOf, lineageFile } from "../support/build.js";

const g = graphOf([
  ["pre", [], "base", [["x", "introduced"]]],
  ["code", ["base"], "coder", []],
  ["inst", ["base"], "teacher", []],
  ["merge", ["coder", "teacher"], "merged", [["x", "strengthened"]]],
  ["sft", ["merged"], "chat", []],
]);
const stepOf = (r: ReturnType<typeof tree>) => Object.fromEntries(r.lines.map((l) => [l.model, l.step]));

describe("tree", () => {
  it("puts on each line the step that made its model, walking up", () => {
    const up = TreeOut.parse(tree(g, { model: "chat" }));
    expect(up.lines.map((l) => l.model)).toEqual(["chat", "merged", "coder", "base", "teacher", "base"]);
    expect(stepOf(up)).toEqual({ chat: "sft", merged: "merge", coder: "code", teacher: "inst", base: "pre" });
  });

  it("means the same by a line's step walking down and over the whole lineage", () => {
    const down = tree(g, { model: "base", direction: "descendants" });
    const all = tree(g);
    expect(stepOf(down)).toEqual(stepOf(tree(g, { model: "chat" })));
    expect(stepOf(all)).toEqual(stepOf(down));
  });

  it("marks a model reached twice as repeated and cuts at a depth", () => {
    const down = tree(g, { model: "base", direction: "descendants" });
    expect(down.lines.filter((l) => l.repeated).map((l) => l.model)).toEqual(["merged"]);
    const cut = tree(g, { model: "chat", depth: 1 });
    expect(cut.lines.map((l) => [l.model, l.cut])).toEqual([
      ["chat", false],
      ["merged", true],
    ]);
  });

  it("gives an ability's state on each line when asked", () => {
    const r = tree(g, { model: "chat", ability: "x" });
    expect(r.lines.map((l) => l.state)).toEqual([
      "strengthened",
      "strengthened",
      "introduced",
      "introduced",
      "introduced",
      "introduced",
    ]);
  });

  it("gives the size of the change that left each state", () => {
    const file = lineageFile([
      ["pre", [], "base", [["x", "introduced"]]],
      ["tune", ["base"], "tuned", [["x", "weakened"]]],
      ["cut", ["tuned"], "small", []],
    ]);
    file.steps[1]!.claims[0]!.size = "great"; // the claim tuples carry no size: set it as a file would
    const sized = buildGraph(file);
    const r = TreeOut.parse(tree(sized, { model: "small", ability: "x" }));
    expect(r.lines.map((l) => [l.model, l.state, l.size])).toEqual([
      ["small", "weakened", "great"],
      ["tuned", "weakened", "great"],
      ["base", "introduced", "normal"],
    ]);
    expect(tree(sized, { model: "small" }).lines.every((l) => l.size === null)).toBe(true);
  });
});

describe("tree on a lazy graph", () => {
  it("reads a model's entry only for its name, and no step below the depth", () => {
    const { lazy, reads } = lazyOf(g);
    const r = tree(lazy, { model: "base", direction: "descendants", depth: 1 });
    expect(r.lines.map((l) => [l.model, l.cut])).toEqual([
      ["base", false],
      ["coder", true],
      ["teacher", true],
    ]);
    expect(reads.filter((e) => e.startsWith("models#"))).toEqual([]);
    // Each line's kind, label and confidence come from the index: no step is read until a step id is asked for.
    expect(r.lines.map((l) => [l.kind, l.label, l.confidence])).toEqual(
      ["base", "coder", "teacher"].map((m) => {
        const step = g.madeBy.get(m)!;
        return [step.kind, step.label ?? null, step.confidence];
      }),
    );
    expect(reads.filter((e) => e.startsWith("steps#"))).toEqual([]);
    expect(JSON.stringify(r)).toBe(JSON.stringify(tree(g, { model: "base", direction: "descendants", depth: 1 })));
    expect(reads.filter((e) => e.startsWith("models#"))).toHaveLength(3);
    // The JSON asks for the step ids: base's own step and its children's, not the merge below them.
    expect(reads.filter((e) => e.startsWith("steps#")).sort()).toEqual(["steps#0", "steps#1", "steps#2"]);
    expect(TreeOut.parse(r)).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it("on a hub-shaped lineage (names that are ids, step ids of a prefix and the model's), reads no entry even for the JSON", () => {
    const file = lineageFile([
      ["hf:base", [], "base", []],
      ["hf:a", ["base"], "a", []],
      ["hf:b", ["base"], "b", []],
      ["hf:c", ["a"], "c", []],
    ]);
    for (const [id, model] of Object.entries(file.models)) model.name = id;
    const eager = buildGraph(file);
    const { lazy, reads } = lazyOf(eager);
    const args = { model: "base", direction: "descendants", depth: 1 } as const;
    const r = tree(lazy, args);
    expect(JSON.stringify(r)).toBe(JSON.stringify(tree(eager, args)));
    expect(reads).toEqual([]);
    // Plain lines: the name and step are data, not getters.
    for (const line of r.lines)
      for (const key of ["name", "step"]) expect(Object.getOwnPropertyDescriptor(line, key)).toHaveProperty("value");
  });

  it("draws the same lines as on the built graph, any model, way and depth", () => {
    fc.assert(
      fc.property(randomLineage, fc.nat(), fc.boolean(), fc.integer({ min: 0, max: 3 }), (lineage, pick, up, depth) => {
        const eager = buildGraph(lineage);
        const model = eager.modelOrder[pick % eager.modelOrder.length]!;
        const args = { model, direction: up ? "ancestors" : "descendants", depth } as const;
        const r = tree(lazyOf(eager).lazy, args);
        expect(JSON.stringify(r)).toBe(JSON.stringify(tree(eager, args)));
        // A line is cut exactly when the depth stopped the walk above a model it would have drawn.
        for (const line of r.lines) {
          const next = up
            ? (eager.madeBy.get(line.model)?.from.length ?? 0)
            : (eager.childSteps.get(line.model)?.length ?? 0);
          expect(line.cut).toBe(!line.repeated && line.depth >= depth && next > 0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
