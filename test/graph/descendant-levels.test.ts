import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { descendantLevels } from "../../src/graph/walk.js";
import { randomLineage } from "../support/random-lineage.js";

/** The nearest level of every descendant, by a plain search over the steps (the oracle). */
function nearestLevels(steps: readonly { from: readonly string[]; to: string }[], model: string): Map<string, number> {
  const level = new Map<string, number>([[model, 0]]);
  for (let frontier = [model], d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const step of steps)
      if (!level.has(step.to) && step.from.some((p) => frontier.includes(p))) {
        level.set(step.to, d);
        next.push(step.to);
      }
    frontier = next;
  }
  level.delete(model);
  return level;
}

describe("descendantLevels", () => {
  it("finds every descendant once, at its nearest level, and cuts at a depth", () => {
    fc.assert(
      fc.property(randomLineage, fc.nat(), fc.nat({ max: 4 }), (file, pick, depth) => {
        const graph = buildGraph(file);
        const model = graph.modelOrder[pick % graph.modelOrder.length]!;
        const expected = nearestLevels(file.steps, model);
        const { levels, cut } = descendantLevels(graph, model);
        expect(cut).toBe(false);
        const found = new Map(levels.flatMap((level, d) => level.map((id) => [id, d + 1] as const)));
        expect(found).toEqual(expected);
        expect(levels.flat()).toHaveLength(expected.size);
        const limited = descendantLevels(graph, model, depth);
        expect(limited.levels).toEqual(levels.slice(0, depth));
        expect(limited.cut).toBe(levels.length > depth);
      }),
      { numRuns: 300 },
    );
  });

  it("counts a child once when its step names the parent twice, and asks again the same", () => {
    const graph = buildGraph({
      lineage: 1,
      title: "t",
      sources: {},
      abilities: {},
      models: { a: { name: "A" }, b: { name: "B" }, c: { name: "C" } },
      steps: [
        {
          id: "s1",
          kind: "fine-tuning",
          from: ["a", "a"],
          to: "b",
          confidence: "established",
          evidence: [],
          claims: [],
        },
        { id: "s2", kind: "merge", from: ["a", "b"], to: "c", confidence: "established", evidence: [], claims: [] },
      ],
    });
    const first = descendantLevels(graph, "a");
    expect(first).toEqual({ levels: [["b", "c"]], cut: false });
    expect(descendantLevels(graph, "b")).toEqual({ levels: [["c"]], cut: false });
    expect(descendantLevels(graph, "a")).toEqual(first);
  });
});
