import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestorRanks, ancestors } from "../../src/graph/walk.js";
import { EFFECTS } from "../../src/vocabulary.js";
import { randomLineage } from "../support/random-lineage.js";

describe("buildGraph's compact claim index", () => {
  it("lists, for each ability, its claims in file order with their model's rank, effect and index in the step", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const g = buildGraph(lineage);
        expect(g.index.claimStart.length).toBe(g.abilityOrder.length + 1);
        g.abilityOrder.forEach((ability, a) => {
          expect(g.abilityIndex.get(ability)).toBe(a);
          // The claims of the file, in file order, as the index must list them.
          const expected = lineage.steps.flatMap((step) =>
            step.claims.flatMap((claim, i) =>
              claim.ability === ability ? [{ rank: g.rank.get(step.to), effect: claim.effect, i }] : [],
            ),
          );
          const listed = [];
          for (let j = g.index.claimStart[a]!; j < g.index.claimStart[a + 1]!; j++) {
            listed.push({
              rank: g.index.claimRank[j],
              effect: EFFECTS[g.index.claimEffect[j]!],
              i: g.index.claimIndex[j],
            });
          }
          expect(listed).toEqual(expected);
        });
        expect(g.index.claimStart[g.abilityOrder.length]).toBe(lineage.steps.reduce((n, s) => n + s.claims.length, 0));
      }),
      { numRuns: 200 },
    );
  });
});

describe("ancestorRanks", () => {
  it("is the ranks of the model and every model above it through the steps' parents, ascending", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const g = buildGraph(lineage);
        const above = (id: string): string[] => [
          id,
          ...(lineage.steps.find((s) => s.to === id)?.from ?? []).flatMap(above),
        ];
        for (const model of g.modelOrder) {
          const ranks = [...ancestorRanks(g, model)];
          const expected = [...new Set(above(model))].map((id) => g.rank.get(id)!).sort((x, y) => x - y);
          expect(ranks).toEqual(expected);
          expect(ancestors(g, model)).toEqual(expected.map((r) => g.modelOrder[r]));
        }
      }),
      { numRuns: 100 },
    );
  });
});
