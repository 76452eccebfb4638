/**
 * The lineage graph over a compact lineage: the same interface as `buildGraph`'s, but an entry (a model,
 * a step, an ability, a source) is parsed only when a query first reads it, and kept. Reading a whole
 * record (iterating a map, `steps`, `lineage`) parses all of it once.
 */
import type { CompactLineage, RecordKind } from "./compact.js";
import type { AbilityEntry, LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import { nameIndex, type LineageGraph, type NameTarget, type StepClaim } from "./build-graph.js";
import { IdIndex, lazyOrder } from "./id-index.js";
import { howFrom, NO_STEP, registerCompactSteps, type MadeHow } from "./step-facts.js";

/** A read-only map whose values are made on first read, by key index. */
class LazyMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly keyList: () => readonly string[],
    private readonly lookup: (key: string) => V | undefined,
    /** Whether a key is present, from the index arrays (no entry parsed); by default, whether it has a value. */
    private readonly contains: (key: string) => boolean = (key) => lookup(key) !== undefined,
  ) {}
  get(key: string): V | undefined {
    return this.lookup(key);
  }
  has(key: string): boolean {
    return this.contains(key);
  }
  get size(): number {
    return this.keyList().length;
  }
  *entries(): MapIterator<[string, V]> {
    for (const key of this.keyList()) yield [key, this.lookup(key)!];
  }
  *keys(): MapIterator<string> {
    yield* this.keyList();
  }
  *values(): MapIterator<V> {
    for (const key of this.keyList()) yield this.lookup(key)!;
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
}

/** Parses entries of one record kind on first read, and keeps them. */
function entries<T>(compact: CompactLineage, kind: RecordKind, count: number): (index: number) => T {
  const parsed: (T | undefined)[] = new Array<T | undefined>(count);
  return (index) => (parsed[index] ??= compact.entry(kind, index) as T);
}

/**
 * Steps, parsed on first read and kept; a step's claims, most of its bytes, are parsed only when first
 * read too (`claims` is a getter, enumerable like any field). A step the claim index holds no claim of
 * (every claim of a valid lineage is there: its ability exists) has none: `[]`, read from nowhere, and a
 * plain field (most steps of a hub dump; a getter made each first read of one cost twice as much).
 */
function steps(compact: CompactLineage, count: number): (index: number) => StepEntry {
  const parsed: (StepEntry | undefined)[] = new Array<StepEntry | undefined>(count);
  let claimed: Uint8Array | undefined;
  const hasClaims = (index: number) => {
    if (!claimed) {
      claimed = new Uint8Array(count);
      const { claimRank, madeBy } = compact;
      for (let j = 0; j < claimRank.length; j++) claimed[madeBy[claimRank[j]!]!] = 1;
    }
    return claimed[index] === 1;
  };
  return (index) => {
    let step = parsed[index];
    if (step) return step;
    step = compact.entry("steps", index) as StepEntry;
    if (!hasClaims(index)) {
      step.claims = [];
      return (parsed[index] = step);
    }
    let claims: StepEntry["claims"] | undefined;
    Object.defineProperty(step, "claims", {
      enumerable: true,
      get: () => (claims ??= compact.entry("claims", index) as StepEntry["claims"]),
    });
    return (parsed[index] = step);
  };
}

/** A record (id → entry) with a null prototype, so that ids such as `__proto__` stay ordinary keys. */
function record<T>(ids: readonly string[], at: (index: number) => T): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  ids.forEach((id, i) => (out[id] = at(i)));
  return out;
}

/**
 * The graph of a compact lineage. Cheap to open: the ids in lineage order and the index arrays; the index of
 * ids (`rank`), the children and the names are made when a query first needs them.
 */
