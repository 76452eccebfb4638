/**
 * Which models have an ability, for the whole lineage in one cheap pass (no histories kept):
 * a model has it when its own step's last claim about it gives it, or, without such a claim, when a parent has it.
 * Memoized per graph and ability, so a batch of queries pays for each ability once.
 */
import type { LineageGraph } from "../graph/build-graph.js";
import { isPresent } from "./fold-ability.js";

const memo = new WeakMap<LineageGraph, Map<string, Uint8Array>>();

/** 1 at `graph.rank.get(model)` when the model has the ability. */
export function presence(graph: LineageGraph, ability: string): Uint8Array {
  let perGraph = memo.get(graph);
  if (!perGraph) memo.set(graph, (perGraph = new Map()));
  const hit = perGraph.get(ability);
  if (hit) return hit;
  const has = new Uint8Array(graph.modelOrder.length);
  graph.modelOrder.forEach((model, i) => {
    const step = graph.madeBy.get(model);
    let last: string | undefined;
    for (const claim of step?.claims ?? []) if (claim.ability === ability) last = claim.effect;
    if (last !== undefined) has[i] = isPresent(last as never) ? 1 : 0;
    else has[i] = (step?.from ?? []).some((p) => has[graph.rank.get(p)!] === 1) ? 1 : 0;
  });
  perGraph.set(ability, has);
  return has;
}
