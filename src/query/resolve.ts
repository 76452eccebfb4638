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

const candidateMemo = new WeakMap<LineageGraph, Map<string, readonly string[]>>();

/** The names a suggestion for a `kind` is chosen from: its ids, then its aliases (lower-cased). Made once per graph. */
function candidates(graph: LineageGraph, kind: "model" | "ability"): readonly string[] {
  let perGraph = candidateMemo.get(graph);
  if (!perGraph) candidateMemo.set(graph, (perGraph = new Map()));
  let list = perGraph.get(kind);
  if (!list) {
    const ids = kind === "model" ? [...graph.models.keys()] : [...graph.abilities.keys()];
    const aliases = [...graph.names.entries()].filter(([, t]) => t.kind === kind).map(([alias]) => alias);
    perGraph.set(kind, (list = [...ids, ...aliases]));
  }
  return list;
}

/** The id `name` refers to as a `kind`; throws UnknownNameError with a suggestion otherwise. */
export function resolve(graph: LineageGraph, kind: "model" | "ability", name: string): string {
  // An exact id is its own answer (a valid lineage's ids and aliases are unique ignoring case), without the name index.
  if ((kind === "model" ? graph.rank : graph.abilityIndex).has(name)) return name;
  const target = graph.names.get(name.toLowerCase());
  if (target?.kind === kind) return target.id;
  if (target) throw new UnknownNameError(`'${name}' is ${target.kind === "model" ? "a model" : "an ability"}, not ${kind === "model" ? "a model" : "an ability"}`);
  throw new UnknownNameError(`unknown ${kind} '${name}'${suggestion(graph, kind, name)}`);
}

const suggestionMemo = new WeakMap<LineageGraph, Map<string, string>>();
/** Suggestions kept per graph (a batch may repeat a misspelt name): past this many, no more are kept. */
const MAX_KEPT_SUGGESTIONS = 10_000;

/** " (did you mean ID?)" for an unknown name, or "": compared with every name once, then remembered. */
function suggestion(graph: LineageGraph, kind: "model" | "ability", name: string): string {
  let perGraph = suggestionMemo.get(graph);
  if (!perGraph) suggestionMemo.set(graph, (perGraph = new Map()));
  const key = `${kind}\u0000${name}`;
  let text = perGraph.get(key);
  if (text === undefined) {
    const hit = suggest(name, candidates(graph, kind));
    const id = hit === undefined ? undefined : (graph.names.get(hit.toLowerCase())?.id ?? hit);
    text = id ? ` (did you mean ${id}?)` : "";
    if (perGraph.size < MAX_KEPT_SUGGESTIONS) perGraph.set(key, text);
  }
  return text;
}

/** Resolves a name that may be either a model or an ability. */
export function resolveAny(graph: LineageGraph, name: string): { kind: "model" | "ability"; id: string } {
  const target = graph.names.get(name.toLowerCase());
  if (target) return target;
  const hit = suggest(name, graph.names.keys());
  const id = hit === undefined ? undefined : graph.names.get(hit)?.id;
  throw new UnknownNameError(`unknown model or ability '${name}'${id ? ` (did you mean ${id}?)` : ""}`);
}
