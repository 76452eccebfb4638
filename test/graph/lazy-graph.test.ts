import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { ancestors, descendantLevels } from "../../src/graph/walk.js";
import { alternativesOn } from "../../src/graph/readings.js";
import { randomLineage } from "../support/random-lineage.js";
import { compactOf } from "../support/lazy-of.js";

/** Children, ranks and lookups as a query sees them (in the order it asks: ids by walks first, then all). */
function seen(g: LineageGraph) {
  const first = g.modelOrder[0];
  const walked = first === undefined ? [] : descendantLevels(g, first).levels.flat();
  const last = g.modelOrder[g.modelOrder.length - 1];
  const up = last === undefined ? [] : ancestors(g, last);
  return {
    walked,
    up,
    byWalk: [...walked, ...up].map((id) => [g.rank.get(id), g.models.get(id), g.madeBy.get(id) ?? null]),
    childKeys: [...g.childSteps.keys()],
    children: [...g.childSteps.entries()],
    childrenById: g.modelOrder.map((m) => g.childSteps.get(m) ?? null),
    unknown: [g.rank.get("no such model"), g.childSteps.get("no such model"), g.models.get("no such model")],
    rank: g.modelOrder.map((m) => g.rank.get(m)),
    rankEntries: [...g.rank],
    models: g.modelOrder.map((m) => g.models.get(m)),
    has: [...g.modelOrder, "no such model"].map((m) => [g.models.has(m), g.madeBy.has(m), g.childSteps.has(m)]),
  };
}

describe("lazyGraph", () => {
  it("answers as the built graph on random lineages: children in file order, ranks, models", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        expect(seen(lazyGraph(compactOf(eager)))).toEqual(seen(eager));
      }),
      { numRuns: 200 },
    );
  });

  it("answers has() of models, makers and children from its index, reading no entry", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        const compact = compactOf(eager);
        let reads = 0;
        const lazy = lazyGraph({ ...compact, entry: (kind, i) => (reads++, compact.entry(kind, i)) });
        for (const m of [...eager.modelOrder, "no such model"]) {
          expect([lazy.models.has(m), lazy.madeBy.has(m), lazy.childSteps.has(m)]).toEqual([
            eager.models.has(m),
            eager.madeBy.has(m),
            eager.childSteps.has(m),
          ]);
        }
        expect(reads).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("gives a step with no claim in the index its claims without reading them, and reads the others' when asked", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        const compact = compactOf(eager);
        const reads: string[] = [];
        const lazy = lazyGraph({ ...compact, entry: (kind, i) => (reads.push(kind), compact.entry(kind, i)) });
        lazy.steps.forEach((step, i) => {
          expect(step.claims).toEqual(eager.steps[i]!.claims);
          expect(reads.filter((k) => k === "claims")).toHaveLength(
            eager.steps.slice(0, i + 1).filter((s) => s.claims.length > 0).length,
          );
        });
      }),
      { numRuns: 100 },
    );
  });

  it("finds a model's children after its own child list was read (the walk's notes agree with the table)", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        const lazy = lazyGraph(compactOf(eager));
        for (const id of eager.modelOrder) {
          expect(lazy.childSteps.get(id)?.map((s) => s.to)).toEqual(eager.childSteps.get(id)?.map((s) => s.to));
          for (const s of lazy.childSteps.get(id) ?? []) expect(lazy.rank.get(s.to)).toBe(eager.rank.get(s.to));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("the models whose step has alternative parentages", () => {
  it("are known to the lazy graph without reading a step, and are exactly those of the built graph", () => {
    fc.assert(
      fc.property(randomLineage, fc.integer({ min: 1, max: 4 }), (plain, every) => {
        // Some steps with an alternative parentage (random lineages have none).
        const steps = plain.steps.map((step, i) =>
          i % every === 0
            ? { ...step, alternatives: [{ from: step.from, confidence: "hypothesis" as const, evidence: [] }] }
            : step,
        );
        const built = buildGraph({ ...plain, steps });
        const expected = built.modelOrder.filter((m) => (built.madeBy.get(m)?.alternatives?.length ?? 0) > 0);
        const compact = compactOf(built);
        let reads = 0;
        const lazy = lazyGraph({
          ...compact,
          entry: (kind, i) => (kind === "steps" && reads++, compact.entry(kind, i)),
        });
        expect([...(lazy.alternativeMakers ?? [])]).toEqual(expected);
        if (steps.length > 0) expect(expected.length).toBeGreaterThan(0);
        expect(reads).toBe(0);
        expect(alternativesOn(lazy, lazy.modelOrder)).toEqual(alternativesOn(built, built.modelOrder));
      }),
      { numRuns: 200 },
    );
  });
});
