/** Rule: every id a lineage refers to (models, abilities, sources) exists. */
import type { EvidenceEntry } from "../../schema.js";
import type { Issue, PathSegment } from "../../problem.js";
import { didYouMean } from "../../suggest.js";
import type { RuleContext } from "./context.js";

type Kind = "model" | "ability" | "source";

/** Unknown ids that get a "did you mean" (each costs a comparison with every id); later ones get none. */
export const MAX_SUGGESTED = 100;

/** Reports every reference to an unknown model, ability or source. */
export function checkReferences(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  const known: Record<Kind, Set<string>> = { model: ctx.modelIds, ability: ctx.abilityIds, source: ctx.sourceIds };
  // Aliases are for people typing commands; a file refers by id. Say so when an alias is used.
  const aliasOf: Record<Kind, Map<string, string>> = { model: new Map(), ability: new Map(), source: new Map() };
  // The context's ids and lookups: on a record of a million keys Object.keys alone costs half a second.
  const { models, abilities } = ctx.lineage;
  for (const id of ctx.modelIds) models[id]!.aliases?.forEach((a) => aliasOf.model.set(a.toLowerCase(), id));
  for (const id of ctx.abilityIds) abilities[id]!.aliases?.forEach((al) => aliasOf.ability.set(al.toLowerCase(), id));
  // A suggestion compares with every id: made once per unknown id, and for the first MAX_SUGGESTED only,
  // so that a file whose references are all wrong is not checked in quadratic time.
  const hints = new Map<string, string>();
  const hintFor = (kind: Kind, id: string) => {
    const key = `${kind}\u0000${id}`;
    let hint = hints.get(key);
    if (hint === undefined) {
      const target = aliasOf[kind].get(id.toLowerCase());
      if (target !== undefined) hint = ` (it is an alias of '${target}'; references use ids)`;
      else hint = hints.size < MAX_SUGGESTED ? didYouMean(id, known[kind]) : "";
      hints.set(key, hint);
    }
    return hint;
  };
  // Paths are built only for a reference that fails: a large lineage has millions of good ones.
  const ref = (kind: Kind, id: string | undefined, path: () => PathSegment[]) => {
    if (id === undefined || known[kind].has(id)) return;
    issues.push({ path: path(), message: `unknown ${kind} '${id}'${hintFor(kind, id)}` });
  };
  const evidence = (list: EvidenceEntry[] | undefined, path: () => PathSegment[]) => {
    if (list) for (let i = 0; i < list.length; i++) ref("source", list[i]!.source, () => [...path(), i, "source"]);
  };

  for (const id of ctx.modelIds) {
    const model = models[id]!;
    const base = (): PathSegment[] => ["models", id];
    ref("source", model.paper, () => [...base(), "paper"]);
    evidence(model.evidence, () => [...base(), "evidence"]);
    evidence(model.trainingData?.evidence, () => [...base(), "trainingData", "evidence"]);
    model.approximations?.forEach((a, i) => ref("source", a.source, () => [...base(), "approximations", i, "source"]));
    model.lacks?.forEach((lack, i) => {
      ref("ability", lack.ability, () => [...base(), "lacks", i, "ability"]);
      evidence(lack.evidence, () => [...base(), "lacks", i, "evidence"]);
    });
  }
  ctx.lineage.steps.forEach((step, s) => {
    const base = (): PathSegment[] => ["steps", s];
    step.from.forEach((parent, i) => ref("model", parent, () => [...base(), "from", i]));
    ref("model", step.to, () => [...base(), "to"]);
    evidence(step.evidence, () => [...base(), "evidence"]);
    step.alternatives?.forEach((alt, a) => {
      alt.from.forEach((parent, i) => ref("model", parent, () => [...base(), "alternatives", a, "from", i]));
      evidence(alt.evidence, () => [...base(), "alternatives", a, "evidence"]);
    });
    step.claims.forEach((claim, c) => {
      ref("ability", claim.ability, () => [...base(), "claims", c, "ability"]);
      evidence(claim.evidence, () => [...base(), "claims", c, "evidence"]);
    });
  });
  return issues;
}
