/** The lineage as an immutable graph, built once and indexed both ways. */
import type { AbilityEntry, ClaimEntry, LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import { CONFIDENCE_LEVELS, EFFECTS } from "../vocabulary.js";
import { nameKey } from "../name-key.js";
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
  /** Ids and aliases of models and abilities, by their name key (nameKey: case, normalisation and invisible characters ignored). */
  readonly names: ReadonlyMap<string, NameTarget>;
  /** For each ability, the models that record lacking it. */
  readonly lacking: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * The models whose making step has alternative parentages, when a stored lineage knows them without
   * reading its steps; undefined: ask each model's step.
   */
  readonly alternativeMakers?: ReadonlySet<string>;
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
    const claims = step.claims;
    if (claims.length === 0) continue;
    const r = rank.get(step.to)!;
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i]!;
      const a = abilityIndex.get(claim.ability);
      if (a === undefined) continue;
      const at = next[a]!++;
      claimRank[at] = r;
      claimEffect[at] = EFFECTS.indexOf(claim.effect);
      claimIndex[at] = i;
    }
  }
  return { claimStart, claimRank, claimEffect, claimIndex };
}

/** Aliases of the entries of a record that have any, in file order. */
export type AliasList = readonly (readonly [id: string, aliases: readonly string[]])[];

/**
 * The name index: ids, then aliases (models before abilities), by their name key (case, Unicode
 * normalisation and invisible characters ignored, as the uniqueness rule compares names); the first to
 * claim a key keeps it.
 */
export function nameIndex(
  modelIds: Iterable<string>,
  abilityIds: Iterable<string>,
  modelAliases: AliasList,
  abilityAliases: AliasList,
): Map<string, NameTarget> {
  const names = new Map<string, NameTarget>();
  const name = (text: string, target: NameTarget) => {
    const key = nameKey(text);
    if (!names.has(key)) names.set(key, target);
  };
  for (const id of modelIds) name(id, { kind: "model", id });
  for (const id of abilityIds) name(id, { kind: "ability", id });
  for (const [id, aliases] of modelAliases) for (const a of aliases) name(a, { kind: "model", id });
  for (const [id, aliases] of abilityAliases) for (const a of aliases) name(a, { kind: "ability", id });
  return names;
}

/** Models by id: a Map, or a record (its keys and a lookup each, not `Object.entries`, which is several times slower on a record of a million keys). */
type ModelsById = ReadonlyMap<string, ModelEntry> | Readonly<Record<string, ModelEntry>>;

/**
 * Calls `each` with every id and entry of a Map or a record, in order. A Map is walked, not looked up id by
 * id: on a million models each `get` misses the processor's caches (about 300 ns), its walk costs 15 ms.
 */
function forEachEntry<T>(
  entries: ReadonlyMap<string, T> | Readonly<Record<string, T>>,
  each: (entry: T, id: string) => void,
): void {
  if (entries instanceof Map) (entries as ReadonlyMap<string, T>).forEach(each);
  else for (const id of Object.keys(entries)) each((entries as Record<string, T>)[id]!, id);
}

/** The models that record lacking each ability, in file order. */
export function lackingIndex(models: ModelsById): Map<string, Set<string>> {
  const lacking = new Map<string, Set<string>>();
  forEachEntry(models, (model, id) => {
    if (model.lacks === undefined) return;
    for (const lack of model.lacks) {
      const set = lacking.get(lack.ability);
      if (set) set.add(id);
      else lacking.set(lack.ability, new Set([id]));
    }
  });
  return lacking;
}

/** The aliases of a Map's or a record's entries that have any, in file order. */
export function aliasesOf(
  entries:
    ReadonlyMap<string, { aliases?: readonly string[] }> | Readonly<Record<string, { aliases?: readonly string[] }>>,
): [string, readonly string[]][] {
  const out: [string, readonly string[]][] = [];
  forEachEntry(entries, (entry, id) => {
    if (entry.aliases?.length) out.push([id, entry.aliases]);
  });
  return out;
}

/** A record as a Map, in the record's order (keys and lookups: see `ModelsById`). */
function mapOf<T>(record: Readonly<Record<string, T>>): Map<string, T> {
  const map = new Map<string, T>();
  for (const id of Object.keys(record)) map.set(id, record[id]!);
  return map;
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
  const models = mapOf(lineage.models);
  const abilities = mapOf(lineage.abilities);
  const sources = mapOf(lineage.sources);
  const madeBy = new Map<string, StepEntry>();
  const steps = lineage.steps;
  for (let i = 0; i < steps.length; i++) madeBy.set(steps[i]!.to, steps[i]!);
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
  const count = modelOrder.length;
  const rank = new Map<string, number>();
  for (let i = 0; i < count; i++) rank.set(modelOrder[i]!, i);
  // One pass for the parent counts and confidences, one for the parents' ranks: no list per model.
  const parentStart = new Int32Array(count + 1);
  const stepConfidence = new Uint8Array(count);
  // Each model's step by rank, from the steps (as madeBy: the last one for a model): a hub's million models
  // have 300,000 steps, and a lookup by id misses the caches.
  const madeOf: (StepEntry | undefined)[] = new Array<StepEntry | undefined>(count);
  for (let i = 0; i < steps.length; i++) {
    const r = rank.get(steps[i]!.to);
    if (r !== undefined) madeOf[r] = steps[i];
  }
  for (let i = 0; i < count; i++) {
    const step = madeOf[i];
    parentStart[i + 1] = parentStart[i]! + (step ? distinct(step.from).length : 0);
    if (step) stepConfidence[i] = CONFIDENCE_LEVELS.indexOf(step.confidence);
  }
  const parentRanks = new Int32Array(parentStart[count]!);
  for (let i = 0; i < count; i++) {
    const step = madeOf[i];
    if (step === undefined) continue;
    const from = step.from;
    const parents = from.length < 2 ? from : distinct(from);
    let at = parentStart[i]!;
    for (let k = 0; k < parents.length; k++) parentRanks[at++] = rank.get(parents[k]!)!;
  }
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
