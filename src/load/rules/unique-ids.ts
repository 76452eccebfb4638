/** Rule: names are unambiguous: model and ability ids and aliases, step ids, source ids (case-insensitive). */
import type { Issue, PathSegment } from "../../problem.js";
import type { RuleContext } from "./context.js";

/** Reports every name that, ignoring case, is already taken. */
export function checkUniqueIds(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  // Models and abilities share one namespace: `show NAME` accepts either.
  const names = new Map<string, string>();
  const claim = (name: string, owner: string, path: PathSegment[], atKey: boolean) => {
    const key = name.toLowerCase();
    const prior = names.get(key);
    if (prior === undefined) names.set(key, owner);
    else if (prior !== owner) issues.push({ path, atKey, message: `name '${name}' is already used by ${prior} (names are case-insensitive)` });
  };
  for (const kind of ["models", "abilities"] as const) {
    const label = kind === "models" ? "model" : "ability";
    for (const id of Object.keys(ctx.lineage[kind])) {
      claim(id, `${label} '${id}'`, [kind, id], true);
    }
  }
  for (const kind of ["models", "abilities"] as const) {
    const label = kind === "models" ? "model" : "ability";
    for (const [id, entry] of Object.entries(ctx.lineage[kind])) {
      entry.aliases?.forEach((alias, i) => claim(alias, `${label} '${id}'`, [kind, id, "aliases", i], false));
    }
  }
  const steps = new Map<string, number>();
  ctx.lineage.steps.forEach((step, i) => {
    const key = step.id.toLowerCase();
    const prior = steps.get(key);
    if (prior === undefined) steps.set(key, i);
    else issues.push({ path: ["steps", i, "id"], message: `step id '${step.id}' is already used by step '${ctx.lineage.steps[prior]!.id}' (steps[${prior}]; ids are case-insensitive)` });
  });
  const sources = new Map<string, string>();
  for (const id of Object.keys(ctx.lineage.sources)) {
    const prior = sources.get(id.toLowerCase());
    if (prior === undefined) sources.set(id.toLowerCase(), id);
    else issues.push({ path: ["sources", id], atKey: true, message: `source id '${id}' differs from '${prior}' only by case` });
  }
  return issues;
}
