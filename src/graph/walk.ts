/** Iterative walks over the graph: ancestors and descendants, no recursion. */
import type { LineageGraph } from "./build-graph.js";

/** Every ancestor of `model`, itself included, in lineage order. */
export function ancestors(graph: LineageGraph, model: string): string[] {
  const seen = new Set<string>([model]);
  const stack = [model];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const parent of graph.madeBy.get(id)?.from ?? []) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return byRank(graph, seen);
}

/** Every descendant of `model`, itself included, in lineage order. */
export function descendants(graph: LineageGraph, model: string): string[] {
  const seen = new Set<string>([model]);
  const stack = [model];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const step of graph.childSteps.get(id) ?? []) {
      if (!seen.has(step.to)) {
        seen.add(step.to);
        stack.push(step.to);
      }
    }
  }
  return byRank(graph, seen);
}

/** Sorts model ids into lineage order. */
export function byRank(graph: LineageGraph, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => graph.rank.get(a)! - graph.rank.get(b)!);
}
