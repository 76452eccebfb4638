/** Rule: every id a lineage refers to (models, abilities, sources) exists. */
import type { EvidenceEntry } from "../../schema.js";
import type { Issue, PathSegment } from "../../problem.js";
import { didYouMean } from "../../suggest.js";
import type { RuleContext } from "./context.js";

type Kind = "model" | "ability" | "source";

/** Reports every reference to an unknown model, ability or source. */
export function checkReferences(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  const known: Record<Kind, Set<string>> = { model: ctx.modelIds, ability: ctx.abilityIds, source: ctx.sourceIds };
  const ref = (kind: Kind, id: string | undefined, path: PathSegment[]) => {
    if (id === undefined || known[kind].has(id)) return;
    issues.push({ path, message: `unknown ${kind} '${id}'${didYouMean(id, known[kind])}` });
  };
  const evidence = (list: EvidenceEntry[] | undefined, path: PathSegment[]) =>
    list?.forEach((e, i) => ref("source", e.source, [...path, i, "source"]));

  for (const [id, model] of Object.entries(ctx.lineage.models)) {
    const base: PathSegment[] = ["models", id];
    ref("source", model.paper, [...base, "paper"]);
    evidence(model.evidence, [...base, "evidence"]);
    evidence(model.trainingData?.evidence, [...base, "trainingData", "evidence"]);
    model.approximations?.forEach((a, i) => ref("source", a.source, [...base, "approximations", i, "source"]));
    model.lacks?.forEach((lack, i) => {
      ref("ability", lack.ability, [...base, "lacks", i, "ability"]);
      evidence(lack.evidence, [...base, "lacks", i, "evidence"]);
    });
  }
  ctx.lineage.steps.forEach((step, s) => {
    const base: PathSegment[] = ["steps", s];
    step.from.forEach((parent, i) => ref("model", parent, [...base, "from", i]));
    ref("model", step.to, [...base, "to"]);
    evidence(step.evidence, [...base, "evidence"]);
    step.alternatives?.forEach((alt, a) => {
      alt.from.forEach((parent, i) => ref("model", parent, [...base, "alternatives", a, "from", i]));
      evidence(alt.evidence, [...base, "alternatives", a, "evidence"]);
    });
    step.claims.forEach((claim, c) => {
      ref("ability", claim.ability, [...base, "claims", c, "ability"]);
      evidence(claim.evidence, [...base, "claims", c, "evidence"]);
    });
  });
  return issues;
}
