/**
 * The byte layout of a compact lineage (graph/compact.ts says what it keeps), in which the embedded
 * lineage ships and the user cache stores lineages: opening it parses almost nothing. Little-endian:
 *
 *   "CAPTRACE" | checksum (32 ASCII bytes) | body | header (JSON) | u32 header length
 *
 * The body holds 4-byte aligned sections: first the graph's index arrays and the model ids (one text, and
 * where each starts); then the entries' JSON texts, for each record kind; then the table of each kind's
 * entries' byte offsets (made as the texts are written), and the load's warnings. The header, last so that
 * everything can be written in one pass, holds the other ids, names, keys, where the sections lie, and a
 * digest of every BLOCK bytes of the body. The checksum (the quick key by default, or the caller's
 * hash) is of the header. So opening an entry reads and checks only the header, the index sections and the
 * offset tables; an entry's text is read, and its blocks checked, when a query first asks for it. A damaged entry is one
 * that is ignored when opened, or (a block damaged since) one whose read throws DamagedEntryError; never
 * one that is half read.
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
import { textIds } from "../graph/id-index.js";
import type { PendingWarnings } from "../problem.js";
import { FORMAT_VERSION } from "../vocabulary.js";
import { QuickHasher } from "./quick-key.js";
import { DamagedEntryError } from "../lineage-error.js";

const MAGIC = "CAPTRACE";
/**
 * The layout of the body and header; an entry of another layout is ignored. 5: keys name the parser; 6: block
 * digests, texts read on demand; 7: each model's making (kind, relation, label, step id prefix) as a column and a table, whether its name is its
 * id, and the model ids as a section.
 */
export const LAYOUT = 7;
/** The bytes of the body each digest covers: what a first read of one entry costs at most, about. */
export const BLOCK = 1 << 15;
/** Where the checksum and the body begin. */
const CHECKSUM_AT = 8;
const BODY_AT = 40;

type SectionName =
  IntSection | ByteSection | "modelIdText" | "modelIdStart" | `${RecordKind}Offsets` | `${RecordKind}Text` | "warnings";

/**
 * The JSON header of a compact lineage: its index but the model ids (sections of the body: `modelIdText`, each
 * id and a newline, and `modelIdStart`, where each begins; read as one string and made one by one when asked
 * for, where a million ids parsed from JSON cost every query most of its time to open), and what storage
 * needs to trust and use it.
 */
export interface CompactHeader extends Omit<CompactIndex, "modelIds"> {
  format: number;
  layout: number;
  captrace: string;
  /** The content key of the source (for the user cache its parser and sha256; the quick key for the embedded lineage). */
  key: string;
  /** Where each section lies in the body: [byte offset, byte length]. */
  sections: Record<SectionName, [number, number]>;
  /** The digest of each BLOCK bytes of the body, in order (the last block may be shorter). */
  blocks: string[];
}

/** After each model id in `modelIdText`: no id holds one (an id is ASCII letters, digits and . _ : + - /). */
const ID_END = "\n";

/** A compact lineage read from bytes: the graph's parts, the stored header, and the load's warnings (read when asked). */
export interface StoredLineage extends CompactLineage {
  header: CompactHeader;
  warnings(): PendingWarnings;
}

/** Where a compact lineage is read from: its size, and fresh bytes at any offset. */
export interface ByteSource {
  readonly size: number;
  /** `length` bytes from `offset`; fewer only past the end. May throw (an I/O error). */
  read(offset: number, length: number): Uint8Array;
}

