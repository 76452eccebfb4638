/**
 * Parentage readings: where a step's sources disagree on its parents (`alternatives`), the graph under another
 * reading is the same lineage with that step's parents (and parentage confidence) swapped. It is an overlay:
 * the index arrays are remade, entries are shared and none is parsed, so a lazy graph stays lazy. Kept per
 * graph and reading.
 */
import type { AlternativeEntry, StepEntry } from "../schema.js";
import { lineageOrder } from "../load/lineage-order.js";
import { levelOf } from "../vocabulary.js";
import type { LineageGraph } from "./build-graph.js";
import { cacheOf } from "./cache.js";
import { stepById, UnknownNameError } from "./names.js";

/** A choice of parentage per step: 0 the step's own `from`, k its k-th alternative (1-based). Steps not named keep their own. */
export type ReadingChoice = Readonly<Record<string, number>>;

/** One alternative reading of one step. */
export interface Alternative {
  step: StepEntry;
  /** 1-based, as in a ReadingChoice. */
  index: number;
  from: readonly string[];
}

/** A choice in one canonical text (steps sorted, primaries left out): the cache key, and how results name it. */
export function readingKey(choice: ReadingChoice): string {
  return Object.keys(choice)
    .filter((id) => choice[id] !== 0)
    .sort()
    .map((id) => `${id}=${choice[id]}`)
    .join(",");
}

/** Parses "STEP=N,STEP=N" (as a user types it) into a choice. Throws UnknownNameError on a malformed part. */
export function parseReading(text: string): ReadingChoice {
  const choice: Record<string, number> = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+)=(\d+)$/.exec(part);
    if (!m)
      throw new UnknownNameError(
        `a reading is STEP=N (N: 0 for the step's own parents, 1 for its first alternative, ...), not '${part}'`,
      );
    choice[m[1]!] = Number(m[2]);
  }
  return choice;
}

/** Checks a choice against the graph: every step known, every index one of its readings. */
function checked(
  graph: LineageGraph,
  choice: ReadingChoice,
  known: readonly StepEntry[],
): Map<string, { step: StepEntry; alt: AlternativeEntry }> {
  const swaps = new Map<string, { step: StepEntry; alt: AlternativeEntry }>();
  for (const [id, index] of Object.entries(choice)) {
    const step = known.find((s) => s.id === id) ?? stepById(graph, id);
    if (!step) throw new UnknownNameError(`unknown step '${id}' in the reading`);
    const count = step.alternatives?.length ?? 0;
    if (!Number.isInteger(index) || index < 0 || index > count) {
      throw new UnknownNameError(
        `step '${id}' has ${count} alternative reading${count === 1 ? "" : "s"}; ${index} is not one (0 is its own parents)`,
      );
    }
    if (index > 0) swaps.set(id, { step, alt: step.alternatives![index - 1]! });
  }
  return swaps;
}

/** The lineage order with some models' parents swapped: the same order when it still puts parents first, else sorted again. */
function orderUnder(graph: LineageGraph, parents: (rank: number) => readonly number[]): readonly string[] | undefined {
  const n = graph.modelOrder.length;
  let valid = true;
  for (let r = 0; r < n && valid; r++) for (const p of parents(r)) if (p >= r) valid = false;
  if (valid) return graph.modelOrder;
  const order = lineageOrder(graph.modelOrder, (id) => parents(graph.rank.get(id)!).map((p) => graph.modelOrder[p]!));
  return order.length === n ? order : undefined;
}

/** The graphs under readings kept per graph (the most recently used); each costs index arrays the size of the lineage. */
export const MAX_READING_GRAPHS = 16;

