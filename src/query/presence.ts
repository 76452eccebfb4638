/**
 * Every model's state for an ability, for the whole lineage in one cheap pass over typed arrays (no histories):
 * a model's own step's last claim about the ability sets it; without one, it inherits from its first parent that
 * has the ability (else from its first parent). Presence agrees with the full fold (a model inherits from each
 * parent). Memoized per graph and ability, so a batch of queries pays for each ability once.
 */
import type { LineageGraph } from "../graph/build-graph.js";
import { EFFECTS } from "../vocabulary.js";
import type { AbilityState } from "./fold-ability.js";

const memo = new WeakMap<LineageGraph, Map<string, Uint8Array>>();

/** State codes: 0 absent, else 1 + the index of the effect in EFFECTS. */
const LOST = 1 + EFFECTS.indexOf("lost");

/** The state code of each model, by rank. */
export function stateCodes(graph: LineageGraph, ability: string): Uint8Array {
  let perGraph = memo.get(graph);
  if (!perGraph) memo.set(graph, (perGraph = new Map()));
  const hit = perGraph.get(ability);
  if (hit) return hit;
  const n = graph.modelOrder.length;
  const own = new Uint8Array(n);
  for (const { step, claim } of graph.claimsByAbility.get(ability) ?? []) {
    own[graph.rank.get(step.to)!] = 1 + EFFECTS.indexOf(claim.effect); // claims apply in order: the last wins
  }
  const code = new Uint8Array(n);
  const { parentStart, parentRanks } = graph;
  for (let i = 0; i < n; i++) {
    if (own[i] !== 0) {
      code[i] = own[i]!;
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
  }
  perGraph.set(ability, code);
  return code;
}

/** The state a code stands for. */
export function stateOfCode(code: number): AbilityState {
  return code === 0 ? "absent" : EFFECTS[code - 1]!;
}

/** True when the code counts as having the ability. */
export function presentCode(code: number): boolean {
  return code !== 0 && code !== LOST;
}

const holdersMemo = new WeakMap<LineageGraph, Map<string, { first: { model: string; state: AbilityState }[]; total: number }>>();

/** The first `limit` models (in lineage order) that have the ability, and how many have it in all. Memoized. */
export function holders(graph: LineageGraph, ability: string, limit: number): { first: { model: string; state: AbilityState }[]; total: number } {
  let perGraph = holdersMemo.get(graph);
  if (!perGraph) holdersMemo.set(graph, (perGraph = new Map()));
  const key = `${limit}\u0000${ability}`;
  const hit = perGraph.get(key);
  if (hit) return hit;
  const codes = stateCodes(graph, ability);
  const first: { model: string; state: AbilityState }[] = [];
  let total = 0;
  for (let i = 0; i < codes.length; i++) {
    if (!presentCode(codes[i]!)) continue;
    if (total++ < limit) first.push({ model: graph.modelOrder[i]!, state: stateOfCode(codes[i]!) });
  }
  const result = { first, total };
  perGraph.set(key, result);
  return result;
}
