/**
 * What the compact form of a lineage keeps of its graph, apart from any byte layout (that is storage's,
 * src/store/compact-bytes.ts): the index arrays, the records as JSON texts (each parsed only when a query
 * first reads it; a step's parentage is read far more often than its claims, which are most of its bytes),
 * and the ids and names. `compactParts` takes them from a built graph; `lazyGraph` (lazy-graph.ts) makes a
 * graph of them again.
 */
import type { LineageGraph } from "./build-graph.js";
import { aliasesOf, type AliasList } from "./build-graph.js";
import type { LineageFile, ModelEntry, StepEntry } from "../schema.js";
import { howColumn, type HowEntry } from "./step-facts.js";
import type { IdList } from "./id-index.js";

/** The index arrays of the compact form (32-bit integers), by name. */
export const INT_SECTIONS = [
  "rankOfModel",
  "parentStart",
  "parentRanks",
  "madeBy",
  "claimStart",
  "claimIndex",
  "claimRank",
  "stepHow",
] as const;
/** The byte arrays of the compact form, by name. */
export const BYTE_SECTIONS = ["stepConfidence", "claimEffect", "modelNamedById"] as const;
/** The record kinds whose entries are kept as JSON texts. */
export const RECORD_KINDS = ["models", "steps", "claims", "abilities", "sources"] as const;
/** An index array's name. */
export type IntSection = (typeof INT_SECTIONS)[number];
/** A byte array's name. */
export type ByteSection = (typeof BYTE_SECTIONS)[number];
/** A record kind. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The ids and names of a compact lineage, which opening it reads whole. */
export interface CompactIndex {
  /** The lineage's own fields (format, title, description), without its records. */
  head: Omit<LineageFile, "models" | "steps" | "abilities" | "sources">;
  /** Ids in file order. */
  modelIds: string[];
  abilityIds: string[];
  sourceIds: string[];
  modelAliases: AliasList;
  abilityAliases: AliasList;
  /** For each ability, the models that record lacking it. */
  lacking: [string, string[]][];
  /** The models whose making step has alternative parentages (absent in entries written before it was kept). */
  alternativeMakers?: string[];
  /** The distinct makings of the models (kind, relation, label), which `stepHow` indexes (step-facts.ts). */
  hows: HowEntry[];
}

/** A compact lineage, opened: its ids and names, and views of its arrays. */
export interface CompactLineage {
  /** The index but the model ids (`modelIds`, made one by one). */
  header: Omit<CompactIndex, "modelIds">;
  /** The model ids in file order. */
  modelIds: IdList;
  /** By file index, the model's rank in lineage order. */
  rankOfModel: Int32Array;
  parentStart: Int32Array;
  parentRanks: Int32Array;
  /** By rank, the index of the step that makes the model, or -1 for a root. */
  madeBy: Int32Array;
  stepConfidence: Uint8Array;
  /** By ability (file index), its claims, in file order: each one's index in its step (the step is the one that makes the model at `claimRank`). */
  claimStart: Int32Array;
  claimIndex: Int32Array;
  /** By claim (as above), the rank of the model its step makes, and its effect (an index into EFFECTS). */
  claimRank: Int32Array;
  claimEffect: Uint8Array;
  /** By rank, the model's making: an index into `header.hows`, NO_STEP for a root, NOT_KEPT past the table. */
  stepHow: Int32Array;
  /** By rank, 1 when the model's name is its id (every model of a hub dump): a tree line's name is then known unread. */
  modelNamedById: Uint8Array;
  stepCount: number;
  /** Parses one entry of a record kind (by its index in file order). */
  entry(kind: RecordKind, index: number): unknown;
}

/** A record kind's entries, as JSON texts made one at a time (so that none outlives its write). */
export interface RecordTexts {
  count: number;
  text(index: number): string;
}

/** Everything the compact form keeps of a graph. */
export interface CompactParts {
  ints: Record<IntSection, Int32Array>;
  bytes: Record<ByteSection, Uint8Array>;
  records: Record<RecordKind, RecordTexts>;
  index: CompactIndex;
}

/** A record's entries as JSON texts, by file index (the ids are the record's keys, in order). */
function recordTexts(record: Readonly<Record<string, unknown>>, ids: readonly string[]): RecordTexts {
  return { count: ids.length, text: (i) => JSON.stringify(record[ids[i]!]) };
}

/** A step's own fields as JSON, without its claims (kept apart): what `{ ...step, claims: undefined }` writes. */
function stepText(step: StepEntry): string {
  const { claims, ...rest } = step;
  void claims;
  return JSON.stringify(rest);
}

/** The parts of a validated lineage's graph that its compact form keeps. */
export function compactParts(graph: LineageGraph): CompactParts {
  const { lineage } = graph;
  // Keys and lookups, never Object.entries/values: on a record of a million keys they are several times slower.
  // The models' ids, ranks and whether each is named by its id in one pass over the graph's map (its order is
  // the record's), and the step of each rank from the steps (one a model): no map of a million made for them.
  const order = graph.modelOrder;
  const modelIds = new Array<string>(graph.models.size);
  const rankOfModel = new Int32Array(graph.models.size);
  const modelNamedById = new Uint8Array(order.length);
  const modelEntries = new Array<ModelEntry>(graph.models.size);
  const modelAliases: [string, readonly string[]][] = [];
  let file = 0;
  for (const [id, model] of graph.models) {
    const r = graph.rank.get(id)!;
    modelEntries[file] = model;
    modelIds[file] = id;
    rankOfModel[file++] = r;
    if (model.name === id) modelNamedById[r] = 1;
    if (model.aliases?.length) modelAliases.push([id, model.aliases]);
  }
  const abilityIds = Object.keys(lineage.abilities);
  const sourceIds = Object.keys(lineage.sources);
  const steps = lineage.steps;
  const madeBy = new Int32Array(order.length).fill(-1);
  for (let s = 0; s < steps.length; s++) madeBy[graph.rank.get(steps[s]!.to)!] = s;
  const alternativeMakers: string[] = [];
  for (let r = 0; r < order.length; r++)
    if (madeBy[r]! >= 0 && steps[madeBy[r]!]!.alternatives?.length) alternativeMakers.push(order[r]!);
  const { claimStart, claimIndex, claimRank, claimEffect } = graph.index;
  const { lineage: format, title, description } = lineage;
  const lacking: [string, string[]][] = [];
  for (const [a, set] of graph.lacking) lacking.push([a, [...set]]);
  const { stepHow, hows } = howColumn(steps, madeBy);
  return {
    ints: {
      rankOfModel,
      parentStart: graph.index.parentStart,
      parentRanks: graph.index.parentRanks,
      madeBy,
      claimStart,
      claimIndex,
      claimRank,
      stepHow,
    },
    bytes: { stepConfidence: graph.index.stepConfidence, claimEffect, modelNamedById },
    records: {
      models: { count: modelIds.length, text: (i) => JSON.stringify(modelEntries[i]) },
      steps: { count: steps.length, text: (i) => stepText(steps[i]!) },
      claims: { count: steps.length, text: (i) => JSON.stringify(steps[i]!.claims) },
      abilities: recordTexts(lineage.abilities, abilityIds),
      sources: recordTexts(lineage.sources, sourceIds),
    },
    index: {
      head: description === undefined ? { lineage: format, title } : { lineage: format, title, description },
      modelIds,
      abilityIds,
      sourceIds,
      modelAliases,
      abilityAliases: aliasesOf(lineage.abilities),
      lacking,
      alternativeMakers,
      hows,
    },
  };
}
