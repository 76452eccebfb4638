import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestors } from "../../src/graph/walk.js";
import { foldAbility } from "../../src/graph/fold.js";
import { trace } from "../../src/query/trace.js";
import { randomLineage } from "../support/random-lineage.js";

describe("foldAbility on one graph", () => {
  it("gives every trace, in any order, the answer a fresh graph gives (memoized passes are per graph and ability)", () => {
    fc.assert(
      fc.property(randomLineage, fc.nat(), (lineage, seed) => {
        const shared = buildGraph(lineage);
        const pairs = shared.modelOrder.flatMap((model) => shared.abilityOrder.map((ability) => ({ model, ability })));
        // A shuffled order, so that kept folds come from every kind of earlier query.
        const order = pairs
          .map((p, i) => ({ p, k: (i * 7919 + seed) % 1009 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p);
        for (const q of order) expect(trace(shared, q)).toEqual(trace(buildGraph(lineage), q));
      }),
      { numRuns: 100 },
    );
  });

  it("gives a later whole fold nothing of an earlier fold that left out a parent", () => {
    const g = buildGraph(lineage3());
    // Without 'a', nothing reaches b and c; a later whole fold must not reuse that.
    const partial = foldAbility(g, "x", ["b", "c"]);
    expect(partial.readings.get("c")).toEqual([]);
    const whole = foldAbility(g, "x", ancestors(g, "c"));
    expect(whole.readings.get("c")![0]!.history?.entry.step.id).toBe("sa");
    expect(whole.readings.get("a")).toBeDefined();
    expect(partial.readings.get("a")).toBeUndefined();
  });

  it("is re-entrant: a fold started while another is half done leaves the first one's answer intact", () => {
    const g = buildGraph(lineage3());
    const alone = foldAbility(g, "x", ancestors(g, "c")).readings.get("c");
    // A fold run inside another fold's walk (through a getter on a step read mid-walk) must not share its marks.
    const nested = buildGraph(lineage3());
    const step = nested.madeBy.get("a")!;
    const claims = step.claims;
    let inner: unknown;
    Object.defineProperty(step, "claims", {
      get: () => ((inner ??= foldAbility(nested, "x", ["b", "c"]).readings.get("c")), claims),
    });
    const outer = foldAbility(nested, "x", ancestors(nested, "c")).readings.get("c");
    expect(inner).toEqual([]);
    expect(outer!.map((r) => r.history?.entry.step.id)).toEqual(alone!.map((r) => r.history?.entry.step.id));
  });
});

/** Three models in a chain a -> b -> c; a's step introduces x. */
function lineage3() {
  return {
    lineage: 1 as const,
    title: "t",
    sources: { s: { title: "S" } },
    abilities: { x: { name: "X" } },
    models: { a: { name: "A" }, b: { name: "B" }, c: { name: "C" } },
    steps: [
      {
        id: "sa",
        kind: "pretraining",
        from: [],
        to: "a",
        confidence: "established" as const,
        evidence: [],
        claims: [
          { ability: "x", effect: "introduced" as const, confidence: "likely" as const, evidence: [{ source: "s" }] },
        ],
      },
      {
        id: "sb",
        kind: "fine-tuning",
        from: ["a"],
        to: "b",
        confidence: "established" as const,
        evidence: [],
        claims: [],
      },
      {
        id: "sc",
        kind: "fine-tuning",
        from: ["b"],
        to: "c",
        confidence: "established" as const,
        evidence: [],
        claims: [],
      },
    ],
  };
}
