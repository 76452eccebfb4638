/** descendants: how many models descend from a model, by the relation of the step that made each, and how deep. */
import { SCHEMA_VERSION, STEP_KINDS } from "../vocabulary.js";
import type { DescendantsResult } from "../contract.js";
import { descendantLevels, type LineageGraph, resolve } from "../graph/index.js";
import type { StepEntry } from "../schema.js";

/** What to count: the descendants of `model`, at most `depth` levels down (all when absent). */
export interface DescendantsArgs {
  model: string;
  depth?: number;
}

/** How `import hf` labels a step whose card declared no relation (the Hub infers one; captrace records that). */
const UNSPECIFIED_LABEL = /^relation unspecified\b/i;

/**
 * The relation a step makes its model in: its kind (any kebab-case kind a lineage uses), except fine-tuning
 * whose method is an adapter (`import hf` records the Hub's `adapter` so: format 1 has no kind of its own for
 * it), and `unspecified` where the step's label says the card declared none.
 */
export function relationOf(step: Pick<StepEntry, "kind" | "method" | "label">): string {
  if (step.label !== undefined && UNSPECIFIED_LABEL.test(step.label)) return "unspecified";
  if (step.kind === "fine-tuning" && step.method?.trim().toLowerCase() === "adapter") return "adapter";
  return step.kind;
}

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
 * children and all levels apart, and the count per level. Reads only the step that made each descendant.
 * Throws UnknownNameError (with a suggestion) for an unknown name.
 */
export function descendants(graph: LineageGraph, args: DescendantsArgs): DescendantsResult {
  const model = resolve(graph, "model", args.model);
  const { levels, cut } = descendantLevels(graph, model, args.depth ?? Infinity);
  const relations = new Counts();
  const unspecified = new Counts();
  levels.forEach((level, d) => {
    for (const id of level) {
      const step = graph.madeBy.get(id)!;
      const relation = relationOf(step);
      relations.add(relation, d === 0);
      if (relation === "unspecified") unspecified.add(step.kind, d === 0);
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
