/** The lineage as an immutable graph, built once and indexed both ways. */
import type { AbilityEntry, ClaimEntry, LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import { CONFIDENCE_LEVELS, EFFECTS } from "../vocabulary.js";
import { lineageOrder } from "../load/lineage-order.js";

/** One claim together with the step that makes it (as read from the file, or as applied on a path). */
export interface StepClaim {
  step: StepEntry;
  claim: ClaimEntry;
}

/** What a name (id or alias, any case) refers to. */
export interface NameTarget {
  kind: "model" | "ability";
  id: string;
}

/**
 * The compact index arrays the walks, the fold and the presence pass run on. They are private to src/graph:
 * queries ask the graph's functions (walk, fold, presence, names), never read these.
 */
export interface GraphIndex {
  /** Parents by rank, compact: the parents of the model at rank r are `parentRanks[parentStart[r] .. parentStart[r + 1])`. */
  readonly parentStart: Int32Array;
  readonly parentRanks: Int32Array;
  /** By rank: the confidence level (an index into CONFIDENCE_LEVELS, 0 the surest) of the step that makes the model; 0 for a root. */
  readonly stepConfidence: Uint8Array;
  /**
   * Every claim by ability, compact: the claims about the ability at index a are positions
   * `claimStart[a] .. claimStart[a + 1]`, in file order (as `claimsByAbility`); each with the rank of the model
   * its step makes, its effect (an index into EFFECTS) and its index in the step's claims.
   */
  readonly claimStart: Int32Array;
  readonly claimRank: Int32Array;
  readonly claimEffect: Uint8Array;
  readonly claimIndex: Int32Array;
}

/**
 * The read-only lineage every query works on, in the domain's words: the models in lineage order, the step
 * that made each (its parents are the step's `from`), the steps each model is a parent in (its children),
 * the claims about each ability, and the names. "Rank" means only a model's position in lineage order.
 */
export interface LineageGraph {
  readonly title: string;
  readonly lineage: LineageFile;
  /** Model ids in lineage order: parents before children, ties in file order. */
  readonly modelOrder: readonly string[];
  /** Ability ids in file order. */
  readonly abilityOrder: readonly string[];
  readonly models: ReadonlyMap<string, ModelEntry>;
  readonly abilities: ReadonlyMap<string, AbilityEntry>;
  readonly sources: ReadonlyMap<string, SourceEntry>;
  readonly steps: readonly StepEntry[];
  /** The step that makes each model. */
  readonly madeBy: ReadonlyMap<string, StepEntry>;
  /** The steps each model is a parent in. */
  readonly childSteps: ReadonlyMap<string, readonly StepEntry[]>;
  /** Every claim about each ability, in file order. */
  readonly claimsByAbility: ReadonlyMap<string, readonly StepClaim[]>;
  /** Position of each model in `modelOrder` (its lineage rank). */
  readonly rank: ReadonlyMap<string, number>;
  /** Lower-cased ids and aliases of models and abilities. */
  readonly names: ReadonlyMap<string, NameTarget>;
  /** For each ability, the models that record lacking it. */
  readonly lacking: ReadonlyMap<string, ReadonlySet<string>>;
  /** Position of each ability in `abilityOrder`. */
  readonly abilityIndex: ReadonlyMap<string, number>;
  /** The compact index arrays: for src/graph only. */
  readonly index: GraphIndex;
}

/** The compact claim index (`claimStart` ... `claimIndex`): two passes over the steps, in file order. */
function claimTable(
  steps: readonly StepEntry[],
  abilityIndex: ReadonlyMap<string, number>,
  rank: ReadonlyMap<string, number>,
): Pick<GraphIndex, "claimStart" | "claimRank" | "claimEffect" | "claimIndex"> {
  const abilities = abilityIndex.size;
  const claimStart = new Int32Array(abilities + 1);
  for (const step of steps) {
    for (const claim of step.claims) {
      const a = abilityIndex.get(claim.ability);
      if (a !== undefined) claimStart[a + 1]!++;
    }
  }
  for (let a = 0; a < abilities; a++) claimStart[a + 1]! += claimStart[a]!;
  const total = claimStart[abilities]!;
  const claimRank = new Int32Array(total);
  const claimEffect = new Uint8Array(total);
  const claimIndex = new Int32Array(total);
  const next = claimStart.slice(0, abilities);
  for (const step of steps) {
    const r = rank.get(step.to)!;
    step.claims.forEach((claim, i) => {
      const a = abilityIndex.get(claim.ability);
      if (a === undefined) return;
      const at = next[a]!++;
      claimRank[at] = r;
      claimEffect[at] = EFFECTS.indexOf(claim.effect);
      claimIndex[at] = i;
    });
  }
  return { claimStart, claimRank, claimEffect, claimIndex };
}

/** Aliases of the entries of a record that have any, in file order. */
export type AliasList = readonly (readonly [id: string, aliases: readonly string[]])[];

/**
 * The name index: lower-cased ids, then aliases (models before abilities); the first to claim a
 * lower-cased name keeps it.
 */
export function nameIndex(
  modelIds: Iterable<string>,
  abilityIds: Iterable<string>,
  modelAliases: AliasList,
  abilityAliases: AliasList,
): Map<string, NameTarget> {
  const names = new Map<string, NameTarget>();
  const name = (text: string, target: NameTarget) => {
    const key = text.toLowerCase();
    if (!names.has(key)) names.set(key, target);
  };
  for (const id of modelIds) name(id, { kind: "model", id });
  for (const id of abilityIds) name(id, { kind: "ability", id });
  for (const [id, aliases] of modelAliases) for (const a of aliases) name(a, { kind: "model", id });
  for (const [id, aliases] of abilityAliases) for (const a of aliases) name(a, { kind: "ability", id });
  return names;
}

/** The models that record lacking each ability, in file order. */
export function lackingIndex(models: Iterable<readonly [string, ModelEntry]>): Map<string, Set<string>> {
  const lacking = new Map<string, Set<string>>();
  for (const [id, model] of models) {
    for (const lack of model.lacks ?? []) {
      const set = lacking.get(lack.ability);
      if (set) set.add(id);
      else lacking.set(lack.ability, new Set([id]));
    }
  }
  return lacking;
}

/** The aliases of a record's entries that have any, in file order. */
export function aliasesOf(
  entries: Iterable<readonly [string, { aliases?: readonly string[] }]>,
): [string, readonly string[]][] {
  const out: [string, readonly string[]][] = [];
  for (const [id, entry] of entries) if (entry.aliases?.length) out.push([id, entry.aliases]);
  return out;
}

/** A value made on first use, then kept. */
function once<T extends object>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** The distinct ids of a list, first occurrence first (the list itself when it has fewer than two). */
function distinct(ids: readonly string[]): readonly string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}

