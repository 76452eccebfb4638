/**
 * Rule: names are unambiguous: model and ability ids and aliases, step ids, source ids, compared
 * ignoring case, Unicode normalisation (NFC/NFD, and the compatibility forms NFKC folds: full-width
 * letters, ligatures, a no-break or thin space for a space) and invisible characters.
 */
import type { Issue, PathSegment } from "../../problem.js";
import type { RuleContext } from "./context.js";
import { nameKey } from "../../name-key.js";

/** Why two names that differ are the same name, for the message. */
function sameBecause(a: string, b: string): string {
  return a.toLowerCase() === b.toLowerCase()
    ? "names are case-insensitive"
    : "names that look the same are the same: case, Unicode normalisation and invisible characters are ignored";
}

/** Reports every name that, ignoring case, is already taken. */
export function checkUniqueIds(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  // Models and abilities share one namespace: `show NAME` accepts either. The owner is kept as its kind and
  // id, its words made only for a message (a hub dump has a million names, nearly all of them distinct).
  type Kind = "models" | "abilities";
  const names = new Map<string, { kind: Kind; id: string; name: string }>();
  const ownerOf = (kind: Kind, id: string) => `${kind === "models" ? "model" : "ability"} '${id}'`;
  const claim = (name: string, kind: Kind, id: string, path: () => PathSegment[], atKey: boolean) => {
    const key = nameKey(name);
    const prior = names.get(key);
    if (prior === undefined) names.set(key, { kind, id, name });
    else if (prior.kind !== kind || prior.id !== id)
      issues.push({
        path: path(),
        atKey,
        message: `name '${name}' is already used by ${ownerOf(prior.kind, prior.id)} (${sameBecause(name, prior.name)})`,
      });
  };
  // The context's ids: on a record of a million keys Object.keys alone costs half a second.
  const idsOf = (kind: "models" | "abilities") => (kind === "models" ? ctx.modelIds : ctx.abilityIds);
  for (const kind of ["models", "abilities"] as const) {
    for (const id of idsOf(kind)) claim(id, kind, id, () => [kind, id], true);
  }
  for (const kind of ["models", "abilities"] as const) {
    const record = ctx.lineage[kind];
    for (const id of idsOf(kind)) {
      record[id]!.aliases?.forEach((alias, i) => claim(alias, kind, id, () => [kind, id, "aliases", i], false));
    }
  }
  const steps = new Map<string, number>();
  ctx.lineage.steps.forEach((step, i) => {
    const key = nameKey(step.id);
    const prior = steps.get(key);
    if (prior === undefined) steps.set(key, i);
    else {
      const first = ctx.lineage.steps[prior]!.id;
      const why =
        step.id.toLowerCase() === first.toLowerCase()
          ? "ids are case-insensitive"
          : "ids that look the same are the same";
      issues.push({
        path: ["steps", i, "id"],
        message: `step id '${step.id}' is already used by step '${first}' (steps[${prior}]; ${why})`,
      });
    }
  });
  const sources = new Map<string, string>();
  for (const id of Object.keys(ctx.lineage.sources)) {
    const prior = sources.get(nameKey(id));
    if (prior === undefined) sources.set(nameKey(id), id);
    else {
      const how =
        id.toLowerCase() === prior.toLowerCase()
          ? "only by case"
          : "only by case, Unicode normalisation or invisible characters";
      issues.push({ path: ["sources", id], atKey: true, message: `source id '${id}' differs from '${prior}' ${how}` });
    }
  }
  return issues;
}
