import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { matrix } from "../../src/query/matrix.js";
import { randomLineage } from "../support/random-lineage.js";

describe("matrix with chosen models", () => {
  it("gives the rows of the whole matrix (only their ancestries are folded)", () => {
    fc.assert(
      fc.property(randomLineage, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (lineage, picks) => {
        const graph = buildGraph(lineage);
        const whole = matrix(graph);
        const chosen = [...new Set(picks.map((p) => graph.modelOrder[p % graph.modelOrder.length]!))];
        const part = matrix(graph, { models: chosen });
        expect(part.rows).toEqual(chosen.map((m) => whole.rows.find((r) => r.model === m)));
      }),
      { numRuns: 200 },
    );
  });
});
