/** Iterative walks over the graph (no recursion): ancestries, lineage-order sorting, nearest common ancestors. */
import type { LineageGraph } from "./build-graph.js";
import { cacheOf, withScratch } from "./cache.js";
import { idOfRank, rememberRank } from "./id-index.js";

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

/** Every model of the lineage as one ancestry (the scope of a fold over the whole lineage). */
export function wholeLineage(graph: LineageGraph): Ancestry {
  return Int32Array.from(graph.modelOrder.keys());
}

/** The model ids of an ancestry, in lineage order. */
export function idsOf(graph: LineageGraph, ancestry: Ancestry): string[] {
  const out = new Array<string>(ancestry.length);
  for (let i = 0; i < ancestry.length; i++) {
    const id = idOfRank(graph.rank, graph.modelOrder, ancestry[i]!);
    rememberRank(graph.rank, id, ancestry[i]!);
    out[i] = id;
  }
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
    for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++)
      notNearest.add(idOfRank(graph.rank, graph.modelOrder, parentRanks[j]!));
  }
  return byRank(
    graph,
    [...common].filter((id) => !notNearest.has(id)),
  );
}

/**
 * The children of every model by rank, compact: the children of the model at rank r are
 * `ranks[start[r] .. start[r + 1])`. The parent index turned round, in two passes over its arrays (no step
 * is read), made once per graph.
 */
function childIndex(graph: LineageGraph): { readonly start: Int32Array; readonly ranks: Int32Array } {
  const cache = cacheOf(graph);
  if (cache.children) return cache.children;
  const { parentStart, parentRanks } = graph.index;
  const n = graph.modelOrder.length;
  const start = new Int32Array(n + 1);
  for (let j = 0; j < parentRanks.length; j++) start[parentRanks[j]! + 1]!++;
  for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
  const ranks = new Int32Array(parentRanks.length);
  const next = start.slice(0, n);
  for (let r = 0; r < n; r++)
    for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) ranks[next[parentRanks[j]!]!++] = r;
  return (cache.children = { start, ranks });
}

/** What a descendant walk found: the models at each level below the start, and whether the depth cut any off. */
export interface DescendantLevels {
  /** `levels[0]` holds the children, `levels[d]` the models first reached d + 1 steps down; each model once, at its nearest level. */
  levels: string[][];
  /** True when `maxDepth` stopped the walk above some descendant. */
  cut: boolean;
}

/**
 * The descendants of `model`, level by level (breadth first), at most `maxDepth` levels down: a model
 * reached by several paths (a merge) counts once, at its nearest level. Time linear in the descendants
 * visited and their child links, after the child index is made (once per graph, linear in the models).
 */
export function descendantLevels(graph: LineageGraph, model: string, maxDepth = Infinity): DescendantLevels {
  const { start, ranks } = childIndex(graph);
  const root = graph.rank.get(model)!;
  return withScratch(graph, ({ stamp }, generation) => {
    stamp[root] = generation;
    const levels: string[][] = [];
    let frontier = [root];
    let cut = false;
    while (frontier.length > 0) {
      const next: number[] = [];
      for (const r of frontier) {
        for (let j = start[r]!; j < start[r + 1]!; j++) {
          const c = ranks[j]!;
          if (stamp[c] !== generation) {
            stamp[c] = generation;
            next.push(c);
          }
        }
      }
      if (next.length === 0) break;
      if (levels.length >= maxDepth) {
        cut = true;
        break;
      }
      levels.push(
        next.map((r) => {
          const id = idOfRank(graph.rank, graph.modelOrder, r);
          rememberRank(graph.rank, id, r);
          return id;
        }),
      );
      frontier = next;
    }
    return { levels, cut };
  });
}
