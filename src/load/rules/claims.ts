/** Rules on claims: one claim per ability per step; nothing weakened, lost or restored before it existed. */
import type { Issue } from "../../problem.js";
import type { RuleContext } from "./context.js";
import { topologicalOrder } from "./cycles.js";

/** Warns when one step makes several claims about the same ability (their order then matters). */
export function checkRepeatedClaims(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, s) => {
    const seen = new Set<string>();
    step.claims.forEach((claim, c) => {
      if (seen.has(claim.ability)) {
        issues.push({
          path: ["steps", s, "claims", c, "ability"],
          severity: "warning",
          message: `step '${step.id}' makes more than one claim about '${claim.ability}' (they apply in order)`,
        });
      }
      seen.add(claim.ability);
    });
  });
  return issues;
}

const NEEDS_PRIOR = new Set(["weakened", "lost", "restored"]);
const GIVES = new Set(["introduced", "unlocked"]);

/**
 * Reports an ability weakened, lost or restored in a step when no step on any path to it
 * introduced or unlocked that ability. Runs in topological order with one bitset per model.
 */
export function checkNeverIntroduced(ctx: RuleContext): Issue[] {
  const order = topologicalOrder(ctx);
  if (order === undefined) return []; // a cycle is reported by its own rule
  const abilityIndex = new Map<string, number>();
  for (const id of ctx.abilityIds) abilityIndex.set(id, abilityIndex.size);
  const words = Math.max(1, Math.ceil(abilityIndex.size / 32));
  const modelIndex = new Map<string, number>();
  order.forEach((id, i) => modelIndex.set(id, i));
  const bits = new Uint32Array(order.length * words);
  const issues: Issue[] = [];
  for (const model of order) {
    const made = ctx.stepByTo.get(model);
    if (!made) continue;
    const base = modelIndex.get(model)! * words;
    for (const parent of made.step.from) {
      const p = modelIndex.get(parent);
      if (p === undefined) continue;
      for (let w = 0; w < words; w++) bits[base + w]! |= bits[p * words + w]!;
    }
    made.step.claims.forEach((claim, c) => {
      const a = abilityIndex.get(claim.ability);
      if (a === undefined) return;
      const word = base + (a >>> 5);
      const mask = 1 << (a & 31);
      if (GIVES.has(claim.effect)) bits[word]! |= mask;
      else if (NEEDS_PRIOR.has(claim.effect) && (bits[word]! & mask) === 0) {
        issues.push({
          path: ["steps", made.index, "claims", c, "effect"],
          message: `'${claim.ability}' is ${claim.effect} by step '${made.step.id}', but no step on the way to '${model}' introduces or unlocks it`,
        });
      }
    });
  }
  return issues;
}
