import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { holders, statesInOrder } from "../../src/graph/presence.js";
import type { LineageFile } from "../../src/schema.js";
import { EFFECTS, isPresent } from "../../src/vocabulary.js";
import { randomLineage } from "../support/random-lineage.js";

/** What `holders` must say, from the whole-lineage pass of every model's state (an independent computation). */
function expected(graph: LineageGraph, ability: string, limit: number) {
  const states = statesInOrder(graph, ability);
  const having = graph.modelOrder.flatMap((model, r) => (isPresent(states[r]!) ? [{ model, state: states[r]! }] : []));
  return { first: having.slice(0, limit), total: having.length };
}

/**
 * A chain of models over `abilities` abilities: every third model merges two earlier ones, and each step claims
 * some abilities with effects chosen by `pick` (several claims about one ability in one step: the last wins).
 */
function wide(abilities: number, models: number, pick: (m: number, a: number) => number): LineageFile {
  const ids = Array.from({ length: abilities }, (_, a) => `a${a}`);
  return {
    lineage: 1,
    title: "wide",
    sources: { s: { title: "S" } },
    abilities: Object.fromEntries(ids.map((id) => [id, { name: id }])),
    models: Object.fromEntries(Array.from({ length: models }, (_, m) => [`m${m}`, { name: `M${m}` }])),
    steps: Array.from({ length: models }, (_, m) => ({
      id: `s${m}`,
      kind: "fine-tuning",
      from: m === 0 ? [] : m % 3 === 0 && m > 1 ? [`m${m - 2}`, `m${m - 1}`] : [`m${m - 1}`],
      to: `m${m}`,
      confidence: "likely" as const,
      evidence: [],
      claims: ids.flatMap((ability, a) => {
        const k = pick(m, a);
        if (k < 0) return [];
        const claim = { ability, effect: EFFECTS[k % EFFECTS.length]!, confidence: "likely" as const, evidence: [] };
        // Now and then a second claim about the same ability in the same step.
        return k % 5 === 0 ? [{ ...claim, effect: "lost" as const }, claim] : [claim];
      }),
    })),
  };
}

describe("holders", () => {
  it("agrees with the whole-lineage pass on random lineages, for every ability and limit", () => {
    fc.assert(
      fc.property(randomLineage, fc.nat(4), (lineage, limit) => {
        const graph = buildGraph(lineage);
        for (const ability of graph.abilityOrder)
          expect(holders(graph, ability, limit)).toEqual(expected(graph, ability, limit));
      }),
      { numRuns: 200 },
    );
  });

  it("agrees past the first 32 abilities (they are counted 32 to a word) and when losses break the lineage", () => {
    const graph = buildGraph(wide(70, 60, (m, a) => ((m * 31 + a * 17) % 11 < 3 ? (m * 7 + a) % 13 : -1)));
    for (const ability of graph.abilityOrder) {
      expect(holders(graph, ability, 20)).toEqual(expected(graph, ability, 20));
      // Asked again (cached), the answer is the same, and the caller's copy is its own.
      const again = holders(graph, ability, 20);
      again.first.push({ model: "x", state: "lost" });
      expect(holders(graph, ability, 20)).toEqual(expected(graph, ability, 20));
    }
  });

  it("counts a merge's ability from its later parent when the first lacks it, and says the state it came with", () => {
    // m2 merges m0 (without a1) and m1 (a1 strengthened), and has a1 as m1 has it; m3 loses it.
    const lineage = wide(2, 4, (m, a) => (a === 1 && m === 1 ? EFFECTS.indexOf("strengthened") : -1));
    lineage.steps[2]!.from = ["m0", "m1"];
    lineage.steps[1]!.from = [];
    lineage.steps[3]!.claims = [{ ability: "a1", effect: "lost", confidence: "likely", evidence: [] }];
    const graph = buildGraph(lineage);
    expect(holders(graph, "a1", 5)).toEqual({
      first: [
        { model: "m1", state: "strengthened" },
        { model: "m2", state: "strengthened" },
      ],
      total: 2,
    });
    expect(holders(graph, "a0", 5)).toEqual({ first: [], total: 0 });
    expect(holders(graph, "no-such-ability", 5)).toEqual({ first: [], total: 0 });
  });
});
