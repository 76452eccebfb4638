/**
 * The did-you-mean index of one list of names: answers `suggest(word, names)` (the first name at the
 * least edit distance within the word's limit) without comparing the word with every name.
 *
 * Why this shape: the limit reaches 4 edits for words of 12 characters or more, and the distance counts
 * swaps of neighbours (optimal string alignment), which is not a metric. A SymSpell deletion index holds
 * every deletion of up to that many code units of every name: for the bench's 100k models and 100k steps
 * (6 and 11 characters) 8.7 million postings at distance 2 and 60 million at 4, hundreds of megabytes
 * to gigabytes of Map entries; a BK-tree needs the triangle inequality, which this distance breaks ("ca"-"ac"-"abc");
 * a q-gram count filter lets everything through at 4 edits on short names. The edit-distance table, by
 * contrast, depends on a name only through its prefixes, so it can be computed over a trie, one row per
 * trie node shared by every name below it, and a subtree is left as soon as its row is past the bound
 * (Hanov, "Fast and easy Levenshtein distance using a trie"). The trie here is implicit: the distinct
 * lower-cased names sorted, a node being a range of them with a common prefix, so the index is a few
 * arrays the size of the name count, whatever the names' lengths. Rows are banded (only cells within the
 * bound of the diagonal), the bound is raised 0, 1, 2... up to the limit so a near miss costs only the
 * narrow search, and a subtree is skipped whole when the distance so far plus the word's letters left
 * that no name below has (an OR of letter masks, kept in a segment tree) is past the bound, so a word
 * like none of the names is refused near the root.
 */
import { suggestionLimit } from "../suggest.js";

/** The index of one list of names (made by `buildNameIndex`). */
export interface NameIndex {
  /** The names as given, in their order (ties go to the first). */
  readonly names: readonly string[];
  /** The distinct lower-cased names, sorted by UTF-16 code units (the implicit trie). */
  readonly sorted: readonly string[];
  /** Per sorted name, where its positions in `names` start in `entries` (one more entry at the end). */
  readonly entryStart: Int32Array;
  /** Positions in `names`, grouped by sorted name, ascending within each group. */
  readonly entries: Int32Array;
  /** Segment tree of letter masks over `sorted`: leaves at `sorted.length + i`, OR of children above. */
  readonly masks: Int32Array;
  /** The longest name as given (a word longer than this by more than its limit has no suggestion). */
  readonly longest: number;
}

/** Subtrees of fewer names than this are searched without the letter test (it would cost more than it saves). */
const MASK_MIN = 16;

/** The class bit of a UTF-16 code unit: one per letter a-z, digits two to a bit, everything else one bit. */
function classBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 48 && code <= 57) return 1 << (26 + ((code - 48) % 5));
  return 1 << 31;
}

/** The class bits of every code unit of a string. */
function maskOf(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i++) mask |= classBit(text.charCodeAt(i));
  return mask;
}

/** Indexes `names` (linear in them, plus a sort of the distinct lower-cased ones). */
export function buildNameIndex(names: readonly string[]): NameIndex {
  const lowered = names.map((n) => n.toLowerCase());
  const group = new Map<string, number>();
  let longest = 0;
  for (let i = 0; i < names.length; i++) {
    group.set(lowered[i]!, 0);
    if (names[i]!.length > longest) longest = names[i]!.length;
  }
  const sorted = [...group.keys()].sort();
  sorted.forEach((text, rank) => group.set(text, rank));
  const n = sorted.length;
  // Counting sort of the positions by sorted name: each group stays in the names' order.
  const ranks = Int32Array.from(lowered, (text) => group.get(text)!);
  const entryStart = new Int32Array(n + 1);
  for (const rank of ranks) entryStart[rank + 1]!++;
  for (let u = 0; u < n; u++) entryStart[u + 1]! += entryStart[u]!;
  const entries = new Int32Array(names.length);
  const next = entryStart.slice(0, n);
  ranks.forEach((rank, i) => (entries[next[rank]!++] = i));
  const masks = new Int32Array(2 * n);
  for (let u = 0; u < n; u++) masks[n + u] = maskOf(sorted[u]!);
  for (let k = n - 1; k > 0; k--) masks[k] = masks[2 * k]! | masks[2 * k + 1]!;
  return { names, sorted, entryStart, entries, masks, longest };
}

/** The OR of the letter masks of sorted names [from, to). */
function maskOver(index: NameIndex, from: number, to: number): number {
  const { masks } = index;
  const n = index.sorted.length;
  let mask = 0;
  for (let l = from + n, r = to + n; l < r; l >>= 1, r >>= 1) {
    if (l & 1) mask |= masks[l++]!;
    if (r & 1) mask |= masks[--r]!;
  }
  return mask;
}

/** The first sorted name in [from, to) at or after `from` whose code unit at `at` is not `code` (all before it are). */
function rangeEnd(sorted: readonly string[], from: number, to: number, at: number, code: number): number {
  let step = 1;
  while (from + step < to && sorted[from + step]!.charCodeAt(at) === code) step *= 2;
  let lo = from + (step >> 1) + 1;
  let hi = Math.min(from + step, to);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.charCodeAt(at) === code) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A value past any bound (rows hold small distances). */
const FAR = 1 << 20;

/** Search state for one word. */
interface Search {
  readonly index: NameIndex;
  readonly word: string;
  /** The word's length as given (the length filter compares lengths as given, as the scan does). */
  readonly length: number;
  readonly limit: number;
  /** The class bit of each of the word's code units. */
  readonly bits: Int32Array;
}

