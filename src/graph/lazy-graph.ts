/**
 * The lineage graph over a compact lineage: the same interface as `buildGraph`'s, but an entry (a model,
 * a step, an ability, a source) is parsed only when a query first reads it, and kept. Reading a whole
 * record (iterating a map, `steps`, `lineage`) parses all of it once.
 */
import type { CompactLineage, RecordKind } from "./compact.js";
import type { AbilityEntry, LineageFile, ModelEntry, SourceEntry, StepEntry } from "../schema.js";
import { nameIndex, type LineageGraph, type NameTarget, type StepClaim } from "./build-graph.js";

/** A read-only map whose values are made on first read, by key index. */
class LazyMap<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly keyList: () => readonly string[],
    private readonly lookup: (key: string) => V | undefined,
  ) {}
  get(key: string): V | undefined {
    return this.lookup(key);
  }
  has(key: string): boolean {
    return this.lookup(key) !== undefined;
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
 * read too (`claims` is a getter, enumerable like any field).
 */
function steps(compact: CompactLineage, count: number): (index: number) => StepEntry {
  const parsed: (StepEntry | undefined)[] = new Array<StepEntry | undefined>(count);
  return (index) => {
    let step = parsed[index];
    if (step) return step;
    step = compact.entry("steps", index) as StepEntry;
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

/** The graph of a compact lineage. Cheap to open: ids, names and the index arrays only. */
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
  const { modelIds, abilityIds, sourceIds } = header;
  const n = modelIds.length;
  const fileOfRank = new Int32Array(n);
  const modelOrder = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    fileOfRank[rankOfModel[i]!] = i;
    modelOrder[rankOfModel[i]!] = modelIds[i]!;
  }
  const rank = new Map<string, number>();
  for (let r = 0; r < n; r++) rank.set(modelOrder[r]!, r);
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
    () => modelIds,
    (id) => {
      const r = rank.get(id);
      return r === undefined ? undefined : model(fileOfRank[r]!);
    },
  );
  let stepList: StepEntry[] | undefined;
  const allSteps = () => (stepList ??= Array.from({ length: stepCount }, (_, i) => step(i)));
  const madeBy = new LazyMap<StepEntry>(
    () => allSteps().map((s) => s.to),
    (id) => {
      const r = rank.get(id);
      return r === undefined || madeByRank[r]! < 0 ? undefined : step(madeByRank[r]!);
    },
  );
  // Child steps: the steps each model is a parent in, in file order. The reverse index (of step indexes,
  // from the index arrays) is made on first read; a model's steps are parsed when it is asked for.
  let children: Map<string, number[]> | undefined;
  const childIndex = () => {
    if (children) return children;
    const stepTo = new Int32Array(stepCount);
    for (let r = 0; r < n; r++) if (madeByRank[r]! >= 0) stepTo[madeByRank[r]!] = r;
    children = new Map();
    for (let s = 0; s < stepCount; s++) {
      const r = stepTo[s]!;
      for (let j = parentStart[r]!; j < parentStart[r + 1]!; j++) {
        const parent = modelOrder[parentRanks[j]!]!;
        const list = children.get(parent);
        if (list) list.push(s);
        else children.set(parent, [s]);
      }
    }
    return children;
  };
  const childLists = new Map<string, StepEntry[]>();
  const childSteps = new LazyMap<readonly StepEntry[]>(
    () => [...childIndex().keys()],
    (id) => {
      let list = childLists.get(id);
      if (!list) {
        const indexes = childIndex().get(id);
        if (!indexes) return undefined;
        childLists.set(id, (list = indexes.map((i) => step(i))));
      }
      return list;
    },
  );
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
        models: record(modelIds, model),
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
      return (names ??= nameIndex(modelIds, abilityIds, header.modelAliases, header.abilityAliases));
    },
    lacking: new Map(header.lacking.map(([a, ids]) => [a, new Set(ids)])),
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
  return Object.freeze(graph);
}
