/**
 * The compact form of a validated lineage, in which the embedded lineage ships and the user cache stores
 * lineages: opening it parses almost nothing. Layout, little-endian:
 *
 *   "CAPTRACE" | checksum (32 ASCII bytes) | u32 header length | header (JSON, padded to 4 bytes) | body
 *
 * The header holds the ids, names and keys; the body holds 4-byte aligned sections: the graph's index
 * arrays, and for each record kind (models, steps, abilities, sources) a table of byte offsets and the
 * entries' JSON texts, each parsed only when a query first reads it. The checksum (quickKey of all that
 * follows it) makes a damaged entry one that is ignored, never one that is half read.
 */
import type { LineageGraph } from "./build-graph.js";
import { aliasesOf, lackingIndex, type AliasList } from "./build-graph.js";
import type { Problem } from "../problem.js";
import type { LineageFile } from "../schema.js";
import { FORMAT_VERSION } from "../vocabulary.js";
import { quickKey } from "../quick-key.js";

const MAGIC = "CAPTRACE";
/** Where the checksum, the header length and the header begin. */
const CHECKSUM_AT = 8;
const LENGTH_AT = 40;
const HEADER_AT = 44;

/** The index arrays of the body, by name. */
const INT_SECTIONS = ["rankOfModel", "parentStart", "parentRanks", "madeBy", "claimStart", "claimStep", "claimIndex"] as const;
/** The record kinds whose entries are stored as JSON texts. */
export const RECORD_KINDS = ["models", "steps", "abilities", "sources"] as const;
/** A record kind. */
export type RecordKind = (typeof RECORD_KINDS)[number];

type SectionName = (typeof INT_SECTIONS)[number] | "stepConfidence" | `${RecordKind}Offsets` | `${RecordKind}Text`;

/** The JSON header of a compact lineage. */
export interface CompactHeader {
  format: number;
  captrace: string;
  /** The content key of the source: sha256 for the user cache, the quick key for the embedded lineage. */
  key: string;
  /** The lineage's own fields (format, title, description), without its records. */
  head: Omit<LineageFile, RecordKind>;
  warnings: Problem[];
  /** Ids in file order. */
  modelIds: string[];
  abilityIds: string[];
  sourceIds: string[];
  modelAliases: AliasList;
  abilityAliases: AliasList;
  /** For each ability, the models that record lacking it. */
  lacking: [string, string[]][];
  /** Where each section lies in the body: [byte offset, byte length]. */
  sections: Record<SectionName, [number, number]>;
}

/** A compact lineage, opened: the header and views of the body's sections. */
export interface CompactLineage {
  header: CompactHeader;
  /** By file index, the model's rank in lineage order. */
  rankOfModel: Int32Array;
  parentStart: Int32Array;
  parentRanks: Int32Array;
  /** By rank, the index of the step that makes the model, or -1 for a root. */
  madeBy: Int32Array;
  stepConfidence: Uint8Array;
  /** By ability (file index), its claims: step indexes and claim indexes, in file order. */
  claimStart: Int32Array;
  claimStep: Int32Array;
  claimIndex: Int32Array;
  stepCount: number;
  /** Parses one entry of a record kind (by its index in file order). */
  entry(kind: RecordKind, index: number): unknown;
}