/** A compact lineage held in memory, as a source. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, offset + length) };
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
  warnings: PendingWarnings,
  key: string,
  version: string,
  sink: ByteSink,
  newHasher: NewHasher = quickHasher,
): void {
  const parts = compactParts(graph);
  sink.write(Buffer.from(MAGIC + " ".repeat(BODY_AT - CHECKSUM_AT)));
  const out = new Staging(sink, new BlockHasher(newHasher));
  const sections = {} as Record<SectionName, [number, number]>;
  const section = (name: SectionName, write: () => void) => {
    const start = out.position;
    write();
    sections[name] = [start, out.position - start];
    out.pad();
  };
  for (const name of INT_SECTIONS) section(name, () => out.bytes(littleEndian(parts.ints[name])));
  for (const name of BYTE_SECTIONS) section(name, () => out.bytes(parts.bytes[name]));
  const { modelIds, ...index } = parts.index;
  const idStart = new Int32Array(modelIds.length + 1);
  section("modelIdText", () => {
    // A few thousand ids a write, not two writes an id.
    let chunk = "";
    for (let i = 0; i < modelIds.length; i++) {
      chunk += modelIds[i]! + ID_END;
      idStart[i + 1] = idStart[i]! + modelIds[i]!.length + 1;
      if ((i & 4095) === 4095) {
        out.text(chunk);
        chunk = "";
      }
    }
    out.text(chunk);
  });
  section("modelIdStart", () => out.bytes(littleEndian(idStart)));
  // The texts, then their offset tables, made as they are written: each entry's text is made once (a first
  // pass of lengths made a million-model dump's every text twice). Opening reads the tables with the arrays.
  const tables = {} as Record<RecordKind, Uint32Array>;
  for (const kind of RECORD_KINDS) {
    const records = parts.records[kind];
    const offsets = new Uint32Array(records.count + 1);
    section(`${kind}Text`, () => {
      // Texts go out a few thousand at a time (one UTF-8 write each, not one a text: a million-model dump's
      // texts cost 450 ms of writes one by one); an ASCII chunk's texts are as long in bytes as in characters.
      let at = 0;
      let chunk = "";
      let first = 0;
      const texts: string[] = [];
      const flush = (end: number) => {
        if (Buffer.byteLength(chunk) === chunk.length)
          for (let i = first; i < end; i++) offsets[i + 1] = at += texts[i - first]!.length;
        else for (let i = first; i < end; i++) offsets[i + 1] = at += Buffer.byteLength(texts[i - first]!);
        out.text(chunk);
        chunk = "";
        texts.length = 0;
        first = end;
      };
      for (let i = 0; i < records.count; i++) {
        const text = records.text(i);
        texts.push(text);
        chunk += text;
        if (chunk.length >= TEXT_CHUNK) flush(i + 1);
      }
      flush(records.count);
    });
    tables[kind] = offsets;
  }
  for (const kind of RECORD_KINDS) section(`${kind}Offsets`, () => out.bytes(littleEndian(tables[kind])));
  section("warnings", () => out.text(JSON.stringify(warnings)));
  const blocks = out.finish();
  const header: CompactHeader = {
    format: FORMAT_VERSION,
    layout: LAYOUT,
    captrace: version,
    key,
    ...index,
    sections,
    blocks,
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.byteLength);
  sink.write(headerBytes);
  sink.write(length);
  const checksum = checksumOf(newHasher, headerBytes);
  if (checksum.length > BODY_AT - CHECKSUM_AT) throw new Error("checksum longer than its field");
  sink.writeAt(CHECKSUM_AT, Buffer.from(checksum, "latin1"));
}

/** The compact form in memory (the build's embedded lineage, tests). */
export function encodeCompact(
  graph: LineageGraph,
  warnings: PendingWarnings,
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
/** About how many characters of entry texts go to the staging buffer in one write. */
const TEXT_CHUNK = 1 << 16;

/** Digests a stream of bytes in blocks of BLOCK bytes. */
class BlockHasher {
  private current: Hasher;
  private filled = 0;
  private readonly digests: string[] = [];
  constructor(private readonly newHasher: NewHasher) {
    this.current = newHasher();
  }
  update(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.byteLength) {
      const take = Math.min(BLOCK - this.filled, bytes.byteLength - at);
      this.current.update(bytes.subarray(at, at + take));
      this.filled += take;
      at += take;
      if (this.filled === BLOCK) this.next();
    }
  }
  /** The digests, the last (shorter) block's included. */
  finish(): string[] {
    if (this.filled > 0) this.next();
    return this.digests;
  }
  private next(): void {
    this.digests.push(this.current.digest());
    this.current = this.newHasher();
    this.filled = 0;
  }
}