export function lazyGraph(compact: CompactLineage): LineageGraph {
  const {
    header,
    rankOfModel,
    madeBy: madeByRank,
    claimStart,
    claimIndex,
    claimRank,
    claimEffect,
    parentStart,
    parentRanks,
  } = compact;
  const { abilityIds, sourceIds } = header;
  const { modelIds } = compact;
  const n = modelIds.length;
  // Model ids are made one by one when asked for (a tree of a hub base's 40,000 descendants asks for those),
  // and as a list in lineage order only when a query uses the order whole.
  const fileOfRank = new Int32Array(n);
  for (let i = 0; i < n; i++) fileOfRank[rankOfModel[i]!] = i;
  const idOf = (r: number) => modelIds.at(fileOfRank[r]!);
  let order: string[] | undefined;
  const wholeOrder = (): readonly string[] => {
    if (order) return order;
    const all = modelIds.all();
    order = new Array<string>(n);
    for (let i = 0; i < n; i++) order[rankOfModel[i]!] = all[i]!;
    return order;
  };
  const modelOrder = lazyOrder(n, idOf, wholeOrder);
  const rank = new IdIndex(modelIds, (i) => rankOfModel[i]!, modelOrder, idOf);
  const abilityIndex = new Map(abilityIds.map((id, i) => [id, i]));
  const sourceIndex = new Map(sourceIds.map((id, i) => [id, i]));
  const { stepCount } = compact;
  const model = entries<ModelEntry>(compact, "models", n);
  const step = steps(compact, stepCount);
  const ability = entries<AbilityEntry>(compact, "abilities", abilityIds.length);
  const source = entries<SourceEntry>(compact, "sources", sourceIds.length);
  const byIndex =
    <T>(index: ReadonlyMap<string, number>, at: (i: number) => T) =>
    (id: string) => {
      const i = index.get(id);
      return i === undefined ? undefined : at(i);
    };
  const models = new LazyMap<ModelEntry>(
    () => modelIds.all(),
    (id) => {
      const r = rank.get(id);
      return r === undefined ? undefined : model(fileOfRank[r]!);
    },
    (id) => rank.has(id),
  );
  let stepList: StepEntry[] | undefined;
  const allSteps = () => (stepList ??= Array.from({ length: stepCount }, (_, i) => step(i)));
  const madeBy = new LazyMap<StepEntry>(
    () => allSteps().map((s) => s.to),
    (id) => {
      const r = rank.get(id);
      return r === undefined || madeByRank[r]! < 0 ? undefined : step(madeByRank[r]!);
    },
    (id) => {
      const r = rank.get(id);
      return r !== undefined && madeByRank[r]! >= 0;
    },
  );
  // Child steps: the steps each model is a parent in, in file order. The reverse index (of step indexes, by
  // the parent's rank, from the index arrays: typed arrays, no Map) is made on first read; a model's steps
  // are parsed when it is asked for.
  let children: { start: Int32Array; steps: Int32Array; stepTo: Int32Array } | undefined;
  const childIndex = () => {
    if (children) return children;
    const stepTo = new Int32Array(stepCount);
    for (let r = 0; r < n; r++) if (madeByRank[r]! >= 0) stepTo[madeByRank[r]!] = r;
    const start = new Int32Array(n + 1);
    for (let j = 0; j < parentRanks.length; j++) start[parentRanks[j]! + 1]!++;
    for (let r = 0; r < n; r++) start[r + 1]! += start[r]!;
    const next = start.slice(0, n);
    const list = new Int32Array(parentRanks.length);
    for (let s = 0; s < stepCount; s++) {
      const r = stepTo[s]!;
      for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) list[next[parentRanks[j]!]!++] = s;
    }
    return (children = { start, steps: list, stepTo });
  };
  // The models with children, in the order each is first a parent in (steps in file order), made on first iteration.
  let parents: string[] | undefined;
  const parentIds = () => {
    if (parents) return parents;
    const { stepTo } = childIndex();
    const seen = new Uint8Array(n);
    parents = [];
    for (let s = 0; s < stepCount; s++) {
      const r = stepTo[s]!;
      for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) {
        const p = parentRanks[j]!;
        if (seen[p] === 0) {
          seen[p] = 1;
          parents.push(idOf(p));
        }
      }
    }
    return parents;
  };
  const childLists = new Map<number, StepEntry[]>();
  const childSteps = new LazyMap<readonly StepEntry[]>(
    parentIds,
    (id) => {
      const r = rank.get(id);
      if (r === undefined) return undefined;
      let list = childLists.get(r);
      if (!list) {
        const { start, steps: indexes } = childIndex();
        if (start[r] === start[r + 1]) return undefined;
        list = [];
        const { stepTo } = childIndex();
        for (let j = start[r]!; j < start[r + 1]!; j++) {
          const s = step(indexes[j]!);
          rank.remember(s.to, stepTo[indexes[j]!]!); // its model is asked for next, as a rule
          list.push(s);
        }
        childLists.set(r, list);
      }
      return list;
    },
    (id) => {
      const r = rank.get(id);
      return r !== undefined && childIndex().start[r]! < childIndex().start[r + 1]!;
    },
  );
  // Each model's making, and whether its name is its id, from the index (step-facts.ts).
  const { stepHow, stepConfidence } = compact;
  const hows = header.hows;
  const how = (r: number): MadeHow | null | undefined => {
    if (madeByRank[r]! < 0) return null;
    const h = stepHow[r]!;
    if (h === NO_STEP || h < 0 || h >= hows.length) return undefined;
    return howFrom(hows[h], stepConfidence[r]!, idOf(r));
  };
  const { modelNamedById } = compact;
  const namedById = (r: number) => modelNamedById[r] === 1;
  const childIds = (r: number): string[] => {
    const { start, steps: indexes, stepTo } = childIndex();
    const ids: string[] = [];
    for (let j = start[r]!; j < start[r + 1]!; j++) {
      const c = stepTo[indexes[j]!]!;
      const id = idOf(c);
      rank.remember(id, c); // its making is asked for next, as a rule
      ids.push(id);
    }
    return ids;
  };
  const claimLists = new Map<string, StepClaim[]>();
  const withClaims = abilityIds.filter((_, a) => claimStart[a + 1]! > claimStart[a]!);
  const claimsByAbility = new LazyMap<readonly StepClaim[]>(
    () => withClaims,
    (id) => {
      const a = abilityIndex.get(id);
      if (a === undefined || claimStart[a + 1] === claimStart[a]) return undefined;
      let list = claimLists.get(id);
      if (!list) {
        list = [];
        for (let j = claimStart[a]!; j < claimStart[a + 1]!; j++) {
          const s = step(madeByRank[claimRank[j]!]!); // the step that makes the claim's model
          list.push({ step: s, claim: s.claims[claimIndex[j]!]! });
        }
        claimLists.set(id, list);
      }
      return list;
    },
  );
  let lineage: LineageFile | undefined;
  let names: Map<string, NameTarget> | undefined;
  const graph: LineageGraph = {
    title: header.head.title,
    get lineage() {
      return (lineage ??= {
        ...header.head,
        sources: record(sourceIds, source),
        abilities: record(abilityIds, ability),
        models: record(modelIds.all(), model),
        steps: allSteps(),
      });
    },
    modelOrder,
    abilityOrder: abilityIds,
    models,
    abilities: new LazyMap(() => abilityIds, byIndex(abilityIndex, ability)),
    sources: new LazyMap(() => sourceIds, byIndex(sourceIndex, source)),
    get steps() {
      return allSteps();
    },
    madeBy,
    childSteps,
    claimsByAbility,
    rank,
    // Built on first use: a query by exact ids never needs it.
    get names() {
      return (names ??= nameIndex(modelIds.all(), abilityIds, header.modelAliases, header.abilityAliases));
    },
    lacking: new Map(header.lacking.map(([a, ids]) => [a, new Set(ids)])),
    alternativeMakers: header.alternativeMakers && new Set(header.alternativeMakers),
    abilityIndex,
    index: Object.freeze({
      parentStart,
      parentRanks,
      stepConfidence: compact.stepConfidence,
      claimStart,
      claimRank,
      claimEffect,
      claimIndex,
    }),
  };
  Object.freeze(graph);
  registerCompactSteps(graph, { how, childIds, namedById });
  return graph;
}
