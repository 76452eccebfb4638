import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestors } from "../../src/graph/walk.js";
import { randomLineage } from "../support/random-lineage.js";
import { DiffOut } from "../../src/contract.js";
import { diff } from "../../src/query/diff.js";
import { graphOf } from "../support/build.js";

const g = graphOf([
  [
    "pre",
    [],
    "base",
    [
      ["gen", "introduced"],
      ["icl", "introduced"],
    ],
  ],
  ["code", ["base"], "coder", [["code", "introduced", "likely"]]],
  [
    "sft",
    ["coder"],
    "sft",
    [
      ["icl", "weakened", "hypothesis"],
      ["follow", "unlocked"],
    ],
  ],
  [
    "rl",
    ["sft"],
    "rl",
    [
      ["icl", "restored"],
      ["gen", "strengthened"],
    ],
  ],
  ["chat", ["sft"], "chat", [["icl", "lost", "speculative"]]],
  ["other", [], "other", []],
]);

describe("diff", () => {
  it("lists the abilities that differ along an ancestor line, with the steps that explain each", () => {
    const r = diff(g, { from: "coder", to: "rl" });
    expect(DiffOut.parse(r)).toEqual(r);
    expect(r.relation).toBe("ancestor");
    expect(r.commonAncestors).toEqual(["coder"]);
    expect(r.changes.map((c) => [c.ability, c.before, c.after])).toEqual([
      ["gen", "introduced", "strengthened"],
      ["icl", "introduced", "restored"],
      ["follow", "absent", "unlocked"],
    ]);
    const icl = r.changes.find((c) => c.ability === "icl")!;
    expect(icl.steps.map((s) => [s.side, s.step, s.effect])).toEqual([
      ["to", "sft", "weakened"],
      ["to", "rl", "restored"],
    ]);
  });

  it("includes an ability changed again in the same direction, marked as no change of state", () => {
    const r = diff(g, { from: "sft", to: "rl" });
    const gen = r.changes.find((c) => c.ability === "gen")!;
    expect(gen).toMatchObject({ before: "introduced", after: "strengthened", stateChanged: true });
    const g2 = graphOf([
      ["pre", [], "a", [["x", "introduced"]]],
      ["s1", ["a"], "b", [["x", "strengthened"]]],
      ["s2", ["b"], "c", [["x", "strengthened", "likely"]]],
    ]);
    const again = diff(g2, { from: "b", to: "c" }).changes;
    expect(again).toEqual([
      expect.objectContaining({ ability: "x", before: "strengthened", after: "strengthened", stateChanged: false }),
    ]);
    expect(again[0]!.steps.map((st) => `${st.side}:${st.step}`)).toEqual(["to:s2"]);
    expect(diff(g2, { from: "c", to: "c" }).changes).toEqual([]);
  });

  it("explains siblings through their nearest common ancestor, on both sides", () => {
    const r = diff(g, { from: "rl", to: "chat" });
    expect(r.relation).toBe("related");
    expect(r.commonAncestors).toEqual(["sft"]);
    const icl = r.changes.find((c) => c.ability === "icl")!;
    expect([icl.before, icl.after, icl.beforePresent, icl.afterPresent]).toEqual(["restored", "lost", true, false]);
    expect(icl.steps.map((s) => `${s.side}:${s.step}`)).toEqual(["from:rl", "to:chat"]);
    expect(icl.confidence).toBe("speculative");
  });

  it("reports descendant, unrelated and same relations", () => {
    expect(diff(g, { from: "rl", to: "base" }).relation).toBe("descendant");
    const u = diff(g, { from: "other", to: "base" });
    expect(u.relation).toBe("unrelated");
    expect(u.commonAncestors).toEqual([]);
    const same = diff(g, { from: "rl", to: "RL" });
    expect(same).toMatchObject({ relation: "same", changes: [] });
  });

  it("names as common ancestors those with no child that is also common (checked from the children's side)", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const graph = buildGraph(lineage);
        for (const a of graph.modelOrder) {
          for (const b of graph.modelOrder) {
            const inB = new Set(ancestors(graph, b));
            const common = new Set(ancestors(graph, a).filter((id) => inB.has(id)));
            const nearest = graph.modelOrder.filter(
              (id) => common.has(id) && !(graph.childSteps.get(id) ?? []).some((s) => common.has(s.to)),
            );
            expect(diff(graph, { from: a, to: b }).commonAncestors).toEqual(nearest);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
