/**
 * The did-you-mean index of one list of names: answers `suggest(word, names)` (the first name at the least edit
 * distance within the word's limit) without comparing the word with every name.
 *
 * Why this shape: the limit reaches 4 edits for words of 12 characters or more, and the distance counts swaps of
 * neighbours (optimal string alignment), which is not a metric. A SymSpell deletion index holds every deletion of
 * up to that many code units of every name: for the bench's 100k models and 100k steps (6 and 11 characters) 8.7
 * million postings at distance 2 and 60 million at 4, hundreds of megabytes to gigabytes of Map entries. A BK-tree
 * needs the triangle inequality, which this distance breaks ("ca"-"ac"-"abc"). A q-gram count filter lets
 * everything through at 4 edits on short names. The edit-distance table, by contrast, depends on a name only
 * through its prefixes, so it can be computed over a trie, one row per trie node shared by every name below it,
 * and a subtree is left as soon as its row is past the bound (Hanov, "Fast and easy Levenshtein distance using a
 * trie"). The trie is built in one pass over the distinct lower-cased names sorted, laid out in preorder in typed
 * arrays (22 bytes a node, one node per distinct prefix, and 8 bytes a name: 3.0 MB for the bench's 100k models,
 * 6.0 MB with its 100k steps). Rows are banded (only cells within the bound of the diagonal); the bound is raised
 * 1, 2... up to the limit, so a near miss costs only the narrow search; and a subtree is skipped whole when the
 * distance so far plus a lower bound on what is left (the word's letters that no name below has, the difference
 * in length left) is past the bound, so a word like none of the names is refused near the root.
 */
import { suggestionLimit } from "../suggest.js";

/** The index of one list of names (made by `buildNameIndex`): a trie of the distinct lower-cased names. */
export interface NameIndex {
  /** The names as given, in their order (ties go to the first). */
  readonly names: readonly string[];
  /** Per trie node in preorder (node 0 the root): the code unit that leads to it. */
  readonly chars: Uint16Array;
  /** Per node: the node after its subtree (its first child is the next node, a child's sibling is its end). */
  readonly end: Int32Array;
  /** Per node: the distinct name ending there (its rank in sorted order), or -1. */
  readonly term: Int32Array;
  /** Per node: the class bits of the code units below it. */
  readonly below: Int32Array;
  /** Per node: the lengths of the shortest and the longest distinct name at or below it. */
  readonly shortest: Int32Array;
  readonly deepest: Int32Array;
  /** Per distinct name, where its positions in `names` start in `entries` (one more entry at the end). */
  readonly entryStart: Int32Array;
  /** Positions in `names`, grouped by distinct name, ascending within each group. */
  readonly entries: Int32Array;
  /** The longest name as given (a word longer than this by more than its limit has no suggestion). */
  readonly longest: number;
}

/** Subtrees of fewer nodes than this are searched without the letter test (it would cost more than it saves). */
const MASK_MIN = 16;

/** The class bit of a UTF-16 code unit: one per letter a-z, digits two to a bit, everything else one bit. */
function classBit(code: number): number {
  if (code >= 97 && code <= 122) return 1 << (code - 97);
  if (code >= 48 && code <= 57) return 1 << (26 + ((code - 48) % 5));
  return 1 << 31;
}

