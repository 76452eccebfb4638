/** Lineage order: parents before children, ties in file order; shared by the validator and the graph. */

/** The distinct ids of a list, first occurrence first (the list itself when it has fewer than two). */
function distinct(ids: readonly string[]): readonly string[] {
  return ids.length < 2 ? ids : [...new Set(ids)];
}

/** A minimal binary heap of numbers, smallest first. */
class MinHeap {
  private readonly items: number[] = [];
  get size(): number {
    return this.items.length;
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= value) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = value;
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < (m === i ? last : a[m]!)) m = l;
        if (r < a.length && a[r]! < (m === i ? last : a[m]!)) m = r;
        if (m === i) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top;
  }
}

/**
 * Parents before children, ties broken by file order (Kahn's algorithm with a heap, over indexes).
 * `parentsOf` gives the parents of the step that makes a model (undefined for none). Models on a cycle,
 * or below one, are left out: the validator names them.
 */
export function lineageOrder(
  ids: readonly string[],
  parentsOf: (id: string) => readonly string[] | undefined,
): string[] {
  const n = ids.length;
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) index.set(ids[i]!, i);
  // Parents that are not models (unknown ids, reported elsewhere) do not hold a model back.
  const pending = new Int32Array(n);
  const childCount = new Int32Array(n + 1);
  const parents: (readonly number[] | undefined)[] = new Array<readonly number[] | undefined>(n);
  for (let i = 0; i < n; i++) {
    const from = parentsOf(ids[i]!);
    if (!from || from.length === 0) continue;
    const list: number[] = [];
    for (const id of distinct(from)) {
      const p = index.get(id);
      if (p === undefined || p === i) continue;
      list.push(p);
      childCount[p + 1]!++;
    }
    pending[i] = list.length;
    parents[i] = list;
  }
  for (let i = 0; i < n; i++) childCount[i + 1]! += childCount[i]!;
  const children = new Int32Array(childCount[n]!);
  const next = childCount.slice(0, n);
  for (let i = 0; i < n; i++) {
    const list = parents[i];
    if (list === undefined) continue; // a root: no empty list made for each of the many
    for (let k = 0; k < list.length; k++) children[next[list[k]!]!++] = i;
  }
  const heap = new MinHeap();
  for (let i = 0; i < n; i++) if (pending[i] === 0) heap.push(i);
  const order: string[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    order.push(ids[i]!);
    for (let j = childCount[i]!; j < childCount[i + 1]!; j++) {
      const c = children[j]!;
      if (--pending[c]! === 0) heap.push(c);
    }
  }
  return order;
}