/** Collects output in a reused buffer, passes it on full, and digests what it passes. */
class Staging {
  private readonly buffer = Buffer.allocUnsafe(STAGING_BYTES);
  private used = 0;
  private flushed = 0;
  constructor(
    private readonly sink: ByteSink,
    private readonly hasher: BlockHasher,
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
  /** Passes on what is left; returns the digests of everything passed, block by block. */
  finish(): string[] {
    this.flush();
    return this.hasher.finish();
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
 * otherwise undefined. Checks the header's checksum, the sections' bounds and sizes, and the blocks that
 * hold the index sections; the index arrays are then as the encoder wrote them. Entries' texts are read
 * when first asked for, each block checked against its digest once (DamagedEntryError if it fails).
 */
export function decodeCompact(
  input: Uint8Array | ByteSource,
  key: string,
  version: string,
  newHasher: NewHasher = quickHasher,
): StoredLineage | undefined {
  const source = input instanceof Uint8Array ? bufferSource(input) : input;
  try {
    const size = source.size;
    if (BIG_ENDIAN || size < BODY_AT + 4) return undefined;
    const front = Buffer.from(source.read(0, BODY_AT));
    if (front.byteLength !== BODY_AT || front.toString("latin1", 0, CHECKSUM_AT) !== MAGIC) return undefined;
    const headerLength = Buffer.from(source.read(size - 4, 4)).readUInt32LE(0);
    const headerAt = size - 4 - headerLength;
    if (headerAt < BODY_AT) return undefined;
    const headerBytes = source.read(headerAt, headerLength);
    if (headerBytes.byteLength !== headerLength) return undefined;
    if (front.toString("latin1", CHECKSUM_AT, BODY_AT).trimEnd() !== checksumOf(newHasher, headerBytes))
      return undefined;
    const header = JSON.parse(
      Buffer.from(headerBytes.buffer, headerBytes.byteOffset, headerLength).toString("utf8"),
    ) as CompactHeader;
    if (
      header.format !== FORMAT_VERSION ||
      header.layout !== LAYOUT ||
      header.captrace !== version ||
      header.key !== key
    )
      return undefined;
    const bodyLength = headerAt - BODY_AT;
    if (!Array.isArray(header.blocks) || header.blocks.length !== Math.ceil(bodyLength / BLOCK)) return undefined;
    const body = new Body(source, bodyLength, header.blocks, newHasher);
    const bounds = (name: SectionName): [number, number] => {
      const [offset, length] = header.sections[name];
      if (!(offset % 4 === 0 && offset >= 0 && length >= 0 && offset + length <= bodyLength))
        throw new Error(`bad section ${name}`);
      return [offset, length];
    };
    // The index sections lie before the first text: read, and checked, in one go.
    const indexEnd = bounds(`${RECORD_KINDS[0]}Text`)[0];
    const index = body.range(0, indexEnd);
    if (index === undefined) return undefined;
    const view = (name: SectionName): [number, number] => {
      const [offset, length] = bounds(name);
      if (offset + length > indexEnd) throw new Error(`section ${name} past the index`);
      return [index.byteOffset + offset, length];
    };
    const ints = (name: IntSection) => {
      const [offset, length] = view(name);
      return new Int32Array(index.buffer, offset, length / 4);
    };
    const decoded = {
      rankOfModel: ints("rankOfModel"),
      parentStart: ints("parentStart"),
      parentRanks: ints("parentRanks"),
      madeBy: ints("madeBy"),
      claimStart: ints("claimStart"),
      claimIndex: ints("claimIndex"),
      claimRank: ints("claimRank"),
      stepHow: ints("stepHow"),
    };
    const byteView = (name: ByteSection) => new Uint8Array(index.buffer, ...view(name));
    const stepConfidence = byteView("stepConfidence");
    const claimEffect = byteView("claimEffect");
    const modelNamedById = byteView("modelNamedById");
    // The offset tables lie after the texts, together: read, and checked, in one go too.
    const tablesStart = bounds(`${RECORD_KINDS[0]}Offsets`)[0];
    const last = bounds(`${RECORD_KINDS[RECORD_KINDS.length - 1]!}Offsets`);
    const tablesEnd = last[0] + last[1];
    const tableBytes = body.range(tablesStart, tablesEnd);
    if (tableBytes === undefined) return undefined;
    // `text`: where the entries' texts start in the body.
    const tables = {} as Record<RecordKind, { offsets: Uint32Array; text: number }>;
    for (const kind of RECORD_KINDS) {
      const [offset, length] = bounds(`${kind}Offsets`);
      if (offset < tablesStart || offset + length > tablesEnd) return undefined;
      const offsets = new Uint32Array(tableBytes.buffer, tableBytes.byteOffset + offset - tablesStart, length / 4);
      const [text, textLength] = bounds(`${kind}Text`);
      if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== textLength) return undefined;
      if (!ascending(offsets)) return undefined;
      tables[kind] = { offsets, text };
    }
    const warnings = bounds("warnings");
    // The ids are ASCII (the schema's Id): latin1 is their UTF-8, and the fastest to decode, as one string.
    const idText = Buffer.from(index.buffer, ...view("modelIdText")).toString("latin1");
    const [idStartAt, idStartLength] = view("modelIdStart");
    const idStart = new Int32Array(index.buffer, idStartAt, idStartLength / 4);
    if (idStart.length === 0 || idStart[0] !== 0 || idStart[idStart.length - 1] !== idText.length) return undefined;
    if (!ascending(idStart)) return undefined;
    const modelIds = textIds(idText, idStart);
    const n = modelIds.length;
    const counts = {
      models: n,
      abilities: header.abilityIds.length,
      sources: header.sourceIds.length,
    };
    for (const kind of ["models", "abilities", "sources"] as const)
      if (tables[kind].offsets.length !== counts[kind] + 1) return undefined;
    const steps = tables.steps.offsets.length - 1;
    if (tables.claims.offsets.length !== steps + 1) return undefined;
    const { rankOfModel, parentStart, parentRanks, madeBy, claimStart, claimIndex, claimRank, stepHow } = decoded;
    if (
      rankOfModel.length !== n ||
      madeBy.length !== n ||
      stepConfidence.length !== n ||
      stepHow.length !== n ||
      modelNamedById.length !== n ||
      parentStart.length !== n + 1
    )
      return undefined;
    if (!Array.isArray(header.hows)) return undefined;
    if (
      claimStart.length !== counts.abilities + 1 ||
      claimRank.length !== claimIndex.length ||
      claimEffect.length !== claimIndex.length
    )
      return undefined;
    if (parentStart[n] !== parentRanks.length || claimStart[counts.abilities] !== claimIndex.length) return undefined;
    return {
      header,
      modelIds,
      ...decoded,
      stepConfidence,
      claimEffect,
      modelNamedById,
      stepCount: steps,
      entry(kind, i) {
        const { offsets, text } = tables[kind];
        return JSON.parse(body.text(text + offsets[i]!, text + offsets[i + 1]!)) as unknown;
      },
      warnings: () => JSON.parse(body.text(warnings[0], warnings[0] + warnings[1])) as PendingWarnings,
    };
  } catch {
    return undefined;
  }
}

/** Whether an array never descends (each id or entry starts where the one before did, or after it). */
function ascending(array: Int32Array | Uint32Array): boolean {
  for (let i = 1; i < array.length; i++) if (array[i]! < array[i - 1]!) return false;
  return true;
}

/** The body of a compact lineage, read block by block from its source, each block checked once. */
class Body {
  private readonly checked = new Map<number, Uint8Array>();
  constructor(
    private readonly source: ByteSource,
    private readonly length: number,
    private readonly digests: readonly string[],
    private readonly newHasher: NewHasher,
  ) {}

  /**
   * Bytes [start, end), `start` a multiple of 4, their blocks read at once and checked, 4-byte aligned in memory
   * (a view of an aligned buffer of their own); undefined if a block fails.
   */
  range(start: number, end: number): Uint8Array | undefined {
    if (end <= start) return new Uint8Array(0);
    const first = Math.floor(start / BLOCK);
    const last = Math.ceil(end / BLOCK);
    const length = Math.min(last * BLOCK, this.length) - first * BLOCK;
    const read = this.source.read(BODY_AT + first * BLOCK, length);
    if (read.byteLength !== length) return undefined;
    const bytes = read.byteOffset % 4 === 0 ? read : Uint8Array.prototype.slice.call(read);
    for (let b = first; b < last; b++) {
      const at = (b - first) * BLOCK;
      if (!this.matches(b, bytes.subarray(at, at + BLOCK))) return undefined;
    }
    return bytes.subarray(start - first * BLOCK, end - first * BLOCK);
  }

  /** The UTF-8 text of body bytes [start, end), its blocks checked; throws DamagedEntryError if one fails. */
  text(start: number, end: number): string {
    if (end <= start) return "";
    const first = Math.floor(start / BLOCK);
    const last = Math.floor((end - 1) / BLOCK);
    if (first === last) {
      const block = this.block(first);
      return Buffer.from(block.buffer, block.byteOffset, block.byteLength).toString(
        "utf8",
        start - first * BLOCK,
        end - first * BLOCK,
      );
    }
    const parts: Uint8Array[] = [];
    for (let b = first; b <= last; b++) parts.push(this.block(b));
    const all = Buffer.concat(parts);
    return all.toString("utf8", start - first * BLOCK, end - first * BLOCK);
  }

  private block(b: number): Uint8Array {
    let bytes = this.checked.get(b);
    if (bytes) return bytes;
    const length = Math.min(BLOCK, this.length - b * BLOCK);
    bytes = this.source.read(BODY_AT + b * BLOCK, length);
    if (bytes.byteLength !== length || !this.matches(b, bytes))
      throw new DamagedEntryError(`block ${b} of a stored lineage does not match its digest`);
    this.checked.set(b, bytes);
    return bytes;
  }

  private matches(b: number, bytes: Uint8Array): boolean {
    return checksumOf(this.newHasher, bytes) === this.digests[b];
  }
}
