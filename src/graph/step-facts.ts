/**
 * What the step that made a model says of the making, in brief: its kind, label, confidence, the relation it
 * makes the model in (`relationOf`) and, when known unread, its id; the models made from a model, in the
 * steps' file order; and a model's name when it is its id. A graph opened from its compact form answers from
 * its index (`CompactSteps`, which lazy-graph.ts registers), parsing no entry: a tree or a count of a hub
 * base's 44,000 descendants read every one's step only for these. Any other graph answers from its steps.
 */
import type { LineageGraph } from "./build-graph.js";
import type { StepEntry } from "../schema.js";
import { CONFIDENCE_LEVELS, type Confidence } from "../vocabulary.js";

/** A model's making in brief: the fields of its step a tree line or a count by relation shows. */
export interface MadeHow {
  kind: string;
  label: string | undefined;
  confidence: Confidence;
  /** The relation the step makes its model in (`relationOf`). */
  relation: string;
  /** The step's id, when known without reading the step (a compact graph knows it when it is a kept prefix and the model's id). */
  step: string | undefined;
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

/** A step's making in brief. */
function howOf(step: StepEntry): MadeHow {
  return { kind: step.kind, label: step.label, confidence: step.confidence, relation: relationOf(step), step: step.id };
}

/**
 * The most distinct makings (kind, relation, label, step id prefix) a compact lineage keeps in its table; the
 * steps of any past them are read from their texts. A hub dump has a handful; a lineage written by hand, about
 * a label a step.
 */
export const MAX_HOWS = 4096;
/** In the `stepHow` column: the model has no making step. */
export const NO_STEP = -1;
/** In the `stepHow` column: the model's making is past the table (its step is read). */
export const NOT_KEPT = -2;

/**
 * A kept making: [kind, relation, label or null, the step id's prefix or null]. The prefix is what a step's
 * id is made of before its model's id (`hf:` for every step of an imported hub dump), null when it is not so.
 */
export type HowEntry = [string, string, string | null, string | null];

/** Past this many kept makings, a making is found in nested maps of its parts; before, by comparing them. */
const FEW_HOWS = 16;

/** The kept makings by kind, relation, label and prefix (no string key made per step: a label may be any text). */
type HowIndex = Map<string, Map<string, Map<string | null, Map<string | null, number>>>>;

/** The index in `index` of a making, or -1. */
function findHow(index: HowIndex, kind: string, relation: string, label: string | null, prefix: string | null): number {
  return index.get(kind)?.get(relation)?.get(label)?.get(prefix) ?? -1;
}

/** Records a making's index in `index`. */
function keepHow(index: HowIndex, [kind, relation, label, prefix]: HowEntry, h: number): void {
  let byRelation = index.get(kind);
  if (!byRelation) index.set(kind, (byRelation = new Map<string, Map<string | null, Map<string | null, number>>>()));
  let byLabel = byRelation.get(relation);
  if (!byLabel) byRelation.set(relation, (byLabel = new Map<string | null, Map<string | null, number>>()));
  let byPrefix = byLabel.get(label);
  if (!byPrefix) byLabel.set(label, (byPrefix = new Map<string | null, number>()));
  byPrefix.set(prefix, h);
}

/**
 * The making column of a lineage's steps, by rank (indexes into `hows`), as its compact form keeps it;
 * `madeBy` is the index of the step that makes the model at each rank, or -1. One pass (a first load of a
 * million-model dump makes it once): a step id's prefix is the last one found when it fits, and a making is
 * one of the few kept so far, compared field by field, or found in the index of its parts.
 */
export function howColumn(steps: readonly StepEntry[], madeBy: Int32Array): { stepHow: Int32Array; hows: HowEntry[] } {
  const stepHow = new Int32Array(madeBy.length).fill(NO_STEP);
  const hows: HowEntry[] = [];
  const index: HowIndex = new Map();
  let prefix: string | null = null;
  for (let r = 0; r < madeBy.length; r++) {
    if (madeBy[r]! < 0) continue;
    const step = steps[madeBy[r]!]!;
    const { id, to, kind } = step;
    const label = step.label ?? null;
    const relation = relationOf(step);
    if (prefix === null || id.length !== prefix.length + to.length || !id.startsWith(prefix) || !id.endsWith(to))
      prefix = id.endsWith(to) ? id.slice(0, id.length - to.length) : null;
    let h = -1;
    if (hows.length <= FEW_HOWS) {
      for (let k = 0; k < hows.length; k++) {
        const e = hows[k]!;
        if (e[0] === kind && e[1] === relation && e[2] === label && e[3] === prefix) {
          h = k;
          break;
        }
      }
    } else h = findHow(index, kind, relation, label, prefix);
    if (h < 0 && hows.length < MAX_HOWS) {
      h = hows.length;
      const entry: HowEntry = [kind, relation, label, prefix];
      hows.push(entry);
      keepHow(index, entry, h);
    }
    stepHow[r] = h < 0 ? NOT_KEPT : h;
  }
  return { stepHow, hows };
}

/** What a compact graph answers from its index (lazy-graph.ts). */
export interface CompactSteps {
  /** The making of the model at a rank, or null for a root; undefined when the index does not keep it. */
  how(rank: number): MadeHow | null | undefined;
  /** The ids of the models made from the model at a rank, in the file order of their steps. */
  childIds(rank: number): string[];
  /** Whether the model at a rank has its id for its name (as every model of a hub dump). */
  namedById(rank: number): boolean;
}

const compact = new WeakMap<LineageGraph, CompactSteps>();

/** Notes what a compact graph answers from its index. */
export function registerCompactSteps(graph: LineageGraph, steps: CompactSteps): void {
  compact.set(graph, steps);
}

/** The making of model `model` by the table entry `entry` with the step confidence `level`, or undefined if either is not one. */
export function howFrom(entry: HowEntry | undefined, level: number, model: string): MadeHow | undefined {
  const confidence = CONFIDENCE_LEVELS[level];
  if (!entry || confidence === undefined) return undefined;
  const [kind, relation, label, prefix] = entry;
  return {
    kind,
    label: label ?? undefined,
    confidence,
    relation,
    step: typeof prefix === "string" ? prefix + model : undefined,
  };
}

/** How `model` was made (null for a root), from the index when the graph keeps it there, else from its step. */
export function madeHow(graph: LineageGraph, model: string): MadeHow | null {
  const steps = compact.get(graph);
  if (steps) {
    const r = graph.rank.get(model);
    if (r === undefined) return null;
    const how = steps.how(r);
    if (how !== undefined) return how;
  }
  const step = graph.madeBy.get(model);
  return step ? howOf(step) : null;
}

/** The models made from `model`, in the file order of their steps (each once): `childSteps`' models, no step read when the index has them. */
export function childModels(graph: LineageGraph, model: string): string[] {
  const steps = compact.get(graph);
  if (steps) {
    const r = graph.rank.get(model);
    return r === undefined ? [] : steps.childIds(r);
  }
  return (graph.childSteps.get(model) ?? []).map((step) => step.to);
}

/** A model's name when the graph knows it without reading the model's entry (a compact graph: when it is the id); else undefined. */
export function knownName(graph: LineageGraph, model: string): string | undefined {
  const steps = compact.get(graph);
  if (!steps) return undefined;
  const r = graph.rank.get(model);
  return r !== undefined && steps.namedById(r) ? model : undefined;
}
