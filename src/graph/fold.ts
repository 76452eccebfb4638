/**
 * The fold at the heart of every query: for one ability, the distinct histories of claims that reach each
 * model along the paths from its roots. Histories are shared (hash-consed), so a diamond repeated many levels
 * deep costs time linear in the graph, not in its paths. Re-entrant: each fold has scratch space of its own.
 */
import type { StepEntry } from "../schema.js";
import { GIVES, isPresent, levelOf, type AbilityState } from "../vocabulary.js";
import type { LineageGraph, StepClaim } from "./build-graph.js";
import { cacheOf, rankIds, slot, withScratch, type ClaimsByRank } from "./cache.js";
import { rememberRank } from "./id-index.js";
import type { Ancestry } from "./walk.js";

/** Readings kept per model; past this, further distinct histories are dropped and reported. */
export const MAX_READINGS = 16;

/** A history: the claims applied so far, as a shared linked list (last claim first). */
export interface History {
  readonly id: number;
  readonly entry: StepClaim;
  readonly prev: History | null;
}

/** One way an ability reaches a model: a history, and the path it came by. Levels: 0 the surest confidence. */
export interface Reading {
  readonly model: string;
  readonly history: History | null;
  /** The reading at the parent this one came from (null at a root). */
  readonly via: Reading | null;
  /**
   * The latest claim's confidence: how sure the state is. Each claim asserts the state after its step (a
   * strengthening that is established makes the ability established there, however hedged its origin).
   */
  readonly claimLevel: number;
  /** Weakest parentage confidence on the path from the origin's step (itself included) to the model. */
  readonly linkLevel: number;
  /** The origin claim's attribution (its confidence when it gives none): how sure it is that the origin brought it so. */
  readonly attributionLevel: number;
}

/** The readings of one ability at every model folded, plus whether any were dropped. */
export interface Fold {
  /** The readings at a folded model (undefined for a model not folded). */
  readonly readings: { get(model: string): readonly Reading[] | undefined };
  readonly truncated: boolean;
}

/** The state a history leaves the ability in. */
export function stateOf(history: History | null): AbilityState {
  return history === null ? "absent" : history.entry.claim.effect;
}

/** The claims of a history, first to last. */
export function entries(history: History | null): StepClaim[] {
  const out: StepClaim[] = [];
  for (let h = history; h !== null; h = h.prev) out.push(h.entry);
  return out.reverse();
}

/** The models of a reading's path, root first. */
export function pathOf(reading: Reading): string[] {
  const out: string[] = [];
  for (let r: Reading | null = reading; r !== null; r = r.via) out.push(r.model);
  return out.reverse();
}

/** The index of a history's origin in `entries(history)`: its first give while the ability was not present (a later give re-asserts it); -1 for none. */
export function originIndex(list: readonly StepClaim[]): number {
  let origin = -1;
  let present = false;
  list.forEach((applied, i) => {
    const effect = applied.claim.effect;
    if (GIVES.has(effect) && !present) origin = i;
    // A loss does not forget the origin: what is restored is what it gave.
    present = isPresent(effect);
  });
  return origin;
}

/** The claims of `ability` by rank, cached per graph. */
export function claimsAtRank(graph: LineageGraph, ability: string): ClaimsByRank {
  return slot(cacheOf(graph).claimsAtRank, ability, () => {
    const a = graph.abilityIndex.get(ability);
    const { claimStart, claimRank } = graph.index;
    const first = a === undefined ? 0 : claimStart[a]!;
    const count = a === undefined ? 0 : claimStart[a + 1]! - first;
    return claimsByRank(claimRank, first, count);
  });
}

/**
 * Positions `first` up to `first + count` of the claim index, sorted by rank, ties kept in claim order (a
 * stable sort; claims are often in order already), grouped by rank. A plain function over typed arrays, so
 * that it is optimised once: a batch makes one for each of 200 abilities (a closure over array callbacks
 * took 32 ms for those of the bench's 100k lineage).
 */
function claimsByRank(claimRank: Int32Array, first: number, count: number): ClaimsByRank {
  const positions = new Int32Array(count);
  let sorted = true;
  for (let i = 0; i < count; i++) {
    positions[i] = first + i;
    if (i > 0 && claimRank[first + i]! < claimRank[first + i - 1]!) sorted = false;
  }
  if (!sorted) positions.sort((x, y) => claimRank[x]! - claimRank[y]! || x - y);
  let groups = 0;
  for (let i = 0; i < count; i++) if (i === 0 || claimRank[positions[i]!] !== claimRank[positions[i - 1]!]) groups++;
  const ranks = new Int32Array(groups);
  const start = new Int32Array(groups + 1);
  let g = 0;
  for (let i = 0; i < count; i++) {
    const r = claimRank[positions[i]!]!;
    if (i === 0 || r !== claimRank[positions[i - 1]!]) {
      ranks[g] = r;
      start[g++] = i;
    }
  }
  start[groups] = count;
  return { ranks, start, positions };
}

