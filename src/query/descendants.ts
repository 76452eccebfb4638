/** descendants: how many models descend from a model, by the relation of the step that made each, and how deep. */
import { SCHEMA_VERSION, STEP_KINDS } from "../vocabulary.js";
import type { DescendantsResult } from "../contract.js";
import { descendantLevels, madeHow, type LineageGraph, resolve } from "../graph/index.js";

/** What to count: the descendants of `model`, at most `depth` levels down (all when absent). */
export interface DescendantsArgs {
  model: string;
  depth?: number;
}

// The relation a step makes its model in is the graph's (a compact graph keeps it in its index): re-exported.
export { relationOf } from "../graph/index.js";

/** The documented kinds first (in the vocabulary's order), then adapter, unspecified, then a lineage's own: ties sort so. */
const KIND_ORDER = new Map([...Object.keys(STEP_KINDS), "adapter", "unspecified"].map((k, i) => [k, i]));

/** Children and all levels, counted by a key. */
class Counts {
  readonly byKey = new Map<string, { direct: number; all: number }>();
  add(key: string, direct: boolean): void {
    let count = this.byKey.get(key);
    if (!count) this.byKey.set(key, (count = { direct: 0, all: 0 }));
    count.all++;
    if (direct) count.direct++;
  }
  /** Most first; ties in the vocabulary's order, then by name. */
  sorted(): [string, { direct: number; all: number }][] {
    const rank = (r: string) => KIND_ORDER.get(r) ?? KIND_ORDER.size;
    return [...this.byKey].sort(([a, x], [b, y]) => y.all - x.all || rank(a) - rank(b) || (a < b ? -1 : 1));
  }
}

/**
 * Answers `descendants MODEL`: every model below it counted once (at its nearest level), by relation, with
 * children and all levels apart, and the count per level. Reads no step where the graph's index keeps each one's making (a compact graph).
 * Throws UnknownNameError (with a suggestion) for an unknown name.
 */
export function descendants(graph: LineageGraph, args: DescendantsArgs): DescendantsResult {
  const model = resolve(graph, "model", args.model);
  const { levels, cut } = descendantLevels(graph, model, args.depth ?? Infinity);
  const relations = new Counts();
  const unspecified = new Counts();
  levels.forEach((level, d) => {
    for (const id of level) {
      const { relation, kind } = madeHow(graph, id)!;
      relations.add(relation, d === 0);
      if (relation === "unspecified") unspecified.add(kind, d === 0);
    }
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    model,
    name: graph.models.get(model)!.name,
    maxDepth: args.depth ?? null,
    total: levels.reduce((n, level) => n + level.length, 0),
    direct: levels[0]?.length ?? 0,
    deepest: levels.length,
    cut,
    relations: relations.sorted().map(([relation, n]) => ({ relation, ...n })),
    unspecified: unspecified.sorted().map(([readAs, n]) => ({ readAs, ...n })),
    byDepth: levels.map((level, d) => ({ depth: d + 1, count: level.length })),
  };
}
