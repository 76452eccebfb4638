/**
 * Rule: a model's card facts cite their sources, and its `newVersion` names a model. The card's `source`
 * must exist; an evaluation without a `source` of its own is cited by the card's, so one of the two must
 * be there. A `newVersion` that is neither a model of the lineage (id or alias, any case) nor a Hub repo id
 * (`org/name`, a model outside the lineage, as imported cards name them) is most likely a typo: a warning.
 */
import type { Issue } from "../../problem.js";
import { didYouMean } from "../../suggest.js";
import type { RuleContext } from "./context.js";

/** A Hub repo id: `org/name`, one slash. */
const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9_.-]+$/;

/** Unknown `newVersion` names that get a "did you mean" (each compares with every id). */
const MAX_SUGGESTED = 100;

/** Reports card facts that cite nothing, or name what is not there. */
export function checkCardFacts(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  let names: Set<string> | undefined; // built on first need: most lineages have no newVersion
  let suggested = 0;
  const models = ctx.lineage.models;
  // The context's ids and lookups: on a record of a million keys Object.keys alone costs half a second.
  for (const id of ctx.modelIds) {
    const model = models[id]!;
    const card = model.card;
    if (card === undefined) continue;
    if (card.source !== undefined && !ctx.sourceIds.has(card.source))
      issues.push({
        path: ["models", id, "card", "source"],
        message: `unknown source '${card.source}'${didYouMean(card.source, ctx.sourceIds)}`,
      });
    if (card.source === undefined)
      card.evaluations?.forEach((e, i) => {
        if (e.source === undefined)
          issues.push({
            path: ["models", id, "card", "evaluations", i],
            message: "this evaluation cites no source: give it a source (url or name), or the card a source",
          });
      });
    const next = card.newVersion;
    if (next === undefined) continue;
    if (next.toLowerCase() === id.toLowerCase()) {
      issues.push({
        path: ["models", id, "card", "newVersion"],
        severity: "warning",
        message: `newVersion names the model itself ('${next}')`,
      });
      continue;
    }
    if (!names) {
      names = new Set<string>();
      for (const mid of ctx.modelIds) {
        const m = models[mid]!;
        names.add(mid.toLowerCase());
        for (const a of m.aliases ?? []) names.add(a.toLowerCase());
      }
    }
    if (names.has(next.toLowerCase()) || HUB_ID.test(next)) continue;
    const hint = suggested++ < MAX_SUGGESTED ? didYouMean(next, ctx.modelIds) : "";
    issues.push({
      path: ["models", id, "card", "newVersion"],
      severity: "warning",
      message: `newVersion '${next}' is no model of this lineage and not a Hub repo id (org/name)${hint}`,
    });
  }
  return issues;
}