/** The first index at or after `from` of ascending `sorted` whose value is at least `r` (its length when none is). */
export function atOrAfter(sorted: Int32Array, r: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The ranks of some model ids (closed under parents, in lineage order), or an ancestry as it is. */
function ranksOf(graph: LineageGraph, models: readonly string[] | Ancestry): Int32Array {
  return models instanceof Int32Array ? models : Int32Array.from(models, (id) => graph.rank.get(id)!);
}

/**
 * Folds `ability` over `models` (ids, or an ancestry; closed under parents and in lineage order). Each model's
 * readings are the distinct histories of its parents', extended by its own step's claims. It walks the compact
 * indexes: only a step with a claim about the ability is read.
 */
export function foldAbility(graph: LineageGraph, ability: string, models: readonly string[] | Ancestry): Fold {
  const ranks = ranksOf(graph, models);
  const count = ranks.length;
  const folded = new Array<Reading[]>(count);
  const interned = new Map<string, History>();
  const { ranks: claimRanks, start: claimsFrom, positions: claimPositions } = claimsAtRank(graph, ability);
  const { parentStart, parentRanks, stepConfidence, claimIndex } = graph.index;
  let nextId = 1;
  let truncated = false;
  const extend = (prev: History | null, entry: StepClaim, key: string): History => {
    const full = `${prev?.id ?? 0}/${key}`;
    let h = interned.get(full);
    if (!h) interned.set(full, (h = { id: nextId++, entry, prev }));
    return h;
  };
  // Extends one incoming reading by the model's own claims (positions in the claim index), keeping it if its history is new.
  const arrive = (
    out: Reading[],
    model: string,
    via: Reading | null,
    step: StepEntry | undefined,
    from: number,
    to: number,
    stepLevel: number,
  ) => {
    let h = via?.history ?? null;
    let claimLevel = via?.claimLevel ?? 0;
    let linkLevel = Math.max(via?.linkLevel ?? 0, stepLevel);
    let attributionLevel = via?.attributionLevel ?? 0;
    for (let c = from; c < to; c++) {
      const i = claimIndex[claimPositions[c]!]!;
      const claim = step!.claims[i]!;
      const before = isPresent(stateOf(h));
      h = extend(h, { step: step!, claim }, `${step!.id}#${i}`);
      const level = levelOf(claim.confidence);
      if (GIVES.has(claim.effect) && !before) {
        // The origin: what the state rests on starts here.
        claimLevel = level;
        linkLevel = stepLevel;
        attributionLevel = claim.attribution === undefined ? level : levelOf(claim.attribution);
      } else claimLevel = level;
    }
    // At most MAX_READINGS are kept, so a scan finds a repeated history as fast as a set would.
    for (const o of out) if (o.history === h) return;
    if (out.length >= MAX_READINGS) {
      truncated = true;
      return;
    }
    out.push({ model, history: h, via, claimLevel, linkLevel, attributionLevel });
  };
  const idAt = rankIds(graph);
  // The next of the ability's claim ranks that may be at or after the model folded: ranks only ascend.
  let next = 0;
  withScratch(graph, ({ stamp, slot: at }, generation) => {
    for (let k = 0; k < count; k++) {
      const r = ranks[k]!;
      const model = idAt(r);
      rememberRank(graph.rank, model, r); // a path of these ids is asked for by id again
      // (From the start again if a caller's models were not in lineage order after all.)
      next = atOrAfter(claimRanks, r, next > 0 && claimRanks[next - 1]! >= r ? 0 : next);
      const claimed = next < claimRanks.length && claimRanks[next] === r;
      const from = claimed ? claimsFrom[next]! : 0;
      const to = claimed ? claimsFrom[next + 1]! : 0;
      const step = claimed ? graph.madeBy.get(model)! : undefined;
      const out: Reading[] = [];
      const first = parentStart[r]!;
      const end = parentStart[r + 1]!;
      const stepLevel = stepConfidence[r]!;
      if (first === end) arrive(out, model, null, step, from, to, stepLevel);
      for (let j = first; j < end; j++) {
        const p = parentRanks[j]!;
        if (stamp[p] !== generation) continue; // not folded: the caller left it out
        for (const reading of folded[at[p]!]!) arrive(out, model, reading, step, from, to, stepLevel);
      }
      folded[k] = out;
      stamp[r] = generation;
      at[r] = k;
    }
  });
  // Ranks ascend (lineage order): a model's readings are found by binary search, with no map to build.
  const get = (id: string): readonly Reading[] | undefined => {
    const r = graph.rank.get(id);
    if (r === undefined) return undefined;
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const here = ranks[mid]!;
      if (here === r) return folded[mid];
      if (here < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return { readings: { get }, truncated };
}
