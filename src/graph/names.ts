/** Name resolution: what a user typed (an id or alias, any case) to a model, ability, step or source id, with did-you-mean. */
import type { StepEntry } from "../schema.js";
import { nameKey } from "../name-key.js";
import type { LineageGraph } from "./build-graph.js";
import { cacheOf, slot } from "./cache.js";
import { buildNameIndex, suggestFrom } from "./name-index.js";

/** A query that cannot be answered because a name is unknown: the CLI exits 2. */
export class UnknownNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownNameError";
  }
}

/** Every kind of name a lineage has. */
export type NameKind = "model" | "ability" | "step" | "source";

/** What a name refers to. */
export interface Named {
  kind: NameKind;
  id: string;
}

const ARTICLE: Record<NameKind, string> = {
  model: "a model",
  ability: "an ability",
  step: "a step",
  source: "a source",
};

/** The step with an id, if any (the index by id is made once per graph). */
export function stepById(graph: LineageGraph, id: string): StepEntry | undefined {
  const cache = cacheOf(graph);
  cache.steps ??= new Map(graph.steps.map((s) => [s.id, s]));
  return cache.steps.get(id);
}

/** The names a suggestion for a `kind` is chosen from: its ids, then (models and abilities) its aliases, lower-cased. */
function candidates(graph: LineageGraph, kind: NameKind): readonly string[] {
  return slot(cacheOf(graph).candidates, kind, () => {
    if (kind === "step") return graph.steps.map((s) => s.id);
    if (kind === "source") return [...graph.sources.keys()];
    const ids = kind === "model" ? [...graph.models.keys()] : [...graph.abilities.keys()];
    const aliases = [...graph.names.entries()].filter(([, t]) => t.kind === kind).map(([alias]) => alias);
    return [...ids, ...aliases];
  });
}

/** Suggestions kept per graph (a batch may repeat a misspelt name): past this many, no more are kept. */
const MAX_KEPT_SUGGESTIONS = 10_000;

/**
 * " (did you mean ID?)" for an unknown name among some kinds, or "": the same as `suggest` over the kinds'
 * names in order, answered from an index of them made on the first unknown name, then remembered.
 */
function suggestion(graph: LineageGraph, kinds: readonly NameKind[], name: string): string {
  const kept = cacheOf(graph).suggestions;
  const key = `${kinds.join(",")}\u0000${name}`;
  let text = kept.get(key);
  if (text === undefined) {
    const list = kinds.join(",");
    const index = slot(cacheOf(graph).nameIndexes, list, () =>
      buildNameIndex(kinds.flatMap((kind) => candidates(graph, kind))),
    );
    const hit = suggestFrom(index, name);
    const best = hit === undefined ? undefined : (lookup(graph, hit)?.id ?? hit);
    text = best ? ` (did you mean ${best}?)` : "";
    if (kept.size < MAX_KEPT_SUGGESTIONS) kept.set(key, text);
  }
  return text;
}

/** The kind of an exact id or alias, if any; models and abilities first (their names take any case). */
function lookup(graph: LineageGraph, name: string): Named | undefined {
  if (graph.rank.has(name)) return { kind: "model", id: name };
  if (graph.abilityIndex.has(name)) return { kind: "ability", id: name };
  const target = graph.names.get(nameKey(name));
  if (target) return target;
  if (stepById(graph, name)) return { kind: "step", id: name };
  if (graph.sources.has(name)) return { kind: "source", id: name };
  return undefined;
}

/** The id `name` refers to as a `kind`; throws UnknownNameError with a suggestion otherwise. */
export function resolve(graph: LineageGraph, kind: NameKind, name: string): string {
  // An exact id is its own answer (a valid lineage's ids and aliases are unique ignoring case), without the name index.
  if (kind === "model" && graph.rank.has(name)) return name;
  if (kind === "ability" && graph.abilityIndex.has(name)) return name;
  const target = lookup(graph, name);
  if (target?.kind === kind) return target.id;
  if (target) throw new UnknownNameError(`'${name}' is ${ARTICLE[target.kind]}, not ${ARTICLE[kind]}`);
  throw new UnknownNameError(`unknown ${kind} '${name}'${suggestion(graph, [kind], name)}`);
}

/** Resolves a name that may be a model, an ability, a step or a source; did-you-mean looks across all of them. */
export function resolveAny(graph: LineageGraph, name: string): Named;
/** With `quiet`: undefined for an unknown name, no suggestion made. */
export function resolveAny(graph: LineageGraph, name: string, quiet: true): Named | undefined;
export function resolveAny(graph: LineageGraph, name: string, quiet = false): Named | undefined {
  const target = lookup(graph, name);
  if (target || quiet) return target;
  throw new UnknownNameError(
    `unknown model, ability, step or source '${name}'${suggestion(graph, ["model", "ability", "step", "source"], name)}`,
  );
}
