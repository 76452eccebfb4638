/**
 * The claims fold (checkNeverIntroduced, and the main reading's "restored, but nothing weakens it") against
 * its definition read literally: for each claim, every step on some way to its model (its ancestors' making
 * steps, and its own step's earlier claims) is looked at. Random lineages, their effects scrambled.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkClaimsUnderReadings, checkNeverIntroduced } from "../../../src/load/rules/claims.js";
import { ruleContext } from "../../../src/load/rules/context.js";
import type { Issue } from "../../../src/problem.js";
import type { LineageFile, StepEntry } from "../../../src/schema.js";
import { EFFECTS } from "../../../src/vocabulary.js";
import { randomLineage } from "../../support/random-lineage.js";

const GIVES = new Set(["introduced", "unlocked"]);
const TAKES = new Set(["weakened", "lost"]);
const NEEDS_PRIOR = new Set(["weakened", "lost", "restored"]);

/** The making steps of every ancestor of `model` (itself excluded), by brute force. */
function ancestorSteps(lineage: LineageFile, model: string): StepEntry[] {
  const first = new Map<string, StepEntry>();
  for (const s of lineage.steps) if (!first.has(s.to)) first.set(s.to, s);
  const seen = new Set<string>();
  const out: StepEntry[] = [];
  const visit = (id: string) => {
    for (const p of first.get(id)?.from ?? []) {
      if (seen.has(p) || !(p in lineage.models)) continue;
      seen.add(p);
      const made = first.get(p);
      if (made) out.push(made);
      visit(p);
    }
  };
  visit(model);
  return out;
}

/** What the two checks report, read from their definitions: the issues' paths and messages, sorted. */
function literal(lineage: LineageFile): string[] {
  const found: string[] = [];
  const firstIndex = new Map<string, number>();
  lineage.steps.forEach((s, i) => {
    if (!firstIndex.has(s.to)) firstIndex.set(s.to, i);
  });
  lineage.steps.forEach((step, s) => {
    if (firstIndex.get(step.to) !== s || !(step.to in lineage.models)) return;
    const before = ancestorSteps(lineage, step.to).flatMap((a) => a.claims);
    step.claims.forEach((claim, c) => {
      if (!(claim.ability in lineage.abilities)) return;
      const earlier = [...before, ...step.claims.slice(0, c)].filter((x) => x.ability === claim.ability);
      const given = earlier.some((x) => GIVES.has(x.effect));
      const taken = earlier.some((x) => TAKES.has(x.effect));
      if (GIVES.has(claim.effect)) return;
      if (NEEDS_PRIOR.has(claim.effect) && !given) found.push(`steps.${s}.claims.${c}: never ${claim.effect}`);
      else if (claim.effect === "restored" && !taken) found.push(`steps.${s}.claims.${c}: untaken`);
    });
  });
  return found.sort();
}

/** The same, from the rules. */
function fromRules(lineage: LineageFile): string[] {
  const ctx = ruleContext(lineage);
  const at = (i: Issue) => i.path.join(".");
  return [
    ...checkNeverIntroduced(ctx).map(
      (i) => `${at(i).replace(/\.effect$/, "")}: never ${/is (\w+) by/.exec(i.message)![1]}`,
    ),
    ...checkClaimsUnderReadings(ctx)
      .filter((i) => i.message.includes("nothing on the way weakens"))
      .map((i) => `${at(i).replace(/\.effect$/, "")}: untaken`),
  ].sort();
}

describe("the claims fold", () => {
  it("reports what its definition says, on random lineages with scrambled effects", () => {
    let reported = 0;
    fc.assert(
      fc.property(randomLineage, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (lineage, seeds) => {
        let k = 0;
        for (const s of lineage.steps)
          for (const c of s.claims) c.effect = EFFECTS[seeds[k++ % seeds.length]! % EFFECTS.length]!;
        const expected = literal(lineage);
        reported += expected.length;
        expect(fromRules(lineage)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
    expect(reported).toBeGreaterThan(100);
  });
});
