/**
 * Every model's state for an ability, for the whole lineage in one cheap pass over typed arrays (no histories):
 * a model's own step's last claim about the ability sets it; without one, it inherits from its first parent that
 * has the ability (else from its first parent). Presence agrees with the full fold (a model inherits from each
 * parent). Cached per graph and ability, so a batch of queries pays for each ability once.
 */
import { EFFECTS, type AbilityState } from "../vocabulary.js";
import type { LineageGraph } from "./build-graph.js";
import { cacheOf, slot } from "./cache.js";
import { atOrAfter, claimsAtRank } from "./fold.js";

/** State codes: 0 absent, else 1 + the index of the effect in EFFECTS. */
const LOST = 1 + EFFECTS.indexOf("lost");

/** The presence pass of an ability, cached. */
function presence(graph: LineageGraph, ability: string): { codes: Uint8Array; total: number } {
  return slot(cacheOf(graph).presence, ability, () => {
    const codes = new Uint8Array(graph.modelOrder.length);
    const a = graph.abilityIndex.get(ability);
    const { claimStart, claimRank, claimEffect, parentStart, parentRanks } = graph.index;
    // Claims apply in order: the last wins.
    if (a !== undefined)
      for (let j = claimStart[a]!; j < claimStart[a + 1]!; j++) codes[claimRank[j]!] = 1 + claimEffect[j]!;
    return { codes, total: inherit(codes, parentStart, parentRanks) };
  });
}

/**
 * Fills in, in lineage order, the state of every model without a claim of its own (code 0) from its parents;
 * returns how many models have the ability. A plain function over typed arrays, so that it is optimised once.
 */
function inherit(code: Uint8Array, parentStart: Int32Array, parentRanks: Int32Array): number {
  const n = code.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let c = code[i]!;
    if (c === 0) {
      const start = parentStart[i]!;
      const end = parentStart[i + 1]!;
      if (end > start) {
        // The first parent's state, unless it lacks the ability and a later parent has it.
        c = code[parentRanks[start]!]!;
        if (c === 0 || c === LOST)
          for (let j = start + 1; j < end; j++) {
            const p = code[parentRanks[j]!]!;
            if (p !== 0 && p !== LOST) {
              c = p;
              break;
            }
          }
        code[i] = c;
      }
    }
    if (c !== 0 && c !== LOST) total++;
  }
  return total;
}

/** The state a code stands for. */
function stateOfCode(code: number): AbilityState {
  return code === 0 ? "absent" : EFFECTS[code - 1]!;
}

/** Every model's state for an ability, in lineage order (whole-lineage pass, no histories). */
export function statesInOrder(graph: LineageGraph, ability: string): AbilityState[] {
  return Array.from(presence(graph, ability).codes, stateOfCode);
}

/**
 * Which models have each ability of one group of 32 (bit `a % 32` of a model's word for ability `a`), for the
 * whole lineage in one pass: a model's own claims decide its bit, else it has the ability if a parent has it
 * (the presence pass's rule, bit-parallel). 32 abilities for the price of one pass. Cached per group.
 */
function presentWords(graph: LineageGraph, group: number): Int32Array {
  return slot(cacheOf(graph).presentWords, group, () => {
    const { claimStart, claimRank, claimEffect, parentStart, parentRanks } = graph.index;
    const from = group * 32;
    const to = Math.min(graph.abilityOrder.length, from + 32);
    return wordsOf(graph.modelOrder.length, from, to, claimStart, claimRank, claimEffect, parentStart, parentRanks);
  });
}

/**
 * The words of abilities `from` up to `to` (a group of 32). A plain function over typed arrays, so that it is
 * optimised once (inside the cache's closure, a batch's 7 groups on the 100k lineage took 31 ms).
 */
function wordsOf(
  n: number,
  from: number,
  to: number,
  claimStart: Int32Array,
  claimRank: Int32Array,
  claimEffect: Uint8Array,
  parentStart: Int32Array,
  parentRanks: Int32Array,
): Int32Array {
  const claimed = new Int32Array(n);
  const words = new Int32Array(n);
  for (let a = from; a < to; a++) {
    const bit = 1 << (a & 31);
    // Claims apply in order: the last wins.
    for (let j = claimStart[a]!; j < claimStart[a + 1]!; j++) {
      const r = claimRank[j]!;
      claimed[r]! |= bit;
      if (1 + claimEffect[j]! === LOST) words[r]! &= ~bit;
      else words[r]! |= bit;
    }
  }
  for (let i = 0; i < n; i++) {
    let inherited = 0;
    for (let j = parentStart[i]!; j < parentStart[i + 1]!; j++) inherited |= words[parentRanks[j]!]!;
    words[i] = (inherited & ~claimed[i]!) | words[i]!;
  }
  return words;
}

/** The state of `ability` at the model of rank `r`, which has it: its own last claim's, else its first parent's that has it. */
function stateAt(graph: LineageGraph, ability: string, words: Int32Array, bit: number, r: number): AbilityState {
  const { ranks, start, positions } = claimsAtRank(graph, ability);
  const { parentStart, parentRanks, claimEffect } = graph.index;
  for (;;) {
    const i = atOrAfter(ranks, r, 0);
    if (i < ranks.length && ranks[i] === r) return EFFECTS[claimEffect[positions[start[i + 1]! - 1]!]!]!;
    let j = parentStart[r]!;
    while ((words[parentRanks[j]!]! & bit) === 0) j++;
    r = parentRanks[j]!;
  }
}

/** How many of `words` have bit `shift` set. A plain function over a typed array, so that it is optimised once (inside a closure, 8 times slower). */
function countBit(words: Int32Array, shift: number): number {
  let count = 0;
  for (let i = 0; i < words.length; i++) count += (words[i]! >>> shift) & 1;
  return count;
}

/** The first `limit` models (in lineage order) that have the ability, and how many have it in all. */
export function holders(
  graph: LineageGraph,
  ability: string,
  limit: number,
): { first: { model: string; state: AbilityState }[]; total: number } {
  const a = graph.abilityIndex.get(ability);
  if (a === undefined) return { first: [], total: 0 };
  const words = presentWords(graph, a >>> 5);
  const shift = a & 31;
  const bit = 1 << shift;
  const total = slot(cacheOf(graph).holderTotals, ability, () => countBit(words, shift));
  const first = slot(cacheOf(graph).firstHolders, `${limit}\u0000${ability}`, () => {
    const list: { model: string; state: AbilityState }[] = [];
    for (let r = 0; r < words.length && list.length < limit; r++) {
      if ((words[r]! & bit) !== 0)
        list.push({ model: graph.modelOrder[r]!, state: stateAt(graph, ability, words, bit, r) });
    }
    return list;
  });
  // A copy: the cached list stays as it was whatever the caller does with it.
  return { first: first.map((h) => ({ ...h })), total };
}
