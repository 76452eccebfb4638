/**
 * The compact form of a validated lineage, in which the embedded lineage ships and the user cache stores
 * lineages: opening it parses almost nothing. Layout, little-endian:
 *
 *   "CAPTRACE" | checksum (32 ASCII bytes) | body | header (JSON) | u32 header length
 *
 * The body holds 4-byte aligned sections: the graph's index arrays, and for each record kind (models,
 * steps without their claims, each step's claims, abilities, sources) the entries' JSON texts and a table
 * of their byte offsets, each entry parsed only when a query first reads it (a step's parentage is read
 * far more often than its claims, which are most of its bytes). The header, last so that everything can be written in one pass,
 * holds the ids, names, keys and where the sections lie. The checksum (of all that follows it: the quick
 * key by default, or the caller's hash) makes a damaged entry one that is ignored, never one that is half read.
 */
import type { LineageGraph } from "./build-graph.js";
import { aliasesOf, lackingIndex, type AliasList } from "./build-graph.js";
import type { Problem } from "../problem.js";
import type { LineageFile, StepEntry } from "../schema.js";
import { FORMAT_VERSION } from "../vocabulary.js";
import { QuickHasher } from "../quick-key.js";

const MAGIC = "CAPTRACE";
/** The layout of the body and header; an entry of another layout is ignored. */
const LAYOUT = 4;
/** Where the checksum and the body begin. */
const CHECKSUM_AT = 8;
const BODY_AT = 40;

/** The index arrays of the body, by name. */
const INT_SECTIONS = ["rankOfModel", "parentStart", "parentRanks", "madeBy", "claimStart", "claimIndex", "claimRank"] as const;
/** The byte arrays of the body, by name. */
const BYTE_SECTIONS = ["stepConfidence", "claimEffect"] as const;
/** The record kinds whose entries are stored as JSON texts. */
export const RECORD_KINDS = ["models", "steps", "claims", "abilities", "sources"] as const;
/** A record kind. */
export type RecordKind = (typeof RECORD_KINDS)[number];

type SectionName = (typeof INT_SECTIONS)[number] | (typeof BYTE_SECTIONS)[number] | `${RecordKind}Offsets` | `${RecordKind}Text`;

/** The JSON header of a compact lineage. */
export interface CompactHeader {
  format: number;
  layout: number;
  captrace: string;
  /** The content key of the source: sha256 for the user cache, the quick key for the embedded lineage. */
  key: string;
  /** The lineage's own fields (format, title, description), without its records. */
  head: Omit<LineageFile, "models" | "steps" | "abilities" | "sources">;
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
  /** By ability (file index), its claims, in file order: each one's index in its step (the step is the one that makes the model at `claimRank`). */
  claimStart: Int32Array;
  claimIndex: Int32Array;
  /** By claim (as above), the rank of the model its step makes, and its effect (an index into EFFECTS). */
  claimRank: Int32Array;
  claimEffect: Uint8Array;
  stepCount: number;
  /** Parses one entry of a record kind (by its index in file order). */
  entry(kind: RecordKind, index: number): unknown;
}

/** A streaming hash for the checksum; its digest is at most 32 ASCII characters. */
export interface Hasher {
  update(bytes: Uint8Array): unknown;
  digest(): string;
}

/** Makes the hasher of a checksum. */
export type NewHasher = () => Hasher;

/** The default checksum: the quick key (no crypto module to load). */
const quickHasher: NewHasher = () => new QuickHasher();

/** Where a compact lineage is written: in order, plus one patch (the checksum) at the end. */
export interface ByteSink {
  write(bytes: Uint8Array): void;
  writeAt(position: number, bytes: Uint8Array): void;
}

/**
 * Writes a validated lineage and its graph in compact form, in one pass through a small staging buffer:
 * no string or buffer per entry outlives its write, so a large lineage adds no work for the garbage
 * collector's full collections (holding every entry's text until the end made it mark the whole heap
 * several times over).
 */
