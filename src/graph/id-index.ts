/**
 * Position of each id in a list, as a read-only map, made cheaply for a list of a million ids: a query that
 * asks for a few ids finds them by scanning the list (a few milliseconds each), and only one that asks for
 * more pays for an index, an open-addressing table of positions in one typed array (a hash of each id, no
 * Map entry per id: a Map of a million strings took 0.6 to 1.2 s to build on the bench machine).
 */

/** Lookups answered by a scan of the list before the table is made. */
const SCANS = 4;

/** FNV-1a over the UTF-16 code units of a string: 32 bits. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The map id -> `valueOf(position)` of a list of distinct ids, iterated as `order` gives: `order[k]` has
 * value k (for the graph: ids in file order, values their lineage ranks, iterated in lineage order).
 */
export class IdIndex implements ReadonlyMap<string, number> {
  private table: Int32Array | undefined;
  private mask = 0;
  private scans = 0;
  private readonly scanned = new Map<string, number>();

  constructor(
    private readonly ids: readonly string[],
    private readonly valueOf: (position: number) => number,
    private readonly order: readonly string[],
  ) {}

  /** The table: each id's position at the first free slot from its hash on (linear probing, at most half full). */
  private made(): Int32Array {
    if (this.table) return this.table;
    const { ids } = this;
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    const mask = size - 1;
    const table = new Int32Array(size).fill(-1);
    for (let i = 0; i < ids.length; i++) {
      let h = hashOf(ids[i]!) & mask;
      while (table[h] !== -1) h = (h + 1) & mask;
      table[h] = i;
    }
    this.mask = mask;
    return (this.table = table);
  }

  /** The position of an id in the list, or -1. */
  position(id: string): number {
    if (typeof id !== "string") return -1;
    if (!this.table && this.scans < SCANS) {
      let position = this.scanned.get(id);
      if (position === undefined) {
        this.scans++;
        this.scanned.set(id, (position = this.ids.indexOf(id)));
      }
      return position;
    }
    const table = this.made();
    const { mask, ids } = this;
    for (let h = hashOf(id) & mask; ; h = (h + 1) & mask) {
      const i = table[h]!;
      if (i === -1 || ids[i] === id) return i;
    }
  }

  get(id: string): number | undefined {
    const position = this.position(id);
    return position < 0 ? undefined : this.valueOf(position);
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
