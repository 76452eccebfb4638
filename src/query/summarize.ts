/** Turns the readings of one ability at one model into an answer: state, presence, origin, confidences, agreement. */
import {
  ancestors,
  entries,
  type LineageGraph,
  originIndex,
  type Reading,
  stateOf,
  type StepClaim,
} from "../graph/index.js";
import {
  changeWords,
  confidenceAt,
  isPresent,
  presenceWord,
  type AbilityState,
  type Confidence,
  type Size,
} from "../vocabulary.js";

/** The answer for one ability in one model. */
export interface Summary {
  state: AbilityState;
  present: boolean;
  /** The size of the change that left the state; null when absent. */
  size: Size | null;
  /** The weakest of the presence and origin confidences. */
  confidence: Confidence;
  /** How sure the state is: the latest claim about it (each claim asserts the state after its step); null when absent. */
  presenceConfidence: Confidence | null;
  /** How sure the way it came is (the origin's attribution and the parentage from it); null when absent. */
  originConfidence: Confidence | null;
  /** The reading the answer rests on. */
  primary: Reading;
  /** Every reading, the primary first. */
  readings: Reading[];
  /** False when readings disagree on the state. */
  agreement: boolean;
}

/** How sure the state of a reading is, and how sure its origin is (levels: 0 the surest). */
function levels(reading: Reading): { presence: number; origin: number } {
  return { presence: reading.claimLevel, origin: Math.max(reading.attributionLevel, reading.linkLevel) };
}

/** The confidence of one reading: the weakest of its presence and origin confidences. */
export function readingConfidence(reading: Reading): Confidence {
  const l = levels(reading);
  return confidenceAt(Math.max(l.presence, l.origin));
}

/** A reading's presence and origin confidences (null when it leaves the ability absent). */
export function readingConfidences(reading: Reading): {
  presenceConfidence: Confidence | null;
  originConfidence: Confidence | null;
} {
  if (reading.history === null) return { presenceConfidence: null, originConfidence: null };
  const l = levels(reading);
  return { presenceConfidence: confidenceAt(l.presence), originConfidence: confidenceAt(l.origin) };
}

/** The origin of a reading: the give where the ability first appeared on its path (since it was last not present), if any. */
export function introducerOf(reading: Reading): StepClaim | null {
  const list = entries(reading.history);
  const i = originIndex(list);
  return i < 0 ? null : list[i]!;
}

/** The claims of a reading after its origin, in path order (all of them when it has no origin). */
export function laterChanges(reading: Reading): StepClaim[] {
  const list = entries(reading.history);
  return list.slice(originIndex(list) + 1);
}

/** The size of the change a reading's state rests on (null when absent). */
export function sizeOf(reading: Reading): Size | null {
  return reading.history === null ? null : (reading.history.entry.claim.size ?? "normal");
}

/** A state in words: "present, greatly weakened", "absent", "lost". */
export function stateText(state: AbilityState, size: Size | null): string {
  if (state === "absent") return presenceWord(false);
  if (state === "lost") return state;
  return `${presenceWord(true)}, ${changeWords(state, size ?? "normal")}`;
}

/**
 * Summarizes readings: a present reading wins over an absent one (a model inherits from each parent),
 * then one that says where the ability came from, then the surest.
 */
export function summarize(graph: LineageGraph, readings: readonly Reading[]): Summary {
  const scored = readings.map((r, i) => ({
    r,
    i,
    present: isPresent(stateOf(r.history)),
    sourced: introducerOf(r) !== null,
    level: Math.max(levels(r).presence, levels(r).origin),
  }));
  scored.sort(
    (a, b) =>
      Number(b.present) - Number(a.present) || Number(b.sourced) - Number(a.sourced) || a.level - b.level || a.i - b.i,
  );
  // A reading whose origin is where the ability first appeared is preferred to one where it was re-asserted.
  if (scored.length > 1 && scored[0]!.present) {
    const first = originsOf(
      graph,
      scored.map((x) => x.r),
    )[0];
    const at = first ? scored.findIndex((x) => introducerOf(x.r)?.claim === first.claim) : -1;
    if (at > 0 && scored[at]!.level <= scored[0]!.level) scored.unshift(...scored.splice(at, 1));
  }
  const primary = scored[0]!.r;
  const state = stateOf(primary.history);
  return {
    state,
    present: isPresent(state),
    size: sizeOf(primary),
    confidence: readingConfidence(primary),
    ...readingConfidences(primary),
    primary,
    readings: scored.map((s) => s.r),
    agreement: scored.every((s) => stateOf(s.r.history) === state),
  };
}

/**
 * The distinct origins of the present readings, the primary's first: two when parents each brought the ability.
 * An origin below another (a merge that gives what one of its parents already had, reached through a parent
 * that lacked it) is where the ability was re-asserted, not where it first appeared: left out.
 */
export function originsOf(graph: LineageGraph, readings: readonly Reading[]): StepClaim[] {
  const found: StepClaim[] = [];
  for (const r of readings) {
    if (!isPresent(stateOf(r.history))) continue;
    const o = introducerOf(r);
    if (o && !found.some((x) => x.claim === o.claim)) found.push(o);
  }
  if (found.length < 2) return found;
  const models = new Set(found.map((o) => o.step.to));
  return found.filter((o) => !ancestors(graph, o.step.to).some((a) => a !== o.step.to && models.has(a)));
}

/** The applied claims of a reading, first to last. */
export function historyOf(reading: Reading): StepClaim[] {
  return entries(reading.history);
}