/** The first position in `names` (within the length filter) of a sorted name, or -1. */
function firstEntry(search: Search, u: number): number {
  const { entryStart, entries, names } = search.index;
  for (let k = entryStart[u]!; k < entryStart[u + 1]!; k++) {
    const at = entries[k]!;
    if (Math.abs(names[at]!.length - search.length) <= search.limit) return at;
  }
  return -1;
}

/**
 * The first position in `names` among those at distance at most `bound` from the word, or -1: a depth-first
 * walk of the implicit trie computing one banded row per node.
 */
function within(search: Search, bound: number): number {
  const { sorted } = search.index;
  const q = search.word;
  const m = q.length;
  const width = 2 * bound + 3;
  // Row L holds cells j in [L - bound - 1, L + bound + 1] (the band and a sentinel each side).
  const rows = new Int32Array((m + bound + 2) * width);
  const cell = (depth: number, j: number) => depth * width + j - depth + bound + 1;
  for (let j = 0; j <= Math.min(m, bound); j++) rows[cell(0, j)] = j;
  if (bound + 1 <= m) rows[cell(0, bound + 1)] = FAR;
  let best = -1;
  let start = 0;
  // The empty name (a prefix of every other, so first) is the root itself: its distance is the word's length.
  if (sorted[0] === "") {
    if (m <= bound) best = firstEntry(search, 0);
    start = 1;
  }
  // Pending nodes: ranges of sorted names sharing a prefix of `depth` code units; rows of ancestors stay valid.
  const stack: number[] = [];
  const push = (from: number, to: number, depth: number) => {
    for (let a = from; a < to;) {
      const b = rangeEnd(sorted, a, to, depth, sorted[a]!.charCodeAt(depth));
      stack.push(a, b, depth + 1);
      a = b;
    }
  };
  // unmatched[j]: how many of the word's code units from j on no name of the node has a letter for.
  const unmatched = new Int32Array(m + 1);
  const bits = search.bits;
  /**
   * Whether no name below a node (rows computed to `depth`) is within the bound: an alignment passes row
   * `depth` at some j (cost so far at least that cell), and each code unit of the word from j on with no
   * letter in the names below costs an edit. One that jumps over the row by a swap from (depth - 1, j)
   * costs no less than one through (depth, j + 1) by a substitution: the swapped unit of the word, j, is
   * then a letter the names have, so it adds nothing to `unmatched`.
   */
  const hopeless = (from: number, to: number, depth: number): boolean => {
    const mask = maskOver(search.index, from, to);
    for (let j = m - 1; j >= 0; j--) unmatched[j] = unmatched[j + 1]! + ((bits[j]! & mask) === 0 ? 1 : 0);
    for (let j = Math.max(0, depth - bound); j <= Math.min(m, depth + bound); j++)
      if (rows[cell(depth, j)]! + unmatched[j]! <= bound) return false;
    return true;
  };
  push(start, sorted.length, 0);
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const to = stack.pop()!;
    let from = stack.pop()!;
    const name = sorted[from]!;
    const lo = Math.max(0, depth - bound);
    const hi = Math.min(m, depth + bound);
    if (lo > hi) continue;
    const c = name.charCodeAt(depth - 1);
    const pc = depth > 1 ? name.charCodeAt(depth - 2) : -1;
    if (lo > 0) rows[cell(depth, lo - 1)] = FAR;
    let rowMin = FAR;
    for (let j = lo; j <= hi; j++) {
      let v: number;
      if (j === 0) v = depth;
      else {
        const qj = q.charCodeAt(j - 1);
        v = Math.min(
          rows[cell(depth - 1, j)]! + 1,
          rows[cell(depth, j - 1)]! + 1,
          rows[cell(depth - 1, j - 1)]! + (c === qj ? 0 : 1),
        );
        if (pc >= 0 && j > 1 && c === q.charCodeAt(j - 2) && pc === qj)
          v = Math.min(v, rows[cell(depth - 2, j - 2)]! + 1);
      }
      rows[cell(depth, j)] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi + 1 <= m) rows[cell(depth, hi + 1)] = FAR;
    // Every cell below is at least the least of this row (or of the one before, reached by a swap, which is
    // never below this row's least minus one): past the bound here, past it in the whole subtree.
    if (rowMin > bound || (to - from >= MASK_MIN && hopeless(from, to, depth))) continue;
    if (name.length === depth) {
      if (hi === m && rows[cell(depth, m)]! <= bound) {
        const at = firstEntry(search, from);
        if (at >= 0 && (best < 0 || at < best)) best = at;
      }
      from++;
    }
    push(from, to, depth);
  }
  return best;
}

/** The exact lower-cased name among the sorted ones, or -1 (binary search). */
function exact(sorted: readonly string[], text: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < text) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === text ? lo : -1;
}

/** What `suggest(word, index.names)` answers: the first name at the least distance within the word's limit, or undefined. */
export function suggestFrom(index: NameIndex, word: string): string | undefined {
  const limit = suggestionLimit(word);
  if (word.length > index.longest + limit || index.sorted.length === 0) return undefined;
  const lowered = word.toLowerCase();
  const bits = Int32Array.from({ length: lowered.length }, (_, i) => classBit(lowered.charCodeAt(i)));
  const search: Search = { index, word: lowered, length: word.length, limit, bits };
  const same = exact(index.sorted, lowered);
  let at = same >= 0 ? firstEntry(search, same) : -1;
  for (let bound = 1; at < 0 && bound <= limit; bound++) at = within(search, bound);
  return at < 0 ? undefined : index.names[at];
}
