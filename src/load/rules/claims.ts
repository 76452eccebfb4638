/** Rules on claims: one claim per ability per step; nothing changed before it existed, under any reading; no size on a loss. */
import type { Issue } from "../../problem.js";
import type { RuleContext } from "./context.js";
import { topologicalOrder } from "./cycles.js";

/** Warns when one step makes several claims about the same ability (their order then matters). */
export function checkRepeatedClaims(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, s) => {
    if (step.claims.length < 2) return; // no set for the many steps that cannot repeat a claim
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
const TAKES = new Set(["weakened", "lost"]);

/** Reports `size` on a `lost` claim: a loss has no size (a great decrease is `weakened` with `size: great`). */
export function checkSizeOnLost(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, s) => {
    step.claims.forEach((claim, c) => {
      if (claim.effect === "lost" && claim.size !== undefined) {
        issues.push({
          path: ["steps", s, "claims", c, "size"],
          message: `'${claim.ability}' is lost by step '${step.id}', and a loss has no size (a great decrease is 'weakened' with size: great)`,
        });
      }
    });
  });
  return issues;
}

/**
 * What each model's ancestry (its own step included) did to every ability, on the main reading: one bitset
 * of abilities some step gave (introduced, unlocked), one of abilities some step took (weakened, lost), kept
 * by the index of the step that makes the model (a model no step makes has empty ones). Folded once per file
 * over the steps, each after the steps that make its parents; `never` holds the claims that need a prior gain
 * and had none.
 */
interface Ancestry {
  abilityIndex: Map<string, number>;
  words: number;
  gave: Uint32Array;
  took: Uint32Array;
  /** Where a model's bitsets start in `gave` and `took`, or -1 when they are empty. */
  bitsOf: (model: string) => number;
  /** By step: 1 when it is the step that makes its model (the one folded), else 0. */
  maker: Uint8Array;
  never: Issue[];
  /** On the main reading, the claims that restore an ability nothing on the way weakened or lost (warnings). */
  untaken: Issue[];
}

const ancestryMemo = new WeakMap<RuleContext, Ancestry | null>();

function ancestry(ctx: RuleContext): Ancestry | undefined {
  const hit = ancestryMemo.get(ctx);
  if (hit !== undefined) return hit ?? undefined;
  // A cycle is checkCycles's to report; below one there is no order to fold in.
  const result = topologicalOrder(ctx) === undefined ? null : foldAncestry(ctx);
  ancestryMemo.set(ctx, result);
  return result ?? undefined;
}

/**
 * The steps that make a model (the first for each: `stepByTo`), each after those that make its parents, and
 * each such step's parents' making steps (`parentStart`/`parents`, by step index): a walk over the steps, not
 * over every model (a hub dump's million models have 300,000 steps), each parent looked up once. The lineage
 * is acyclic (checked before).
 */
function foldOrder(ctx: RuleContext): {
  order: number[];
  parentStart: Int32Array;
  parents: Int32Array;
  maker: Uint8Array;
} {
  const steps = ctx.lineage.steps;
  // Whether a step is the one that makes its model (so the model's bitsets are its).
  const maker = new Uint8Array(steps.length);
  for (let s = 0; s < steps.length; s++)
    maker[s] = ctx.stepByTo.get(steps[s]!.to)?.index === s && ctx.modelIds.has(steps[s]!.to) ? 1 : 0;
  const parentStart = new Int32Array(steps.length + 1);
  const found: number[] = [];
  for (let s = 0; s < steps.length; s++) {
    if (maker[s] === 1)
      for (const parent of steps[s]!.from) {
        // The first step that makes `parent` makes it as a model exactly when it is a maker.
        const made = ctx.stepByTo.get(parent);
        if (made !== undefined && maker[made.index] === 1) found.push(made.index);
      }
    parentStart[s + 1] = found.length;
  }
  const parents = Int32Array.from(found);
  const done = new Uint8Array(steps.length);
  const order: number[] = [];
  const stack: number[] = [];
  const next: number[] = [];
  for (let first = 0; first < steps.length; first++) {
    if (done[first] !== 0 || maker[first] === 0) continue;
    stack.push(first);
    next.push(parentStart[first]!);
    done[first] = 1; // on the way
    while (stack.length > 0) {
      const top = stack.length - 1;
      const s = stack[top]!;
      let pushed = false;
      for (let k = next[top]!; k < parentStart[s + 1]!; k++) {
        const p = parents[k]!;
        if (done[p] !== 0) continue;
        next[top] = k + 1;
        done[p] = 1;
        stack.push(p);
        next.push(parentStart[p]!);
        pushed = true;
        break;
      }
      if (pushed) continue;
      stack.pop();
      next.pop();
      done[s] = 2;
      order.push(s);
    }
  }
  return { order, parentStart, parents, maker };
}