/** Serializes a validated lineage and its graph into the compact form. */
export function encodeCompact(graph: LineageGraph, warnings: readonly Problem[], key: string, version: string): Buffer {
  const { lineage } = graph;
  const modelIds = Object.keys(lineage.models);
  const abilityIds = Object.keys(lineage.abilities);
  const fileIndex = new Map(modelIds.map((id, i) => [id, i]));
  const rankOfModel = new Int32Array(modelIds.length);
  graph.modelOrder.forEach((id, r) => (rankOfModel[fileIndex.get(id)!] = r));
  const stepIndex = new Map(lineage.steps.map((s, i) => [s, i]));
  const madeBy = new Int32Array(graph.modelOrder.length).fill(-1);
  graph.modelOrder.forEach((id, r) => {
    const step = graph.madeBy.get(id);
    if (step) madeBy[r] = stepIndex.get(step)!;
  });
  const claimStart = new Int32Array(abilityIds.length + 1);
  const claimStep: number[] = [];
  const claimIndex: number[] = [];
  abilityIds.forEach((id, a) => {
    for (const { step, claim } of graph.claimsByAbility.get(id) ?? []) {
      claimStep.push(stepIndex.get(step)!);
      claimIndex.push(step.claims.indexOf(claim));
    }
    claimStart[a + 1] = claimStep.length;
  });
  const parts: Buffer[] = [];
  const sections = {} as Record<SectionName, [number, number]>;
  let at = 0;
  const put = (name: SectionName, bytes: Uint8Array) => {
    const pad = (4 - (bytes.byteLength % 4)) % 4;
    sections[name] = [at, bytes.byteLength];
    parts.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), Buffer.alloc(pad));
    at += bytes.byteLength + pad;
  };
  const ints: Record<(typeof INT_SECTIONS)[number], Int32Array> = {
    rankOfModel,
    parentStart: graph.parentStart,
    parentRanks: graph.parentRanks,
    madeBy,
    claimStart,
    claimStep: Int32Array.from(claimStep),
    claimIndex: Int32Array.from(claimIndex),
  };
  for (const name of INT_SECTIONS) put(name, littleEndian(ints[name]));
  put("stepConfidence", graph.stepConfidence);
  const records: Record<RecordKind, unknown[]> = {
    models: Object.values(lineage.models),
    steps: lineage.steps,
    abilities: Object.values(lineage.abilities),
    sources: Object.values(lineage.sources),
  };
  for (const kind of RECORD_KINDS) {
    const texts = records[kind].map((e) => Buffer.from(JSON.stringify(e)));
    const offsets = new Uint32Array(texts.length + 1);
    texts.forEach((t, i) => (offsets[i + 1] = offsets[i]! + t.byteLength));
    put(`${kind}Offsets`, littleEndian(offsets));
    put(`${kind}Text`, Buffer.concat(texts));
  }
  const body = Buffer.concat(parts);
  const { lineage: format, title, description } = lineage;
  const header: CompactHeader = {
    format: FORMAT_VERSION,
    captrace: version,
    key,
    head: description === undefined ? { lineage: format, title } : { lineage: format, title, description },
    warnings: [...warnings],
    modelIds,
    abilityIds,
    sourceIds: Object.keys(lineage.sources),
    modelAliases: aliasesOf(Object.entries(lineage.models)),
    abilityAliases: aliasesOf(Object.entries(lineage.abilities)),
    lacking: [...lackingIndex(Object.entries(lineage.models))].map(([a, set]) => [a, [...set]]),
    sections,
  };
  const json = Buffer.from(JSON.stringify(header));
  const headerBytes = Buffer.concat([json, Buffer.alloc((4 - (json.byteLength % 4)) % 4, " ")]);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.byteLength);
  const all = Buffer.concat([Buffer.from(MAGIC), Buffer.alloc(LENGTH_AT - CHECKSUM_AT, " "), length, headerBytes, body]);
  all.write(quickKey(all.subarray(LENGTH_AT)), CHECKSUM_AT, "latin1");
  return all;
}

const BIG_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 0;

/** The bytes of an integer array, little-endian whatever the machine. */
function littleEndian(array: Int32Array | Uint32Array): Uint8Array {
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  if (!BIG_ENDIAN) return bytes;
  const copy = Uint8Array.from(bytes);
  for (let i = 0; i < copy.length; i += 4) copy.subarray(i, i + 4).reverse();
  return copy;
}

/**
 * Opens a compact lineage if it is one, whole, of this format, captrace version and content key;
 * otherwise undefined. Checks the body's checksum and the sections' bounds and offsets, so that
 * reading an entry later cannot fail.
 */
