/** Iterative walks over the graph (no recursion): ancestries, lineage-order sorting, nearest common ancestors. */
import type { LineageGraph } from "./build-graph.js";
import { withScratch } from "./cache.js";

/** A set of models closed under parents, as lineage ranks ascending: what a fold runs over. Opaque to queries. */
export type Ancestry = Int32Array;

/** The ranks of every ancestor of `model`, itself included, ascending (lineage order). Walks the compact parent index. */
export function ancestorRanks(graph: LineageGraph, model: string): Ancestry {
  const { parentStart, parentRanks } = graph.index;
  const start = graph.rank.get(model)!;
  const found = [start];
  withScratch(graph, ({ stamp }, generation) => {
    stamp[start] = generation;
    for (let head = 0; head < found.length; head++) {
      const r = found[head]!;
      for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) {
        const p = parentRanks[j]!;
        if (stamp[p] !== generation) {
          stamp[p] = generation;
          found.push(p);
        }
      }
    }
  });
  // A typed array sorts numbers without a comparator.
  return Int32Array.from(found).sort();
}

/** The models of several ancestries together (each model and all its ancestors), in lineage order. */
export function ancestryOf(graph: LineageGraph, models: Iterable<string>): Ancestry {
  const ranks = new Set<number>();
  for (const m of models) for (const r of ancestorRanks(graph, m)) ranks.add(r);
  return Int32Array.from(ranks).sort();
}

/** The model ids of an ancestry, in lineage order. */
export function idsOf(graph: LineageGraph, ancestry: Ancestry): string[] {
  const out = new Array<string>(ancestry.length);
  for (let i = 0; i < ancestry.length; i++) out[i] = graph.modelOrder[ancestry[i]!]!;
  return out;
}

/** Every ancestor of `model`, itself included, in lineage order. */
export function ancestors(graph: LineageGraph, model: string): string[] {
  return idsOf(graph, ancestorRanks(graph, model));
}

/** Sorts model ids into lineage order. */
export function byRank(graph: LineageGraph, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => graph.rank.get(a)! - graph.rank.get(b)!);
}

/**
 * The nearest of some common ancestors: those with no child that is also common (a common ancestor with a
 * common descendant has a common child: every model between them is an ancestor of both). Walks the parent
 * index up from each one (no step is read): a parent of a common one is not nearest.
 */
export function nearestOf(graph: LineageGraph, common: ReadonlySet<string>): string[] {
  const { parentStart, parentRanks } = graph.index;
  const notNearest = new Set<string>();
  for (const id of common) {
    const r = graph.rank.get(id)!;
    for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) notNearest.add(graph.modelOrder[parentRanks[j]!]!);
  }
  return byRank(
    graph,
    [...common].filter((id) => !notNearest.has(id)),
  );
}
