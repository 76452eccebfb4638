/**
 * The one per-graph cache: everything a query keeps between calls on the same graph lives in typed slots
 * of one object, held weakly by the graph (as knip's graph-explorer cache), so a dropped graph frees it all.
 */
import type { StepEntry } from "../schema.js";
import type { AbilityState } from "../vocabulary.js";
import type { LineageGraph } from "./build-graph.js";
import type { NameIndex } from "./name-index.js";
import { IdIndex } from "./id-index.js";

/** Scratch space for one walk or fold over the models: marks valid only when stamped with the walk's generation. */
export interface Scratch {
  readonly stamp: Int32Array;
  readonly slot: Int32Array;
  generation: number;
}

/**
 * For one ability, its claims by the rank of the model each one's step makes: `ranks` ascending (each once),
 * and the positions in the claim index of the claims at `ranks[i]` are `positions[start[i]]` up to
 * `positions[start[i + 1]]`, in claim order. Sorted arrays, not a map: a fold walks ranks ascending, so it
 * finds each model's claims by a search that only moves forward. Cached.
 */
export interface ClaimsByRank {
  readonly ranks: Int32Array;
  readonly start: Int32Array;
  readonly positions: Int32Array;
}

/** What is kept per graph, slot by slot. */
export interface GraphCache {
  /** Per ability: its claims' positions in the claim index, by the lineage rank of the model each one's step makes. */
  readonly claimsAtRank: Map<string, ClaimsByRank>;
  /** Per ability: the presence pass (every model's state code by rank, and how many have the ability). */
  readonly presence: Map<string, { codes: Uint8Array; total: number }>;
  /** Per group of 32 abilities (by index): which models have each, one bit per ability in a word per model. */
  readonly presentWords: Map<number, Int32Array>;
  /** Per ability: how many models have it. */
  readonly holderTotals: Map<string, number>;
  /** Per limit and ability: the first models that have it, with their states. */
  readonly firstHolders: Map<string, readonly { model: string; state: AbilityState }[]>;
  /** Per kind of name: the names a did-you-mean is chosen from. */
  readonly candidates: Map<string, readonly string[]>;
  /** The did-you-mean index per list of kinds (their names in order), made when a name is first unknown. */
  readonly nameIndexes: Map<string, NameIndex>;
  /** Suggestions already computed, by kind and name. */
  readonly suggestions: Map<string, string>;
  /** The graph under each parentage reading asked for, by its key. */
  readonly readings: Map<string, LineageGraph>;
  /** Per kind of text (`keptTexts`): what a query made of a model, step or ability, by its id, kept. */
  readonly texts: Map<string, Map<string, string>>;
  /** The steps by id, made on first use. */
  steps?: ReadonlyMap<string, StepEntry>;
  /** Children by rank, compact (the parent index turned round), made on first use: see `childIndex` (walk.ts). */
  children?: { readonly start: Int32Array; readonly ranks: Int32Array };
  /** Model ids by rank, as folds made them (a compact graph makes each id anew when asked): see `rankIds`. */
  ids?: (string | undefined)[];
  /** Scratch spaces not in use; a walk takes one and gives it back, so walks may nest. */
  readonly freeScratch: Scratch[];
}

const caches = new WeakMap<LineageGraph, GraphCache>();

/** The cache of a graph, made on first use. */
export function cacheOf(graph: LineageGraph): GraphCache {
  let cache = caches.get(graph);
  if (!cache) {
    cache = {
      claimsAtRank: new Map(),
      presence: new Map(),
      presentWords: new Map(),
      holderTotals: new Map(),
      firstHolders: new Map(),
      candidates: new Map(),
      nameIndexes: new Map(),
      suggestions: new Map(),
      readings: new Map(),
      texts: new Map(),
      freeScratch: [],
    };
    caches.set(graph, cache);
  }
  return cache;
}

/** A value of a map slot, made by `make` on first use. */
export function slot<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}

/**
 * The texts a query makes of things of the lineage (`kind` names which text: a model's parentage as JSON,
 * say), by the id of each, kept per graph: a batch of answers shows the same steps again and again. The
 * caller adds what it makes; bounded by the lineage.
 */
export function keptTexts(graph: LineageGraph, kind: string): Map<string, string> {
  return slot(cacheOf(graph).texts, kind, () => new Map<string, string>());
}

/**
 * Runs `use` with scratch space of its own (taken from the graph's free list, or made), given back after:
 * two walks that interleave (a fold inside a fold) never share marks.
 */
export function withScratch<T>(graph: LineageGraph, use: (scratch: Scratch, generation: number) => T): T {
  const cache = cacheOf(graph);
  const n = graph.modelOrder.length;
  const scratch = cache.freeScratch.pop() ?? { stamp: new Int32Array(n), slot: new Int32Array(n), generation: 0 };
  try {
    return use(scratch, ++scratch.generation);
  } finally {
    cache.freeScratch.push(scratch);
  }
}

/**
 * The id of a model by rank, for a walk that asks for the same ranks again and again (a batch of folds over
 * common ancestors): a compact graph makes each id anew from its text, so those are kept, per graph. A graph
 * that holds its ids as a list answers from it.
 */
export function rankIds(graph: LineageGraph): (rank: number) => string {
  const { rank, modelOrder } = graph;
  if (!(rank instanceof IdIndex)) return (r) => modelOrder[r]!;
  const ids = (cacheOf(graph).ids ??= new Array<string | undefined>(modelOrder.length));
  return (r) => (ids[r] ??= rank.idOf(r));
}
