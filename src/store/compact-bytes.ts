/**
 * The byte layout of a compact lineage (graph/compact.ts says what it keeps), in which the embedded
 * lineage ships and the user cache stores lineages: opening it parses almost nothing. Little-endian:
 *
 *   "CAPTRACE" | checksum (32 ASCII bytes) | body | header (JSON) | u32 header length
 *
 * The body holds 4-byte aligned sections: the graph's index arrays, and for each record kind the entries'
 * JSON texts and a table of their byte offsets. The header, last so that everything can be written in one
 * pass, holds the ids, names, keys, the load's warnings and where the sections lie. The checksum (of all
 * that follows it: the quick key by default, or the caller's hash) makes a damaged entry one that is
 * ignored, never one that is half read.
 */
import {
  BYTE_SECTIONS,
  compactParts,
  INT_SECTIONS,
  RECORD_KINDS,
  type ByteSection,
  type CompactIndex,
  type CompactLineage,
  type IntSection,
  type RecordKind,
} from "../graph/compact.js";
import type { LineageGraph } from "../graph/build-graph.js";
import type { Problem } from "../problem.js";
import { FORMAT_VERSION } from "../vocabulary.js";
import { QuickHasher } from "./quick-key.js";

const MAGIC = "CAPTRACE";
/** The layout of the body and header; an entry of another layout is ignored. 5: keys name the parser. */
const LAYOUT = 5;
/** Where the checksum and the body begin. */
const CHECKSUM_AT = 8;
const BODY_AT = 40;

type SectionName = IntSection | ByteSection | `${RecordKind}Offsets` | `${RecordKind}Text`;

/** The JSON header of a compact lineage: its index, and what storage needs to trust and use it. */
export interface CompactHeader extends CompactIndex {
  format: number;
  layout: number;
  captrace: string;
  /** The content key of the source (for the user cache its parser and sha256; the quick key for the embedded lineage). */
  key: string;
  warnings: Problem[];
  /** Where each section lies in the body: [byte offset, byte length]. */
  sections: Record<SectionName, [number, number]>;
}

/** A compact lineage read from bytes: the graph's parts, and the stored header. */
export interface StoredLineage extends CompactLineage {
  header: CompactHeader;
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
  const parts = compactParts(graph);
  sink.write(Buffer.from(MAGIC + " ".repeat(BODY_AT - CHECKSUM_AT)));
  const out = new Staging(sink, newHasher());
  const sections = {} as Record<SectionName, [number, number]>;
  const section = (name: SectionName, write: () => void) => {
    const start = out.position;
    write();
    sections[name] = [start, out.position - start];
    out.pad();
  };
  for (const name of INT_SECTIONS) section(name, () => out.bytes(littleEndian(parts.ints[name])));
  for (const name of BYTE_SECTIONS) section(name, () => out.bytes(parts.bytes[name]));
  for (const kind of RECORD_KINDS) {
    const records = parts.records[kind];
    const count = records.count;
    const offsets = new Uint32Array(count + 1);
    section(`${kind}Text`, () => {
      const start = out.position;
      for (let i = 0; i < count; i++) {
        out.text(records.text(i));
        offsets[i + 1] = out.position - start;
      }
    });
    section(`${kind}Offsets`, () => out.bytes(littleEndian(offsets)));
  }
  const header: CompactHeader = {
    format: FORMAT_VERSION,
    layout: LAYOUT,
    captrace: version,
    key,
    ...parts.index,
    warnings: [...warnings],
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
export function encodeCompact(
  graph: LineageGraph,
  warnings: readonly Problem[],
  key: string,
  version: string,
  newHasher: NewHasher = quickHasher,
): Buffer {
  const chunks: Buffer[] = [];
  const patches: [number, Uint8Array][] = [];
  writeCompact(
    graph,
    warnings,
    key,
    version,
    {
      write: (bytes) => chunks.push(Buffer.from(bytes)),
      writeAt: (position, bytes) => patches.push([position, Buffer.from(bytes)]),
    },
    newHasher,
  );
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
export function decodeCompact(
  bytes: Buffer,
  key: string,
  version: string,
  newHasher: NewHasher = quickHasher,
): StoredLineage | undefined {
  try {
    if (BIG_ENDIAN || bytes.byteLength < BODY_AT + 4 || bytes.toString("latin1", 0, CHECKSUM_AT) !== MAGIC)
      return undefined;
    const headerLength = bytes.readUInt32LE(bytes.byteLength - 4);
    const headerAt = bytes.byteLength - 4 - headerLength;
    if (headerAt < BODY_AT) return undefined;
    const header = JSON.parse(bytes.toString("utf8", headerAt, headerAt + headerLength)) as CompactHeader;
    if (
      header.format !== FORMAT_VERSION ||
      header.layout !== LAYOUT ||
      header.captrace !== version ||
      header.key !== key
    )
      return undefined;
    if (bytes.toString("latin1", CHECKSUM_AT, BODY_AT).trimEnd() !== checksumOf(newHasher, bytes.subarray(BODY_AT)))
      return undefined;
    // Views need 4-byte alignment; a buffer that is not aligned is copied once.
    const raw = bytes.subarray(BODY_AT, headerAt);
    const body = raw.byteOffset % 4 === 0 ? raw : Buffer.from(Uint8Array.prototype.slice.call(raw));
    const view = (name: SectionName): [number, number] => {
      const [offset, length] = header.sections[name];
      if (!(offset % 4 === 0 && offset >= 0 && length >= 0 && offset + length <= body.byteLength))
        throw new Error(`bad section ${name}`);
      return [body.byteOffset + offset, length];
    };
    const ints = (name: IntSection) => {
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
    const byteView = (name: ByteSection) => new Uint8Array(body.buffer, ...view(name));
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
    for (const kind of ["models", "abilities", "sources"] as const)
      if (tables[kind].offsets.length !== counts[kind] + 1) return undefined;
    const steps = tables.steps.offsets.length - 1;
    if (tables.claims.offsets.length !== steps + 1) return undefined;
    const { rankOfModel, parentStart, parentRanks, madeBy, claimStart, claimIndex, claimRank } = decoded;
    if (rankOfModel.length !== n || madeBy.length !== n || stepConfidence.length !== n || parentStart.length !== n + 1)
      return undefined;
    if (
      claimStart.length !== counts.abilities + 1 ||
      claimRank.length !== claimIndex.length ||
      claimEffect.length !== claimIndex.length
    )
      return undefined;
    if (parentStart[n] !== parentRanks.length || claimStart[counts.abilities] !== claimIndex.length) return undefined;
    return {
      header,
      ...decoded,
      stepConfidence,
      claimEffect,
      stepCount: steps,
      entry(kind, index) {
        const { offsets, text } = tables[kind];
        return JSON.parse(body.toString("utf8", text + offsets[index]!, text + offsets[index + 1]!)) as unknown;
      },
    };
  } catch {
    return undefined;
  }
}
