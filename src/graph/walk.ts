/** Iterative walks over the graph (no recursion), and lineage-order sorting. */
import type { LineageGraph } from "./build-graph.js";

const marks = new WeakMap<LineageGraph, { stamp: Int32Array; generation: number }>();

/** The ranks of every ancestor of `model`, itself included, ascending (lineage order). Walks the compact parent index. */
export function ancestorRanks(graph: LineageGraph, model: string): Int32Array {
  let mark = marks.get(graph);
  if (!mark) marks.set(graph, (mark = { stamp: new Int32Array(graph.modelOrder.length), generation: 0 }));
  const generation = ++mark.generation;
  const { stamp } = mark;
  const { parentStart, parentRanks } = graph;
  const start = graph.rank.get(model)!;
  stamp[start] = generation;
  const found = [start];
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
  // A typed array sorts numbers without a comparator.
  return Int32Array.from(found).sort();
}

/** Every ancestor of `model`, itself included, in lineage order. */
export function ancestors(graph: LineageGraph, model: string): string[] {
  const ranks = ancestorRanks(graph, model);
  const out = new Array<string>(ranks.length);
  for (let i = 0; i < ranks.length; i++) out[i] = graph.modelOrder[ranks[i]!]!;
  return out;
}

/** Sorts model ids into lineage order. */
export function byRank(graph: LineageGraph, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => graph.rank.get(a)! - graph.rank.get(b)!);
}
