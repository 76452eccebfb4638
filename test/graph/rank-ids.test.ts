/** `rankIds`: a fold's ids by rank, kept per graph for a compact graph (which makes each id anew when asked). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { cacheOf, rankIds } from "../../src/graph/cache.js";
import { foldAbility } from "../../src/graph/fold.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { decodeCompact, encodeCompact } from "../../src/store/compact-bytes.js";
import { randomLineage } from "../support/random-lineage.js";

/** A graph and the same lineage stored and opened (ids kept as one text). */
function both(lineage: Parameters<typeof buildGraph>[0]): [LineageGraph, LineageGraph] {
  const eager = buildGraph(lineage);
  const stored = decodeCompact(encodeCompact(eager, { located: [], issues: [] }, "k", "v"), "k", "v")!;
  return [eager, lazyGraph(stored)];
}

describe("rankIds", () => {
  it("gives every rank's id, as the lineage order has it, on either kind of graph", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const [eager, lazy] = both(lineage);
        for (const g of [eager, lazy]) {
          const idAt = rankIds(g);
          expect(Array.from({ length: g.modelOrder.length }, (_, r) => idAt(r))).toEqual([...eager.modelOrder]);
        }
      }),
    );
  });

  it("keeps a compact graph's ids as folds make them, and nothing for a graph that holds them as a list", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const [eager, lazy] = both(lineage);
        const ability = eager.abilityOrder[0]!;
        const root = eager.modelOrder[0]!; // a root: closed under parents on its own
        foldAbility(lazy, ability, [root]);
        const kept = cacheOf(lazy).ids!;
        expect(kept.filter((id) => id !== undefined)).toEqual([root]);
        foldAbility(lazy, ability, [...eager.modelOrder]);
        expect(kept.filter((id) => id !== undefined)).toEqual([...eager.modelOrder]);
        foldAbility(eager, ability, [...eager.modelOrder]);
        expect(cacheOf(eager).ids).toBeUndefined();
      }),
    );
  });
});