/** The graph with some steps' parentage swapped: the index arrays remade (no entry is parsed), everything else shared. */
function overlay(
  graph: LineageGraph,
  swaps: ReadonlyMap<string, { step: StepEntry; alt: AlternativeEntry }>,
  key: string,
): LineageGraph {
  const { parentStart, parentRanks, stepConfidence, claimRank } = graph.index;
  const swapped = new Map<string, StepEntry>();
  for (const { step, alt } of swaps.values()) {
    if (alt.from.includes(step.to)) throw new UnknownNameError(`the reading ${key} makes the lineage cyclic`);
    swapped.set(step.to, { ...step, from: [...alt.from], confidence: alt.confidence });
  }
  const swappedParents = new Map<number, number[]>();
  for (const [to, step] of swapped)
    swappedParents.set(
      graph.rank.get(to)!,
      [...new Set(step.from)].map((p) => graph.rank.get(p)!),
    );
  const parents = (r: number): readonly number[] =>
    swappedParents.get(r) ?? Array.from(parentRanks.subarray(parentStart[r], parentStart[r + 1]));
  const order = orderUnder(graph, parents);
  if (!order) throw new UnknownNameError(`the reading ${key} makes the lineage cyclic`);
  const n = order.length;
  // newRank[old rank]: the identity unless the order had to change.
  const rank = order === graph.modelOrder ? graph.rank : new Map(order.map((id, r) => [id, r]));
  const newRank = order === graph.modelOrder ? null : Int32Array.from(graph.modelOrder, (id) => rank.get(id)!);
  const at = (old: number) => (newRank ? newRank[old]! : old);
  const oldOf = new Int32Array(n);
  for (let old = 0; old < n; old++) oldOf[at(old)] = old;
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  const confidence = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const old = oldOf[r]!;
    for (const p of parents(old)) list.push(at(p));
    start[r + 1] = list.length;
    const step = swapped.get(order[r]!);
    confidence[r] = step ? levelOf(step.confidence) : stepConfidence[old]!;
  }
  const index = Object.freeze({
    ...graph.index,
    parentStart: start,
    parentRanks: Int32Array.from(list),
    stepConfidence: confidence,
    claimRank: newRank ? claimRank.map((r) => newRank[r]!) : claimRank,
  });
  const madeBy: ReadonlyMap<string, StepEntry> = {
    get: (id) => swapped.get(id) ?? graph.madeBy.get(id),
    has: (id) => graph.madeBy.has(id),
    get size() {
      return graph.madeBy.size;
    },
    entries: () => {
      const list = [...graph.madeBy.keys()].map((id): [string, StepEntry] => [
        id,
        swapped.get(id) ?? graph.madeBy.get(id)!,
      ]);
      return list[Symbol.iterator]();
    },
    keys: () => graph.madeBy.keys(),
    values: () => [...graph.madeBy.keys()].map((id) => swapped.get(id) ?? graph.madeBy.get(id)!)[Symbol.iterator](),
    forEach: (f) => [...graph.madeBy.keys()].forEach((id) => f(swapped.get(id) ?? graph.madeBy.get(id)!, id, madeBy)),
    [Symbol.iterator]: () => madeBy.entries(),
  };
  let children: Map<string, StepEntry[]> | undefined;
  const childSteps = () => {
    if (children) return children;
    children = new Map();
    for (const s of graph.steps) {
      const step = swapped.get(s.to) ?? s;
      for (const p of new Set(step.from)) {
        const list = children.get(p);
        if (list) list.push(step);
        else children.set(p, [step]);
      }
    }
    return children;
  };
  return Object.freeze({
    title: graph.title,
    get lineage() {
      return { ...graph.lineage, steps: graph.steps.map((s) => swapped.get(s.to) ?? s) };
    },
    modelOrder: order,
    models: graph.models,
    abilities: graph.abilities,
    sources: graph.sources,
    get steps() {
      return graph.steps.map((s) => swapped.get(s.to) ?? s);
    },
    madeBy,
    get childSteps() {
      return childSteps();
    },
    get claimsByAbility() {
      return graph.claimsByAbility;
    },
    rank,
    get names() {
      return graph.names;
    },
    lacking: graph.lacking,
    alternativeMakers: graph.alternativeMakers,
    abilityOrder: graph.abilityOrder,
    abilityIndex: graph.abilityIndex,
    index,
  } as LineageGraph);
}

/**
 * The graph under a reading (the graph itself when the choice swaps nothing). `known` are steps the caller has
 * at hand (looked up first, so that a lazy graph need not list its steps). Throws UnknownNameError on a bad
 * choice or one that makes a cycle.
 */
export function underReading(
  graph: LineageGraph,
  choice: ReadingChoice = {},
  known: readonly StepEntry[] = [],
): LineageGraph {
  if (Object.keys(choice).length === 0) return graph;
  const swaps = checked(graph, choice, known);
  if (swaps.size === 0) return graph;
  const key = readingKey(choice);
  const kept = cacheOf(graph).readings;
  let under = kept.get(key);
  if (under)
    kept.delete(key); // taken again: now the most recent
  else under = overlay(graph, swaps, key);
  kept.set(key, under);
  // Each graph under a reading has index arrays of its own: a batch naming many readings keeps the latest few.
  if (kept.size > MAX_READING_GRAPHS) kept.delete(kept.keys().next().value!);
  return under;
}

/** The alternative readings of the steps on some models' ancestry (each alternative on its own), in lineage order. */
export function alternativesOn(graph: LineageGraph, models: readonly string[]): Alternative[] {
  // A stored lineage knows which steps have alternatives: the others' texts need not be read to find none.
  const makers = graph.alternativeMakers;
  return (makers ? models.filter((id) => makers.has(id)) : models).flatMap((id) => {
    const step = graph.madeBy.get(id);
    return step ? (step.alternatives ?? []).map((alt, i) => ({ step, index: i + 1, from: alt.from })) : [];
  });
}
