/** Resolves what a user typed (an id or alias, any case) to a model or ability id. */
import type { LineageGraph } from "../graph/build-graph.js";
import { suggest } from "../suggest.js";

/** A query that cannot be answered because a name is unknown: the CLI exits 2. */
export class UnknownNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnknownNameError";
  }
}

function candidates(graph: LineageGraph, kind: "model" | "ability"): string[] {
  return kind === "model" ? [...graph.models.keys()] : [...graph.abilities.keys()];
}

/** The id `name` refers to as a `kind`; throws UnknownNameError with a suggestion otherwise. */
export function resolve(graph: LineageGraph, kind: "model" | "ability", name: string): string {
  // An exact id is its own answer (a valid lineage's ids and aliases are unique ignoring case), without the name index.
  if ((kind === "model" ? graph.rank : graph.abilityIndex).has(name)) return name;
  const target = graph.names.get(name.toLowerCase());
  if (target?.kind === kind) return target.id;
  if (target) throw new UnknownNameError(`'${name}' is ${target.kind === "model" ? "a model" : "an ability"}, not ${kind === "model" ? "a model" : "an ability"}`);
  const aliases = [...graph.names.entries()].filter(([, t]) => t.kind === kind).map(([alias, t]) => ({ alias, id: t.id }));
  const hit = suggest(name, [...candidates(graph, kind), ...aliases.map((a) => a.alias)]);
  const id = hit === undefined ? undefined : (graph.names.get(hit.toLowerCase())?.id ?? hit);
  throw new UnknownNameError(`unknown ${kind} '${name}'${id ? ` (did you mean ${id}?)` : ""}`);
}

/** Resolves a name that may be either a model or an ability. */
export function resolveAny(graph: LineageGraph, name: string): { kind: "model" | "ability"; id: string } {
  const target = graph.names.get(name.toLowerCase());
  if (target) return target;
  const hit = suggest(name, graph.names.keys());
  const id = hit === undefined ? undefined : graph.names.get(hit)?.id;
  throw new UnknownNameError(`unknown model or ability '${name}'${id ? ` (did you mean ${id}?)` : ""}`);
}