export function decodeCompact(bytes: Buffer, key: string, version: string): CompactLineage | undefined {
  try {
    if (BIG_ENDIAN || bytes.byteLength < HEADER_AT || bytes.toString("latin1", 0, CHECKSUM_AT) !== MAGIC) return undefined;
    const headerLength = bytes.readUInt32LE(LENGTH_AT);
    if (headerLength % 4 !== 0 || HEADER_AT + headerLength > bytes.byteLength) return undefined;
    const header = JSON.parse(bytes.toString("utf8", HEADER_AT, HEADER_AT + headerLength)) as CompactHeader;
    if (header.format !== FORMAT_VERSION || header.captrace !== version || header.key !== key) return undefined;
    if (bytes.toString("latin1", CHECKSUM_AT, LENGTH_AT).trimEnd() !== quickKey(bytes.subarray(LENGTH_AT))) return undefined;
    // Views need 4-byte alignment; a buffer that is not aligned is copied once.
    const raw = bytes.subarray(HEADER_AT + headerLength);
    const body = raw.byteOffset % 4 === 0 ? raw : Buffer.from(Uint8Array.prototype.slice.call(raw));
    const view = (name: SectionName): [number, number] => {
      const [offset, length] = header.sections[name];
      if (!(offset % 4 === 0 && offset >= 0 && length >= 0 && offset + length <= body.byteLength)) throw new Error(`bad section ${name}`);
      return [body.byteOffset + offset, length];
    };
    const ints = (name: (typeof INT_SECTIONS)[number]) => {
      const [offset, length] = view(name);
      return new Int32Array(body.buffer, offset, length / 4);
    };
    const decoded = {
      rankOfModel: ints("rankOfModel"),
      parentStart: ints("parentStart"),
      parentRanks: ints("parentRanks"),
      madeBy: ints("madeBy"),
      claimStart: ints("claimStart"),
      claimStep: ints("claimStep"),
      claimIndex: ints("claimIndex"),
    };
    const [confOffset, confLength] = view("stepConfidence");
    const stepConfidence = new Uint8Array(body.buffer, confOffset, confLength);
    // `text`: where the entries' texts start, relative to the body.
    const tables = {} as Record<RecordKind, { offsets: Uint32Array; text: number }>;
    for (const kind of RECORD_KINDS) {
      const [offset, length] = view(`${kind}Offsets`);
      const offsets = new Uint32Array(body.buffer, offset, length / 4);
      const [text, textLength] = view(`${kind}Text`);
      for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) return undefined;
      if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== textLength) return undefined;
      tables[kind] = { offsets, text: text - body.byteOffset };
    }
    const n = header.modelIds.length;
    const counts = {
      models: n,
      abilities: header.abilityIds.length,
      sources: header.sourceIds.length,
    };
    for (const kind of ["models", "abilities", "sources"] as const) if (tables[kind].offsets.length !== counts[kind] + 1) return undefined;
    const steps = tables.steps.offsets.length - 1;
    const { rankOfModel, parentStart, parentRanks, madeBy, claimStart, claimStep, claimIndex } = decoded;
    if (rankOfModel.length !== n || madeBy.length !== n || stepConfidence.length !== n || parentStart.length !== n + 1) return undefined;
    if (claimStart.length !== counts.abilities + 1 || claimStep.length !== claimIndex.length) return undefined;
    if (!inRange(rankOfModel, 0, n) || !inRange(parentRanks, 0, n) || !inRange(madeBy, -1, steps) || !inRange(claimStep, 0, steps)) return undefined;
    if (!monotone(parentStart, parentRanks.length) || !monotone(claimStart, claimStep.length)) return undefined;
    return {
      header,
      ...decoded,
      stepConfidence,
      stepCount: steps,
      entry(kind, index) {
        const { offsets, text } = tables[kind];
        return JSON.parse(body.toString("utf8", text + offsets[index]!, text + offsets[index + 1]!));
      },
    };
  } catch {
    return undefined;
  }
}

/** True when every value lies in [low, high). */
function inRange(array: Int32Array, low: number, high: number): boolean {
  for (let i = 0; i < array.length; i++) if (array[i]! < low || array[i]! >= high) return false;
  return true;
}

/** True when a start table begins at 0, never decreases and ends at `total`. */
function monotone(starts: Int32Array, total: number): boolean {
  if (starts[0] !== 0 || starts[starts.length - 1] !== total) return false;
  for (let i = 1; i < starts.length; i++) if (starts[i]! < starts[i - 1]!) return false;
  return true;
}
