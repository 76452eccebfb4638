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
  readonly readings: ReadonlyMap<string, readonly Reading[]>;
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

/**
 * Folds `ability` over `models` (which must be closed under parents and in lineage order).
 * Each model's readings are the distinct histories of its parents', extended by its own step's claims.
 */
export function foldAbility(graph: LineageGraph, ability: string, models: readonly string[]): Fold {
  const readings = new Map<string, Reading[]>();
  const interned = new Map<string, History>();
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
  for (const model of models) {
    const step = graph.madeBy.get(model);
    const own = step ? step.claims.map((claim, i) => ({ claim, i })).filter((c) => c.claim.ability === ability) : [];
    const incoming: (Reading | null)[] = [];
    const parents = step?.from ?? [];
    if (parents.length === 0) incoming.push(null);
    for (const parent of parents) for (const r of readings.get(parent) ?? []) incoming.push(r);
    const stepRank = step ? confidenceRank(step.confidence) : 0;
    const out: Reading[] = [];
    const seen = new Set<number>();
    for (const via of incoming) {
      let h = via?.history ?? null;
      let claimRank = via?.claimRank ?? 0;
      let linkRank = Math.max(via?.linkRank ?? 0, stepRank);
      for (const { claim, i } of own) {
        h = extend(h, { step: step!, claim }, `${step!.id}#${i}`);
        const rank = confidenceRank(claim.confidence);
        if (GIVES.has(claim.effect)) {
          claimRank = rank;
          linkRank = stepRank;
        } else claimRank = Math.max(claimRank, rank);
      }
      const id = h?.id ?? 0;
      if (seen.has(id)) continue;
      seen.add(id);
      if (out.length >= MAX_READINGS) {
        truncated = true;
        continue;
      }
      out.push({ model, history: h, via, claimRank, linkRank });
    }
    readings.set(model, out);
  }
  return { readings, truncated };
}
