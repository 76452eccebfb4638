/**
 * Every model's state for an ability, for the whole lineage in one cheap pass over typed arrays (no histories):
 * a model's own step's last claim about the ability sets it; without one, it inherits from its first parent that
 * has the ability (else from its first parent). Presence agrees with the full fold (a model inherits from each
 * parent). Memoized per graph and ability, so a batch of queries pays for each ability once.
 */
import type { LineageGraph } from "../graph/build-graph.js";
import { EFFECTS } from "../vocabulary.js";
import type { AbilityState } from "./fold-ability.js";

/** One ability's presence pass: every model's state code, by rank, and how many models have the ability. */
interface Presence {
  codes: Uint8Array;
  total: number;
}

const memo = new WeakMap<LineageGraph, Map<string, Presence>>();

/** State codes: 0 absent, else 1 + the index of the effect in EFFECTS. */
const LOST = 1 + EFFECTS.indexOf("lost");

/** The state code of each model, by rank. */
export function stateCodes(graph: LineageGraph, ability: string): Uint8Array {
  return presence(graph, ability).codes;
}

/** The presence pass of an ability, memoized. */
function presence(graph: LineageGraph, ability: string): Presence {
  let perGraph = memo.get(graph);
  if (!perGraph) memo.set(graph, (perGraph = new Map()));
  const hit = perGraph.get(ability);
  if (hit) return hit;
  const n = graph.modelOrder.length;
  const own = new Uint8Array(n);
  const a = graph.abilityIndex.get(ability);
  if (a !== undefined) {
    const { claimStart, claimRank, claimEffect } = graph;
    // Claims apply in order: the last wins.
    for (let j = claimStart[a]!; j < claimStart[a + 1]!; j++) own[claimRank[j]!] = 1 + claimEffect[j]!;
  }
  const code = new Uint8Array(n);
  const { parentStart, parentRanks } = graph;
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
  const result = { codes: code, total };
  perGraph.set(ability, result);
  return result;
}

/** The state a code stands for. */
export function stateOfCode(code: number): AbilityState {
  return code === 0 ? "absent" : EFFECTS[code - 1]!;
}

/** True when the code counts as having the ability. */
export function presentCode(code: number): boolean {
  return code !== 0 && code !== LOST;
}

/** The first `limit` models (in lineage order) that have the ability, and how many have it in all. */
export function holders(graph: LineageGraph, ability: string, limit: number): { first: { model: string; state: AbilityState }[]; total: number } {
  const { codes, total } = presence(graph, ability);
  const first: { model: string; state: AbilityState }[] = [];
  for (let i = 0; i < codes.length && first.length < limit; i++) {
    if (presentCode(codes[i]!)) first.push({ model: graph.modelOrder[i]!, state: stateOfCode(codes[i]!) });
  }
  return { first, total };
}
