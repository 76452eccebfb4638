/**
 * The fold at the heart of every query: for one ability, the distinct histories of claims
 * that reach each model along the paths from its roots. Histories are shared (hash-consed),
 * so a diamond repeated many levels deep costs time linear in the graph, not in its paths.
 */
import type { ClaimEntry, ConfidenceLevel, EffectName, StepEntry } from "../schema.js";
import { CONFIDENCE_LEVELS } from "../vocabulary.js";
import type { LineageGraph } from "../graph/build-graph.js";

/** An ability's state in a model: the last effect on the path, or absent. */
export type AbilityState = EffectName | "absent";

/** Readings kept per model; past this, further distinct histories are dropped and reported. */
export const MAX_READINGS = 16;

/** One claim applied on a path. */
export interface Applied {
  step: StepEntry;
  claim: ClaimEntry;
}

/** A history: the claims applied so far, as a shared linked list (last claim first). */
export interface History {
  readonly id: number;
  readonly entry: Applied;
  readonly prev: History | null;
}

/** One way an ability reaches a model: a history, and the path it came by. */
export interface Reading {
  readonly model: string;
  readonly history: History | null;
  /** The reading at the parent this one came from (null at a root). */
  readonly via: Reading | null;
  /** Weakest claim confidence (as a rank) since the last introduction or unlocking. */
  readonly claimRank: number;
  /** Weakest parentage confidence (as a rank) on the path since the last introduction or unlocking. */
  readonly linkRank: number;
}

/** The readings of one ability at every model folded, plus whether any were dropped. */
export interface Fold {
  /** The readings at a folded model (undefined for a model not folded). */
  readonly readings: { get(model: string): readonly Reading[] | undefined };
  readonly truncated: boolean;
}

/** Effects that give an ability (and restart the chain its confidence rests on). */
export const GIVES: ReadonlySet<string> = new Set(["introduced", "unlocked"]);

/** True when the state counts as having the ability. */
export function isPresent(state: AbilityState): boolean {
  return state !== "absent" && state !== "lost";
}

/** The state a history leaves the ability in. */
export function stateOf(history: History | null): AbilityState {
  return history === null ? "absent" : history.entry.claim.effect;
}

/** The claims of a history, first to last. */
export function entries(history: History | null): Applied[] {
  const out: Applied[] = [];
  for (let h = history; h !== null; h = h.prev) out.push(h.entry);
  return out.reverse();
}

/** The models of a reading's path, root first. */
export function pathOf(reading: Reading): string[] {
  const out: string[] = [];
  for (let r: Reading | null = reading; r !== null; r = r.via) out.push(r.model);
  return out.reverse();
}

/** Rank of a confidence level: 0 is the surest. */
export function confidenceRank(level: ConfidenceLevel): number {
  return CONFIDENCE_LEVELS.indexOf(level);
}

/** The least sure of some levels (the weakest link); `established` for none. */
export function weakest(levels: Iterable<ConfidenceLevel>): ConfidenceLevel {
  let worst = 0;
  for (const level of levels) worst = Math.max(worst, confidenceRank(level));
  return CONFIDENCE_LEVELS[worst]!;
}

const ownMemo = new WeakMap<LineageGraph, Map<string, ReadonlyMap<number, readonly number[]>>>();

/** For one ability, the positions in the claim index of its claims, by the rank of the model each one's step makes. Memoized. */
function claimsAtRank(graph: LineageGraph, ability: string): ReadonlyMap<number, readonly number[]> {
  let perGraph = ownMemo.get(graph);
  if (!perGraph) ownMemo.set(graph, (perGraph = new Map()));
  const hit = perGraph.get(ability);
  if (hit) return hit;
  const byRank = new Map<number, number[]>();
  const a = graph.abilityIndex.get(ability);
  if (a !== undefined) {
    for (let j = graph.claimStart[a]!; j < graph.claimStart[a + 1]!; j++) {
      const r = graph.claimRank[j]!;
      const list = byRank.get(r);
      if (list) list.push(j);
      else byRank.set(r, [j]);
    }
  }
  perGraph.set(ability, byRank);
  return byRank;
}

