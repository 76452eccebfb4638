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

/** FNV-1a over the UTF-16 code units of a string: 32 bits. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** Notes that the model at `rank` has id `id`, where the graph's rank index keeps such notes (see `IdIndex.remember`). */
export function rememberRank(rank: ReadonlyMap<string, number>, id: string, value: number): void {
  if (rank instanceof IdIndex) rank.remember(id, value);
}

/**
 * The map id -> `valueOf(position)` of a list of distinct ids, iterated as `order` gives: `order[k]` has
 * value k (for the graph: ids in file order, values their lineage ranks, iterated in lineage order).
 */
export class IdIndex implements ReadonlyMap<string, number> {
  private table: Int32Array | undefined;
  private mask = 0;
  private scans = 0;
  /** Values known without the table: ids scanned for, and ids a walk turned a rank into (`remember`). */
  private readonly known = new Map<string, number>();

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
        const position = this.ids.indexOf(id);
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
      if (ids[i] === id) return this.valueOf(i);
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