/** The length of the common prefix of two strings. */
function common(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Indexes `names` (linear in their length, plus a sort of the distinct lower-cased ones). */
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
  // Counting sort of the positions by distinct name: each group stays in the names' order.
  const ranks = Int32Array.from(lowered, (text) => group.get(text)!);
  group.clear();
  const entryStart = new Int32Array(n + 1);
  for (const rank of ranks) entryStart[rank + 1]!++;
  for (let u = 0; u < n; u++) entryStart[u + 1]! += entryStart[u]!;
  const entries = new Int32Array(names.length);
  const next = entryStart.slice(0, n);
  ranks.forEach((rank, i) => (entries[next[rank]!++] = i));
  // The trie: one node per distinct prefix, in preorder, as the sorted names are read.
  let size = 1;
  let deepest = 0;
  for (let u = 0; u < n; u++) {
    size += sorted[u]!.length - (u > 0 ? common(sorted[u - 1]!, sorted[u]!) : 0);
    deepest = Math.max(deepest, sorted[u]!.length);
  }
  const chars = new Uint16Array(size);
  const end = new Int32Array(size);
  const term = new Int32Array(size).fill(-1);
  const below = new Int32Array(size);
  const shortest = new Int32Array(size).fill(deepest);
  const deepestBelow = new Int32Array(size);
  const path = new Int32Array(deepest + 1);
  let count = 1;
  let open = 0;
  // Closes the nodes of the current path deeper than `depth`: their ends are known, their letters go up.
  const close = (depth: number) => {
    for (; open > depth; open--) {
      const node = path[open]!;
      end[node] = count;
      const parent = path[open - 1]!;
      below[parent]! |= below[node]! | classBit(chars[node]!);
      shortest[parent] = Math.min(shortest[parent]!, shortest[node]!);
      deepestBelow[parent] = Math.max(deepestBelow[parent]!, deepestBelow[node]!);
    }
  };
  for (let u = 0; u < n; u++) {
    const text = sorted[u]!;
    const shared = u > 0 ? common(sorted[u - 1]!, text) : 0;
    close(shared);
    for (; open < text.length; open++) {
      chars[count] = text.charCodeAt(open);
      path[open + 1] = count++;
    }
    const at = path[text.length]!;
    term[at] = u;
    shortest[at] = deepestBelow[at] = text.length;
  }
  close(0);
  end[0] = count;
  return { names, chars, end, term, below, shortest, deepest: deepestBelow, entryStart, entries, longest };
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

/** The first position in `names` (within the length filter) of a distinct name, or -1. */
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
 * walk of the trie computing one banded row per node.
 */
function within(search: Search, bound: number): number {
  const { chars, end, term, below, shortest, deepest } = search.index;
  const q = search.word;
  const m = q.length;
  const width = 2 * bound + 3;
  // Row L holds cells j in [L - bound - 1, L + bound + 1] (the band and a sentinel each side).
  const rows = new Int32Array((m + bound + 2) * width);
  const cell = (depth: number, j: number) => depth * width + j - depth + bound + 1;
  for (let j = 0; j <= Math.min(m, bound); j++) rows[cell(0, j)] = j;
  if (bound + 1 <= m) rows[cell(0, bound + 1)] = FAR;
  // The code unit at each depth of the node being searched (its ancestors' stay valid below it).
  const pathChar = new Int32Array(m + bound + 2);
  let best = -1;
  const hit = (node: number) => {
    const at = term[node]! >= 0 ? firstEntry(search, term[node]!) : -1;
    if (at >= 0 && (best < 0 || at < best)) best = at;
  };
  if (m <= bound) hit(0);
  // unmatched[j]: how many of the word's code units from j on have no letter below the node.
  const unmatched = new Int32Array(m + 1);
  const bits = search.bits;
  /**
   * Whether no name below a node (rows computed to `depth`) is within the bound: an alignment passes row
   * `depth` at some j (cost so far at least that cell), and what is left costs at least an edit for each
   * code unit of the word from j on with no letter below, and at least the difference between what is
   * left of the word and of the names below. One that jumps over the row by a swap from (depth - 1, j)
   * costs no less than one through (depth, j + 1) by a substitution, as the lengths left differ by the same
   * and the unit of the word left over, j + 1, is the node's own letter (so the letters counted are those
   * below and the node's own).
   */
  const hopeless = (node: number, depth: number): boolean => {
    const mask = below[node]! | classBit(chars[node]!);
    for (let j = m - 1; j >= 0; j--) unmatched[j] = unmatched[j + 1]! + ((bits[j]! & mask) === 0 ? 1 : 0);
    const shortLeft = shortest[node]! - depth;
    const longLeft = deepest[node]! - depth;
    const hi = Math.min(m, depth + bound);
    for (let j = Math.max(0, depth - bound); j <= hi; j++) {
      const left = m - j;
      const rest = Math.max(unmatched[j]!, left - longLeft, shortLeft - left);
      if (rows[cell(depth, j)]! + rest <= bound) return false;
    }
    return true;
  };
  // Pending nodes and their depths.
  const stack: number[] = [];
  for (let child = 1; child < end[0]!; child = end[child]!) stack.push(child, 1);
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const node = stack.pop()!;
    const lo = Math.max(0, depth - bound);
    const hi = Math.min(m, depth + bound);
    if (lo > hi) continue;
    const c = chars[node]!;
    pathChar[depth] = c;
    const pc = depth > 1 ? pathChar[depth - 1]! : -1;
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
    if (rowMin > bound || (end[node]! - node >= MASK_MIN && hopeless(node, depth))) continue;
    if (hi === m && rows[cell(depth, m)]! <= bound) hit(node);
    for (let child = node + 1; child < end[node]!; child = end[child]!) stack.push(child, depth + 1);
  }
  return best;
}

/** The trie node of exactly `text`, or -1. */
function exact(index: NameIndex, text: string): number {
  let node = 0;
  for (let i = 0; i < text.length && node >= 0; i++) {
    const code = text.charCodeAt(i);
    let child = node + 1;
    while (child < index.end[node]! && index.chars[child] !== code) child = index.end[child]!;
    node = child < index.end[node]! ? child : -1;
  }
  return node;
}

/** What `suggest(word, index.names)` answers: the first name at the least distance within the limit, or undefined. */
export function suggestFrom(index: NameIndex, word: string): string | undefined {
  const limit = suggestionLimit(word);
  if (word.length > index.longest + limit || index.names.length === 0) return undefined;
  const lowered = word.toLowerCase();
  const bits = Int32Array.from({ length: lowered.length }, (_, i) => classBit(lowered.charCodeAt(i)));
  const search: Search = { index, word: lowered, length: word.length, limit, bits };
  const node = exact(index, lowered);
  let at = node >= 0 && index.term[node]! >= 0 ? firstEntry(search, index.term[node]!) : -1;
  for (let bound = 1; at < 0 && bound <= limit; bound++) at = within(search, bound);
  return at < 0 ? undefined : index.names[at];
}