/** Per graph, scratch space for a fold: where each rank sits in the models folded, valid when stamped with the fold's generation. */
const scratch = new WeakMap<LineageGraph, { stamp: Int32Array; slot: Int32Array; generation: number }>();

/**
 * Folds `ability` over `models` (ids or ranks, which must be closed under parents and in lineage order).
 * Each model's readings are the distinct histories of its parents', extended by its own step's claims.
 * It walks the compact indexes: only a step with a claim about the ability is read.
 */
export function foldAbility(graph: LineageGraph, ability: string, models: readonly string[] | Int32Array): Fold {
  const ranks = models instanceof Int32Array ? models : Int32Array.from(models, (id) => graph.rank.get(id)!);
  const count = ranks.length;
  const folded = new Array<Reading[]>(count);
  let space = scratch.get(graph);
  if (!space) scratch.set(graph, (space = { stamp: new Int32Array(graph.modelOrder.length), slot: new Int32Array(graph.modelOrder.length), generation: 0 }));
  const generation = ++space.generation;
  const { stamp, slot } = space;
  const interned = new Map<string, History>();
  const own = claimsAtRank(graph, ability);
  const { parentStart, parentRanks, stepConfidence, claimIndex, modelOrder } = graph;
  let nextId = 1;
  let truncated = false;
  const extend = (prev: History | null, entry: Applied, key: string): History => {
    const full = `${prev?.id ?? 0}/${key}`;
    let h = interned.get(full);
    if (!h) {
      h = { id: nextId++, entry, prev };
      interned.set(full, h);
    }
    return h;
  };
  // Extends one incoming reading by the model's own claims (positions in the claim index), keeping it if its history is new.
  const arrive = (out: Reading[], model: string, via: Reading | null, step: StepEntry | undefined, positions: readonly number[], stepRank: number) => {
    let h = via?.history ?? null;
    let claimRank = via?.claimRank ?? 0;
    let linkRank = Math.max(via?.linkRank ?? 0, stepRank);
    for (const j of positions) {
      const i = claimIndex[j]!;
      const claim = step!.claims[i]!;
      h = extend(h, { step: step!, claim }, `${step!.id}#${i}`);
      const rank = confidenceRank(claim.confidence);
      if (GIVES.has(claim.effect)) {
        claimRank = rank;
        linkRank = stepRank;
      } else claimRank = Math.max(claimRank, rank);
    }
    // At most MAX_READINGS are kept, so a scan finds a repeated history as fast as a set would.
    for (const o of out) if (o.history === h) return;
    if (out.length >= MAX_READINGS) {
      truncated = true;
      return;
    }
    out.push({ model, history: h, via, claimRank, linkRank });
  };
  const none: readonly number[] = [];
  for (let k = 0; k < count; k++) {
    const r = ranks[k]!;
    const model = modelOrder[r]!;
    const positions = own.get(r) ?? none;
    const step = positions.length ? graph.madeBy.get(model)! : undefined;
    const stepRank = stepConfidence[r]!;
    const out: Reading[] = [];
    const first = parentStart[r]!;
    const end = parentStart[r + 1]!;
    if (first === end) arrive(out, model, null, step, positions, stepRank);
    for (let j = first; j < end; j++) {
      const p = parentRanks[j]!;
      if (stamp[p] !== generation) continue; // not folded: the caller left it out
      for (const reading of folded[slot[p]!]!) arrive(out, model, reading, step, positions, stepRank);
    }
    folded[k] = out;
    stamp[r] = generation;
    slot[r] = k;
  }
  // Ranks ascend (lineage order): a model's readings are found by binary search, with no map to build.
  const get = (id: string): readonly Reading[] | undefined => {
    const r = graph.rank.get(id);
    if (r === undefined) return undefined;
    let lo = 0;
    let hi = count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = ranks[mid]!;
      if (at === r) return folded[mid];
      if (at < r) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return { readings: { get }, truncated };
}
