/**
 * Every model's state for an ability, for the whole lineage in one cheap pass over typed arrays (no histories):
 * a model's own step's last claim about the ability sets it; without one, it inherits from its first parent that
 * has the ability (else from its first parent). Presence agrees with the full fold (a model inherits from each
 * parent). Cached per graph and ability, so a batch of queries pays for each ability once.
 */
import { EFFECTS, type AbilityState } from "../vocabulary.js";
import type { LineageGraph } from "./build-graph.js";
import { cacheOf, slot } from "./cache.js";

/** State codes: 0 absent, else 1 + the index of the effect in EFFECTS. */
const LOST = 1 + EFFECTS.indexOf("lost");

/** The presence pass of an ability, cached. */
function presence(graph: LineageGraph, ability: string): { codes: Uint8Array; total: number } {
  return slot(cacheOf(graph).presence, ability, () => {
    const n = graph.modelOrder.length;
    const own = new Uint8Array(n);
    const a = graph.abilityIndex.get(ability);
    const { claimStart, claimRank, claimEffect, parentStart, parentRanks } = graph.index;
    // Claims apply in order: the last wins.
    if (a !== undefined)
      for (let j = claimStart[a]!; j < claimStart[a + 1]!; j++) own[claimRank[j]!] = 1 + claimEffect[j]!;
    const code = new Uint8Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (own[i] !== 0) {
        code[i] = own[i]!;
        if (own[i] !== LOST) total++;
        continue;
      }
      const start = parentStart[i]!;
      const end = parentStart[i + 1]!;
      let inherited = end > start ? code[parentRanks[start]!]! : 0;
      for (let j = start; j < end; j++) {
        const c = code[parentRanks[j]!]!;
        if (c !== 0 && c !== LOST) {
          inherited = c;
          break;
        }
      }
      code[i] = inherited;
      if (inherited !== 0 && inherited !== LOST) total++;
    }
    return { codes: code, total };
  });
}

/** The state a code stands for. */
function stateOfCode(code: number): AbilityState {
  return code === 0 ? "absent" : EFFECTS[code - 1]!;
}

/** Every model's state for an ability, in lineage order (whole-lineage pass, no histories). */
export function statesInOrder(graph: LineageGraph, ability: string): AbilityState[] {
  return Array.from(presence(graph, ability).codes, stateOfCode);
}

/** The first `limit` models (in lineage order) that have the ability, and how many have it in all. */
export function holders(
  graph: LineageGraph,
  ability: string,
  limit: number,
): { first: { model: string; state: AbilityState }[]; total: number } {
  const { codes, total } = presence(graph, ability);
  const first: { model: string; state: AbilityState }[] = [];
  for (let i = 0; i < codes.length && first.length < limit; i++) {
    if (codes[i] !== 0 && codes[i] !== LOST) first.push({ model: graph.modelOrder[i]!, state: stateOfCode(codes[i]!) });
  }
  return { first, total };
}
