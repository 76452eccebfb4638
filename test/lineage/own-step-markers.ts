/**
 * Test support: the article's summary-table notation derived from a lineage. Each model's row holds what its
 * own step changed, relative to its parents (not its accumulated state), as docs/format.md defines it:
 * an increase (introduced, unlocked, restored, strengthened) is `+`, a great one `++`; a decrease (weakened)
 * is `-`, a great one `--`; a loss is `x`.
 */
import type { ClaimEntry, LineageFile } from "../../src/schema.js";

const INCREASES: ReadonlySet<string> = new Set(["introduced", "unlocked", "restored", "strengthened"]);

/** The marker of one claim in the article's notation. */
export function markerOf(claim: Pick<ClaimEntry, "effect" | "size">): string {
  const great = claim.size === "great";
  if (INCREASES.has(claim.effect)) return great ? "++" : "+";
  if (claim.effect === "weakened") return great ? "--" : "-";
  return "x"; // lost: gone, and a loss has no size
}

/**
 * For every model made by a step, the marker of each ability that step makes a claim about (in file order;
 * when a step makes several claims about one ability, they apply in order and the last one's marker stands).
 */
export function ownStepMarkers(lineage: Pick<LineageFile, "steps">): Map<string, Map<string, string>> {
  const rows = new Map<string, Map<string, string>>();
  for (const step of lineage.steps) {
    const row = rows.get(step.to) ?? new Map<string, string>();
    for (const claim of step.claims) row.set(claim.ability, markerOf(claim));
    rows.set(step.to, row);
  }
  return rows;
}