/**
 * Builds the graph from a validated lineage (acyclic, references resolved). `order`, when given, is the
 * lineage order computed before (from the cache) and is used instead of sorting again.
 */
export function buildGraph(lineage: LineageFile, order?: readonly string[]): LineageGraph {
  const models = new Map(Object.entries(lineage.models));
  const abilities = new Map(Object.entries(lineage.abilities));
  const sources = new Map(Object.entries(lineage.sources));
  const madeBy = new Map<string, StepEntry>();
  for (const step of lineage.steps) madeBy.set(step.to, step);
  // Indexes few queries read are made on first use (a large lineage's first query pays for what it reads).
  const childSteps = once(() => {
    const map = new Map<string, StepEntry[]>();
    for (const step of lineage.steps) {
      for (const parent of distinct(step.from)) {
        const list = map.get(parent);
        if (list) list.push(step);
        else map.set(parent, [step]);
      }
    }
    return map;
  });
  const claimsByAbility = once(() => {
    const map = new Map<string, StepClaim[]>();
    for (const step of lineage.steps) {
      for (const claim of step.claims) {
        const list = map.get(claim.ability);
        if (list) list.push({ step, claim });
        else map.set(claim.ability, [{ step, claim }]);
      }
    }
    return map;
  });
  const names = once(() => nameIndex(models.keys(), abilities.keys(), aliasesOf(models), aliasesOf(abilities)));
  const modelOrder =
    order && order.length === models.size ? [...order] : lineageOrder([...models.keys()], (id) => madeBy.get(id)?.from);
  const rank = new Map(modelOrder.map((id, i) => [id, i]));
  const parentStart = new Int32Array(modelOrder.length + 1);
  const parentsOf = modelOrder.map((id, i) => {
    const parents = distinct(madeBy.get(id)?.from ?? []);
    parentStart[i + 1] = parentStart[i]! + parents.length;
    return parents;
  });
  const parentRanks = new Int32Array(parentStart[modelOrder.length]!);
  parentsOf.forEach((parents, i) =>
    parents.forEach((parent, k) => (parentRanks[parentStart[i]! + k] = rank.get(parent)!)),
  );
  const stepConfidence = new Uint8Array(modelOrder.length);
  modelOrder.forEach((id, i) => {
    const step = madeBy.get(id);
    if (step) stepConfidence[i] = CONFIDENCE_LEVELS.indexOf(step.confidence);
  });
  const abilityOrder = [...abilities.keys()];
  const abilityIndex = new Map(abilityOrder.map((id, i) => [id, i]));
  return Object.freeze({
    title: lineage.title,
    lineage,
    modelOrder,
    abilityOrder,
    models,
    abilities,
    sources,
    steps: lineage.steps,
    madeBy,
    get childSteps() {
      return childSteps();
    },
    get claimsByAbility() {
      return claimsByAbility();
    },
    rank,
    get names() {
      return names();
    },
    lacking: lackingIndex(models),
    abilityIndex,
    index: Object.freeze({
      parentStart,
      parentRanks,
      stepConfidence,
      ...claimTable(lineage.steps, abilityIndex, rank),
    }),
  });
}
