/** Iterative walks over the graph (no recursion), and lineage-order sorting. */
import type { LineageGraph } from "./build-graph.js";

const marks = new WeakMap<LineageGraph, { stamp: Int32Array; generation: number }>();

/** Every ancestor of `model`, itself included, in lineage order. Walks the compact parent index. */
export function ancestors(graph: LineageGraph, model: string): string[] {
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
  found.sort((a, b) => a - b);
  return found.map((r) => graph.modelOrder[r]!);
}

/** Sorts model ids into lineage order. */
export function byRank(graph: LineageGraph, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => graph.rank.get(a)! - graph.rank.get(b)!);
}
