/** "Did you mean" suggestions by edit distance. */

/** Three reusable rows of the distance table. */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The distance of lower-cased strings, or `limit + 1` past the limit. */
function bounded(s: string, t: string, limit: number): number {
  if (s === t) return 0;
  if (rows[0].length <= t.length)
    rows = [new Int32Array(t.length + 1), new Int32Array(t.length + 1), new Int32Array(t.length + 1)];
  let [before, prev, cur] = rows;
  for (let j = 0; j <= t.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= s.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const si = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const tj = t.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (si === tj ? 0 : 1));
      if (i > 1 && j > 1 && si === t.charCodeAt(j - 2) && s.charCodeAt(i - 2) === tj)
        d = Math.min(d, before[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // A swap reaches back two rows: every later cell is past the limit once this row and the one before are.
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[t.length]!, limit + 1);
}

/**
 * Edit distance (insertions, deletions, substitutions, swaps of neighbours), case-insensitive; past
 * `limit` it returns `limit + 1`, stopping early.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  return bounded(a.toLowerCase(), b.toLowerCase(), limit);
}

/** The most edits a suggestion for `word` may be away: a third of its length, at least 1 and at most 4. */
export function suggestionLimit(word: string): number {
  return Math.max(1, Math.min(4, Math.floor(word.length / 3)));
}

/**
 * The closest candidate within a distance that scales with the word, or undefined: the first candidate
 * (lengths within the limit, as given) at the least distance. A scan of every candidate, for short lists;
 * `src/graph/name-index.ts` answers the same from an index for a lineage's names.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = suggestionLimit(word);
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = bounded(w, candidate.toLowerCase(), Math.min(limit, bestDistance - 1));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** " (did you mean X?)" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hit = suggest(word, candidates);
  return hit === undefined ? "" : ` (did you mean ${hit}?)`;
}
