/**
 * Position of each id in a list, as a read-only map, made cheaply for a list of a million ids: a query that
 * asks for a few ids finds them by scanning the list (a few milliseconds each), and only one that asks for
 * more pays for an index, an open-addressing table of positions in one typed array (a hash of each id, no
 * Map entry per id: a Map of a million strings took 0.6 to 1.2 s to build on the bench machine).
 */

/** Lookups answered by a scan of the list before the table is made. */
const SCANS = 4;
/** Ids remembered with their value (see `remember`) before the table is made; past this the table is cheaper. */
const REMEMBERED = 1 << 16;

/** FNV-1a over the UTF-16 code units of `text` from `start` to `end`: 32 bits. */
function hashOf(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * A list of distinct ids, by position: an array, or one text that holds them all (`textIds`), whose ids are
 * made one at a time when asked for. A million ids made at once, as strings of their own, cost a compact
 * lineage's every query most of its time to open (the young generation copies each of them twice).
 */
export interface IdList {
  readonly length: number;
  /** The id at a position. */
  at(position: number): string;
  /** The position of an id, or -1. */
  find(id: string): number;
  /** The hash of the id at a position (`hashOf` of it), made without making the id. */
  hash(position: number): number;
  /** Whether the id at a position is `id`. */
  is(position: number, id: string): boolean;
  /** Every id in order (made once, on first call). */
  all(): readonly string[];
}

/** An array of ids as an IdList. */
export function arrayIds(ids: readonly string[]): IdList {
  return {
    length: ids.length,
    at: (i) => ids[i]!,
    find: (id) => ids.indexOf(id),
    hash: (i) => hashOf(ids[i]!),
    is: (i, id) => ids[i] === id,
    all: () => ids,
  };
}

/**
 * The ids of a text in which each is followed by a newline (no id holds one), the id at position i starting
 * at `start[i]` (`start` has one more entry: the text's length). The caller checks that the starts ascend
 * within the text.
 */
export function textIds(text: string, start: Int32Array): IdList {
  const length = start.length - 1;
  let list: string[] | undefined;
  return {
    length,
    at: (i) => text.slice(start[i], start[i + 1]! - 1),
    find(id) {
      if (id.length === 0 || id.includes("\n")) return -1;
      // A search of the text, then the position by bisection of the starts.
      const at = text.startsWith(`${id}\n`) ? 0 : text.indexOf(`\n${id}\n`) + 1;
      if (at === 0 && !text.startsWith(`${id}\n`)) return -1;
      let lo = 0;
      let hi = length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (start[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      return start[lo] === at ? lo : -1;
    },
    hash: (i) => hashOf(text, start[i], start[i + 1]! - 1),
    is: (i, id) => start[i + 1]! - 1 - start[i]! === id.length && text.startsWith(id, start[i]),
    all: () => (list ??= length === 0 ? [] : text.slice(0, -1).split("\n")),
  };
}

/** The id of the model at `rank`: made from the index's id list where the graph's rank is an IdIndex (no list of them made). */
export function idOfRank(rank: ReadonlyMap<string, number>, order: readonly string[], r: number): string {
  return rank instanceof IdIndex ? rank.idOf(r) : order[r]!;
}

/** Notes that the model at `rank` has id `id`, where the graph's rank index keeps such notes (see `IdIndex.remember`). */
export function rememberRank(rank: ReadonlyMap<string, number>, id: string, value: number): void {
  if (rank instanceof IdIndex) rank.remember(id, value);
}

/**
 * The map id -> `valueOf(position)` of a list of distinct ids, iterated as `order` gives: `order[k]` has
 * value k (for the graph: ids in file order, values their lineage ranks, iterated in lineage order).
 * `idOf(k)` is `order[k]`, made without `order` when it is a list not yet made.
 */
export class IdIndex implements ReadonlyMap<string, number> {
  private table: Int32Array | undefined;
  private mask = 0;
  private scans = 0;
  /** Values known without the table: ids scanned for, and ids a walk turned a rank into (`remember`). */
  private readonly known = new Map<string, number>();

  private readonly ids: IdList;
  constructor(
    ids: IdList | readonly string[],
    private readonly valueOf: (position: number) => number,
    private readonly order: readonly string[],
    /** The id of value k (`order[k]`). */
    readonly idOf: (value: number) => string = (k) => order[k]!,
  ) {
    this.ids = Array.isArray(ids) ? arrayIds(ids as readonly string[]) : (ids as IdList);
  }

  /** The table: each id's position at the first free slot from its hash on (linear probing, at most half full). */
  private made(): Int32Array {
    if (this.table) return this.table;
    const { ids } = this;
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    const mask = size - 1;
    const table = new Int32Array(size).fill(-1);
    for (let i = 0; i < ids.length; i++) {
      let h = ids.hash(i) & mask;
      while (table[h] !== -1) h = (h + 1) & mask;
      table[h] = i;
    }
    this.mask = mask;
    return (this.table = table);
  }

  /**
   * Notes that `id` has value `value` (`order[value] === id`), for a walk that hands out ids of ranks it
   * found: asking for them again then needs neither a scan nor the table. Ignored once the table is made.
   */
  remember(id: string, value: number): void {
    if (!this.table && this.known.size < REMEMBERED) this.known.set(id, value);
  }

  get(id: string): number | undefined {
    if (typeof id !== "string") return undefined;
    if (!this.table) {
      const known = this.known.get(id);
      if (known !== undefined) return known < 0 ? undefined : known;
      if (this.scans < SCANS) {
        this.scans++;
        const position = this.ids.find(id);
        const value = position < 0 ? -1 : this.valueOf(position);
        this.known.set(id, value);
        return position < 0 ? undefined : value;
      }
    }
    const table = this.made();
    const { mask, ids } = this;
    for (let h = hashOf(id) & mask; ; h = (h + 1) & mask) {
      const i = table[h]!;
      if (i === -1) return undefined;
      if (ids.is(i, id)) return this.valueOf(i);
    }
  }
  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
  get size(): number {
    return this.ids.length;
  }
  *entries(): MapIterator<[string, number]> {
    for (let k = 0; k < this.order.length; k++) yield [this.order[k]!, k];
  }
  *keys(): MapIterator<string> {
    yield* this.order;
  }
  *values(): MapIterator<number> {
    for (let k = 0; k < this.order.length; k++) yield k;
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void): void {
    for (let k = 0; k < this.order.length; k++) callback(k, this.order[k]!, this);
  }
}

/** The index a property key names, if it is a canonical array index below 2^31 ("0", "17"; not "01" or "1e3"). */
function indexKey(key: string): number | undefined {
  const length = key.length;
  if (length === 0 || length > 10 || (length > 1 && key.charCodeAt(0) === 48)) return undefined;
  let k = 0;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    k = k * 10 + c;
  }
  return k < 2 ** 31 ? k : undefined;
}

/**
 * A read-only array of `n` ids whose elements are made when read (`idOf`), and whole (`all`) only when it is
 * used otherwise: iterated, mapped, searched, its keys listed. It answers as the array `all()` would; its
 * elements cannot be set.
 */
export function lazyOrder(n: number, idOf: (k: number) => string, all: () => readonly string[]): readonly string[] {
  return new Proxy<string[]>([], {
    get(_, key) {
      if (typeof key === "string") {
        if (key === "length") return n;
        const k = indexKey(key);
        if (k !== undefined) return k < n ? idOf(k) : undefined;
      }
      const list = all();
      const value: unknown = Reflect.get(list, key);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(list) : value;
    },
    has: (_, key) => Reflect.has(all(), key),
    ownKeys: () => Reflect.ownKeys(all()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(all(), key),
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}
