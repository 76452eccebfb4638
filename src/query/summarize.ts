/** Turns the readings of one ability at one model into an answer: state, presence, confidence, agreement. */
import type { LineageGraph } from "../graph/build-graph.js";
import type { ConfidenceLevel } from "../schema.js";
import { CONFIDENCE_LEVELS } from "../vocabulary.js";
import { entries, stateOf, type Reading } from "../graph/fold.js";
import type { StepClaim } from "../graph/build-graph.js";
import { GIVES, isPresent, type AbilityState } from "../vocabulary.js";

/** The answer for one ability in one model. */
export interface Summary {
  state: AbilityState;
  present: boolean;
  confidence: ConfidenceLevel;
  /** The reading the answer rests on. */
  primary: Reading;
  /** Every reading, the primary first. */
  readings: Reading[];
  /** False when readings disagree on the state. */
  agreement: boolean;
}

/** The confidence of one reading: its weakest claim and parentage since the ability was given. */
export function readingConfidence(reading: Reading): ConfidenceLevel {
  return CONFIDENCE_LEVELS[Math.max(reading.claimLevel, reading.linkLevel)]!;
}

/** The last claim that introduced or unlocked the ability in a reading, if any. */
export function introducerOf(reading: Reading): StepClaim | null {
  for (let h = reading.history; h !== null; h = h.prev) if (GIVES.has(h.entry.claim.effect)) return h.entry;
  return null;
}

/**
 * Summarizes readings: a present reading wins over an absent one (a model inherits from each parent),
 * then one that says where the ability came from, then the surest.
 */
export function summarize(_graph: LineageGraph, readings: readonly Reading[]): Summary {
  const scored = readings.map((r, i) => ({
    r,
    i,
    present: isPresent(stateOf(r.history)),
    sourced: introducerOf(r) !== null,
    level: Math.max(r.claimLevel, r.linkLevel),
  }));
  scored.sort(
    (a, b) => Number(b.present) - Number(a.present) || Number(b.sourced) - Number(a.sourced) || a.level - b.level || a.i - b.i,
  );
  const primary = scored[0]!.r;
  const state = stateOf(primary.history);
  return {
    state,
    present: isPresent(state),
    confidence: readingConfidence(primary),
    primary,
    readings: scored.map((s) => s.r),
    agreement: scored.every((s) => stateOf(s.r.history) === state),
  };
}

/** The applied claims of a reading, first to last. */
export function historyOf(reading: Reading): StepClaim[] {
  return entries(reading.history);
}