export function writeCompact(
  graph: LineageGraph,
  warnings: readonly Problem[],
  key: string,
  version: string,
  sink: ByteSink,
  newHasher: NewHasher = quickHasher,
): void {
  const { lineage } = graph;
  const modelIds = Object.keys(lineage.models);
  const abilityIds = Object.keys(lineage.abilities);
  const fileIndex = new Map(modelIds.map((id, i) => [id, i]));
  const rankOfModel = new Int32Array(modelIds.length);
  graph.modelOrder.forEach((id, r) => (rankOfModel[fileIndex.get(id)!] = r));
  const stepIndex = new Map<StepEntry, number>();
  lineage.steps.forEach((s, i) => stepIndex.set(s, i));
  const madeBy = new Int32Array(graph.modelOrder.length).fill(-1);
  graph.modelOrder.forEach((id, r) => {
    const step = graph.madeBy.get(id);
    if (step) madeBy[r] = stepIndex.get(step)!;
  });
  const { claimStart, claimIndex, claimRank, claimEffect } = graph.index;
  sink.write(Buffer.from(MAGIC + " ".repeat(BODY_AT - CHECKSUM_AT)));
  const out = new Staging(sink, newHasher());
  const sections = {} as Record<SectionName, [number, number]>;
  const section = (name: SectionName, write: () => void) => {
    const start = out.position;
    write();
    sections[name] = [start, out.position - start];
    out.pad();
  };
  const ints: Record<(typeof INT_SECTIONS)[number], Int32Array> = { rankOfModel, parentStart: graph.index.parentStart, parentRanks: graph.index.parentRanks, madeBy, claimStart, claimIndex, claimRank };
  for (const name of INT_SECTIONS) section(name, () => out.bytes(littleEndian(ints[name])));
  const bytes: Record<(typeof BYTE_SECTIONS)[number], Uint8Array> = { stepConfidence: graph.index.stepConfidence, claimEffect };
  for (const name of BYTE_SECTIONS) section(name, () => out.bytes(bytes[name]));
  const records: Record<RecordKind, readonly unknown[]> = {
    models: Object.values(lineage.models),
    steps: lineage.steps,
    claims: lineage.steps,
    abilities: Object.values(lineage.abilities),
    sources: Object.values(lineage.sources),
  };
  const textOf: Record<RecordKind, (entry: unknown) => string> = {
    models: (e) => JSON.stringify(e),
    steps: (e) => JSON.stringify({ ...(e as StepEntry), claims: undefined }),
    claims: (e) => JSON.stringify((e as StepEntry).claims),
    abilities: (e) => JSON.stringify(e),
    sources: (e) => JSON.stringify(e),
  };
  for (const kind of RECORD_KINDS) {
    const offsets = new Uint32Array(records[kind].length + 1);
    section(`${kind}Text`, () => {
      const start = out.position;
      records[kind].forEach((e, i) => {
        out.text(textOf[kind](e));
        offsets[i + 1] = out.position - start;
      });
    });
    section(`${kind}Offsets`, () => out.bytes(littleEndian(offsets)));
  }
  const { lineage: format, title, description } = lineage;
  const header: CompactHeader = {
    format: FORMAT_VERSION,
    layout: LAYOUT,
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
  const headerStart = out.position;
  out.text(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(out.position - headerStart);
  out.bytes(length);
  const checksum = out.finish();
  if (checksum.length > BODY_AT - CHECKSUM_AT) throw new Error("checksum longer than its field");
  sink.writeAt(CHECKSUM_AT, Buffer.from(checksum, "latin1"));
}

/** The compact form in memory (the build's embedded lineage, tests). */
export function encodeCompact(graph: LineageGraph, warnings: readonly Problem[], key: string, version: string, newHasher: NewHasher = quickHasher): Buffer {
  const chunks: Buffer[] = [];
  const patches: [number, Uint8Array][] = [];
  writeCompact(graph, warnings, key, version, {
    write: (bytes) => chunks.push(Buffer.from(bytes)),
    writeAt: (position, bytes) => patches.push([position, Buffer.from(bytes)]),
  }, newHasher);
  const all = Buffer.concat(chunks);
  for (const [position, bytes] of patches) all.set(bytes, position);
  return all;
}

/** The checksum of some bytes. */
function checksumOf(newHasher: NewHasher, bytes: Uint8Array): string {
  const hasher = newHasher();
  hasher.update(bytes);
  return hasher.digest();
}

const STAGING_BYTES = 1 << 20;

/** Collects output in a reused buffer, passes it on full, and checksums what it passes. */
class Staging {
  private readonly buffer = Buffer.allocUnsafe(STAGING_BYTES);
  private used = 0;
  private flushed = 0;
  constructor(
    private readonly sink: ByteSink,
    private readonly hasher: Hasher,
  ) {}
  /** Bytes written so far, counted from the start of the body. */
  get position(): number {
    return this.flushed + this.used;
  }
  /** Appends a string as UTF-8. */
  text(value: string): void {
    if (value.length * 3 > STAGING_BYTES) return this.bytes(Buffer.from(value));
    if (this.used + value.length * 3 > STAGING_BYTES) this.flush();
    this.used += this.buffer.write(value, this.used);
  }
  /** Appends bytes. */
  bytes(value: Uint8Array): void {
    if (this.used + value.byteLength > STAGING_BYTES) this.flush();
    if (value.byteLength > STAGING_BYTES) {
      this.hasher.update(value);
      this.sink.write(value);
      this.flushed += value.byteLength;
    } else {
      this.buffer.set(value, this.used);
      this.used += value.byteLength;
    }
  }
  /** Pads with zeros to a multiple of 4 bytes. */
  pad(): void {
    const pad = (4 - (this.position % 4)) % 4;
    if (pad > 0) this.bytes(new Uint8Array(pad));
  }
  /** Passes on what is left; returns the checksum of everything passed. */
  finish(): string {
    this.flush();
    return this.hasher.digest();
  }
  private flush(): void {
    const chunk = this.buffer.subarray(0, this.used);
    this.hasher.update(chunk);
    this.sink.write(chunk);
    this.flushed += this.used;
    this.used = 0;
  }
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
 * otherwise undefined. Checks the checksum and the sections' bounds and sizes; the index arrays are
 * then as the encoder wrote them.
 */
export function decodeCompact(bytes: Buffer, key: string, version: string, newHasher: NewHasher = quickHasher): CompactLineage | undefined {
  try {
    if (BIG_ENDIAN || bytes.byteLength < BODY_AT + 4 || bytes.toString("latin1", 0, CHECKSUM_AT) !== MAGIC) return undefined;
    const headerLength = bytes.readUInt32LE(bytes.byteLength - 4);
    const headerAt = bytes.byteLength - 4 - headerLength;
    if (headerAt < BODY_AT) return undefined;
    const header = JSON.parse(bytes.toString("utf8", headerAt, headerAt + headerLength)) as CompactHeader;
    if (header.format !== FORMAT_VERSION || header.layout !== LAYOUT || header.captrace !== version || header.key !== key) return undefined;
    if (bytes.toString("latin1", CHECKSUM_AT, BODY_AT).trimEnd() !== checksumOf(newHasher, bytes.subarray(BODY_AT))) return undefined;
    // Views need 4-byte alignment; a buffer that is not aligned is copied once.
    const raw = bytes.subarray(BODY_AT, headerAt);
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
      claimIndex: ints("claimIndex"),
      claimRank: ints("claimRank"),
    };
    const byteView = (name: (typeof BYTE_SECTIONS)[number]) => new Uint8Array(body.buffer, ...view(name));
    const stepConfidence = byteView("stepConfidence");
    const claimEffect = byteView("claimEffect");
    // `text`: where the entries' texts start, relative to the body.
    const tables = {} as Record<RecordKind, { offsets: Uint32Array; text: number }>;
    for (const kind of RECORD_KINDS) {
      const [offset, length] = view(`${kind}Offsets`);
      const offsets = new Uint32Array(body.buffer, offset, length / 4);
      const [text, textLength] = view(`${kind}Text`);
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
    if (tables.claims.offsets.length !== steps + 1) return undefined;
    const { rankOfModel, parentStart, parentRanks, madeBy, claimStart, claimIndex, claimRank } = decoded;
    if (rankOfModel.length !== n || madeBy.length !== n || stepConfidence.length !== n || parentStart.length !== n + 1) return undefined;
    if (claimStart.length !== counts.abilities + 1 || claimRank.length !== claimIndex.length || claimEffect.length !== claimIndex.length) return undefined;
    if (parentStart[n] !== parentRanks.length || claimStart[counts.abilities] !== claimIndex.length) return undefined;
    return {
      header,
      ...decoded,
      stepConfidence,
      claimEffect,
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
