import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TraceOut } from "../../src/contract.js";
import { isPresent, type AbilityState } from "../../src/vocabulary.js";
import { statesInOrder } from "../../src/graph/presence.js";
import { trace } from "../../src/query/trace.js";
import { EFFECTS, type EffectName } from "../../src/schema.js";
import { graphOf, type StepSpec } from "../support/build.js";

/** Random DAGs: model i takes 0-2 parents among models before it, and 0-2 claims about x or y. */
const dag = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        parents:
          i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 2 }),
        claims: fc.array(fc.tuple(fc.constantFrom("x", "y"), fc.constantFrom(...EFFECTS)), { maxLength: 2 }),
      }),
    ),
  ),
);

/** The reference: every path from a root, enumerated, each folded on its own. */
function bruteStates(
  steps: { parents: number[]; claims: [string, EffectName][] }[],
  target: number,
  ability: string,
): Set<AbilityState> {
  const states = new Set<AbilityState>();
  const visit = (model: number, suffix: number[]) => {
    const path = [model, ...suffix];
    const parents = steps[model]!.parents;
    if (parents.length === 0) {
      let state: AbilityState = "absent";
      for (const m of path) for (const [a, e] of steps[m]!.claims) if (a === ability) state = e;
      states.add(state);
      return;
    }
    for (const p of parents) visit(p, path);
  };
  visit(target, []);
  return states;
}

describe("trace against a brute-force reference on random DAGs", () => {
  it("agrees on presence, on the states the paths reach, and on agreement", () => {
    fc.assert(
      fc.property(dag, fc.nat(), fc.constantFrom("x", "y"), (spec, pick, ability) => {
        const steps: StepSpec[] = spec.map((s, i) => [
          `s${i}`,
          s.parents.map((p) => `m${p}`),
          `m${i}`,
          s.claims.map(([a, e]) => [a, e]),
        ]);
        // Make sure both abilities exist even when no claim names them.
        steps[0]![3] = [...steps[0]![3]];
        const graph = graphOf(steps, { abilities: { x: { name: "X" }, y: { name: "Y" } } });
        const target = pick % spec.length;
        const r = trace(graph, { model: `m${target}`, ability });
        TraceOut.parse(r);
        const expected = bruteStates(spec, target, ability);
        expect(new Set(r.readings.map((x) => x.state))).toEqual(expected);
        expect(r.present).toBe([...expected].some(isPresent));
        expect(r.agreement).toBe(expected.size === 1);
        expect(r.path[r.path.length - 1]).toBe(`m${target}`);
        // The cheap whole-lineage presence pass agrees with the fold.
        expect(isPresent(statesInOrder(graph, ability)[graph.rank.get(`m${target}`)!]!)).toBe(r.present);
      }),
      { numRuns: 400 },
    );
  });
});