function foldAncestry(ctx: RuleContext): Ancestry {
  const abilityIndex = new Map<string, number>();
  for (const id of ctx.abilityIds) abilityIndex.set(id, abilityIndex.size);
  const words = Math.max(1, Math.ceil(abilityIndex.size / 32));
  const steps = ctx.lineage.steps;
  const gave = new Uint32Array(steps.length * words);
  const took = new Uint32Array(steps.length * words);
  const found: { at: number; c: number; issue: Issue; never: boolean }[] = [];
  const { order, parentStart, parents, maker } = foldOrder(ctx);
  // As foldOrder resolves a parent: the first step that makes it makes it as a model exactly when it is a maker.
  const bitsOf = (model: string) => {
    const made = ctx.stepByTo.get(model);
    return made !== undefined && maker[made.index] === 1 ? made.index * words : -1;
  };
  for (const s of order) {
    const step = steps[s]!;
    const base = s * words;
    for (let k = parentStart[s]!; k < parentStart[s + 1]!; k++) {
      const p = parents[k]! * words;
      for (let w = 0; w < words; w++) {
        gave[base + w]! |= gave[p + w]!;
        took[base + w]! |= took[p + w]!;
      }
    }
    const claims = step.claims;
    // A plain loop, no closure: this runs once per step, 300,000 times for a hub dump.
    for (let c = 0; c < claims.length; c++) {
      const claim = claims[c]!;
      const a = abilityIndex.get(claim.ability);
      if (a === undefined) continue;
      const word = base + (a >>> 5);
      const mask = 1 << (a & 31);
      if (GIVES.has(claim.effect)) gave[word]! |= mask;
      else if (NEEDS_PRIOR.has(claim.effect) && (gave[word]! & mask) === 0) {
        found.push({
          at: s,
          c,
          never: true,
          issue: {
            path: ["steps", s, "claims", c, "effect"],
            message: `'${claim.ability}' is ${claim.effect} by step '${step.id}', but no step on the way to '${step.to}' introduces or unlocks it`,
          },
        });
      } else if (claim.effect === "restored" && (took[word]! & mask) === 0)
        found.push({ at: s, c, never: false, issue: unweakened(claim.ability, step.id, s, c, "") });
      if (TAKES.has(claim.effect)) took[word]! |= mask;
    }
  }
  // In lineage order, as the models are (ties: the claims' order), whatever order the walk took.
  if (found.length > 1) {
    const rankOf = new Map(topologicalOrder(ctx)!.map((id, i) => [id, i]));
    const keyed = found.map((f) => ({ f, rank: rankOf.get(steps[f.at]!.to)! }));
    keyed.sort((x, y) => x.rank - y.rank || x.f.c - y.f.c);
    for (let i = 0; i < keyed.length; i++) found[i] = keyed[i]!.f;
  }
  const never = found.filter((f) => f.never).map((f) => f.issue);
  const untaken = found.filter((f) => !f.never).map((f) => f.issue);
  return { abilityIndex, words, gave, took, bitsOf, maker, never, untaken };
}

/** The warning for a claim restoring an ability that nothing on the way (of the reading `where` names) weakened or lost. */
function unweakened(ability: string, step: string, s: number, c: number, where: string): Issue {
  return {
    path: ["steps", s, "claims", c, "effect"],
    severity: "warning",
    message: `'${ability}' is restored by step '${step}'${where}, but nothing on ${where === "" ? "the" : "that reading's"} way weakens or loses it`,
  };
}

/**
 * Reports an ability weakened, lost or restored in a step when no step on any path to it
 * introduced or unlocked that ability. Runs in topological order with one bitset per model.
 */
export function checkNeverIntroduced(ctx: RuleContext): Issue[] {
  return ancestry(ctx)?.never ?? [];
}

/**
 * Warns when a reading of a step's parentage makes one of its claims meaningless: on an alternative reading
 * (its own parents, each with its main-reading ancestry), a claim that changes an ability (strengthened,
 * weakened, lost, restored) that nothing on that reading's way introduced or unlocked; on any reading, the
 * main one included, an ability restored that nothing on the way weakened or lost. An alternative with no
 * parents says the base is unknown, so there is nothing to check it against.
 */
export function checkClaimsUnderReadings(ctx: RuleContext): Issue[] {
  const fold = ancestry(ctx);
  if (fold === undefined) return [];
  const { abilityIndex, words, gave, took, bitsOf, maker } = fold;
  // The main reading's restored check was made by the fold, for each step it went through.
  const issues: Issue[] = [...fold.untaken];
  ctx.lineage.steps.forEach((step, s) => {
    if (step.claims.length === 0) return;
    const folded = maker[s] === 1;
    const readings: Array<{ from: string[]; where: string; alt?: number }> =
      !folded && step.claims.some((c) => c.effect === "restored") ? [{ from: step.from, where: "" }] : [];
    (step.alternatives ?? []).forEach((alt, k) => {
      if (alt.from.length > 0)
        readings.push({
          from: alt.from,
          where: ` on the reading from [${alt.from.join(", ")}] (alternatives[${k}])`,
          alt: k,
        });
    });
    for (const reading of readings) {
      const g = new Uint32Array(words);
      const t = new Uint32Array(words);
      for (const parent of reading.from) {
        const p = bitsOf(parent);
        if (p < 0) continue;
        for (let w = 0; w < words; w++) {
          g[w]! |= gave[p + w]!;
          t[w]! |= took[p + w]!;
        }
      }
      step.claims.forEach((claim, c) => {
        const a = abilityIndex.get(claim.ability);
        if (a === undefined) return;
        const w = a >>> 5;
        const mask = 1 << (a & 31);
        const given = (g[w]! & mask) !== 0;
        if (GIVES.has(claim.effect)) g[w]! |= mask;
        else if (!given && reading.alt !== undefined) {
          // On the main reading this is checkNeverIntroduced's error (or, for strengthened, left alone).
          issues.push({
            path: ["steps", s, "claims", c, "effect"],
            severity: "warning",
            message: `'${claim.ability}' is ${claim.effect} by step '${step.id}'${reading.where}, but nothing on that reading's way introduces or unlocks it`,
          });
        } else if (claim.effect === "restored" && (t[w]! & mask) === 0 && given) {
          issues.push(unweakened(claim.ability, step.id, s, c, reading.where));
        }
        if (TAKES.has(claim.effect)) t[w]! |= mask;
      });
    }
  });
  return issues;
}
