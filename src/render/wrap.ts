/**
 * Measuring and wrapping terminal text: string-width for columns, wrap-ansi for word wrapping, both loaded
 * on first need (past LONG_LINE code units, a port of them that segments the line a piece at a time). Each makes an Intl.Segmenter when loaded (about 30 ms a start), so text of printable ASCII
 * alone, most of what captrace prints to a pipe, is measured by its length and wrapped by `wrapAscii`, a
 * port of wrap-ansi's own algorithm to that case (a test holds the two equal).
 */
type StringWidth = (text: string) => number;
type WrapAnsi = (
  text: string,
  columns: number,
  options: { hard?: boolean; trim?: boolean; wordWrap?: boolean },
) => string;
let stringWidthFn: StringWidth | undefined;
let wrapAnsiFn: WrapAnsi | undefined;

/** A dependency, required on first use; both are ESM, which Node's require loads from 20.19 on. */
function load<T>(name: string): T {
  // node:module is fetched only here: loading it costs every start a few milliseconds.
  return (process.getBuiltinModule("node:module").createRequire(import.meta.url)(name) as { default: T }).default;
}

// Printable ASCII is one column a character: most cells are, and string-width segments graphemes.
const ASCII = /^[\x20-\x7e]*$/;
/**
 * Printable ASCII and the other characters captrace draws with (box drawing, middle dot, section sign,
 * ellipsis): each is one grapheme of one column, whatever surrounds it (none combines with its neighbour, and
 * string-width reads the ambiguous ones as narrow), so a line of only these is as wide as it is long. A tree
 * of 40,000 lines has a box-drawing prefix on each: string-width's segmenter took over a second on them.
 */
const NARROW = /^[\x20-\x7e\u00a7\u00b7\u2026\u2500-\u257f]*$/;

/**
 * Lines up to this many code units are measured and wrapped by string-width and wrap-ansi; longer ones a
 * grapheme at a time here (`measureLong`, `wrapLong`, `truncateLong`), in time linear in the line.
 */
export const LONG_LINE = 2048;

/**
 * Code units of text given to the segmenter at a time: V8's Intl.Segmenter takes time quadratic in the
 * length of the text it walks (80,000 characters: 12 s on Node 20, 300,000 never finished), and
 * string-width and wrap-ansi give it whole lines and words.
 */
const SEGMENT_UNITS = 256;

let segmenter: Intl.Segmenter | undefined;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * The grapheme clusters of `text`, as a segmenter of the whole text finds them, found a piece at a time:
 * each piece starts at a true boundary (where the last cluster of the piece before began, since that one
 * may go on past its piece), and a boundary depends only on what comes before it and the next character.
 */
export function* graphemes(text: string): Generator<string> {
  segmenter ??= new Intl.Segmenter();
  let start = 0;
  while (start < text.length) {
    let end = start + SEGMENT_UNITS;
    if (end >= text.length) {
      for (const { segment } of segmenter.segment(text.slice(start))) yield segment;
      return;
    }
    if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const piece = [...segmenter.segment(text.slice(start, end))];
    if (piece.length === 1) {
      // One cluster longer than a piece (a letter under thousands of marks) is cut: the marks measure nothing.
      yield piece[0]!.segment;
      start = end;
      continue;
    }
    for (let i = 0; i < piece.length - 1; i++) yield piece[i]!.segment;
    start += piece[piece.length - 1]!.index;
  }
}

/** The widths of the clusters met so far (a text repeats few of them): string-width's own, measured once each. */
const clusterWidths = new Map<string, number>();

function clusterWidth(cluster: string): number {
  if (cluster.length === 1 && NARROW.test(cluster)) return 1;
  let width = clusterWidths.get(cluster);
  if (width === undefined) {
    stringWidthFn ??= load<StringWidth>("string-width");
    width = stringWidthFn(cluster);
    if (clusterWidths.size < 100_000) clusterWidths.set(cluster, width);
  }
  return width;
}

/** A colour code (SGR) or any other CSI sequence: what captrace's own painting writes (text from a file is escaped). */
// eslint-disable-next-line no-control-regex -- escape sequences are what is matched
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;

/** A piece of a line: a cluster with its columns, or an escape sequence (no columns). */
interface Token {
  text: string;
  width: number;
}

function* tokensOf(line: string): Generator<Token> {
  let at = 0;
  for (const m of line.matchAll(CSI)) {
    if (m.index > at) for (const g of graphemes(line.slice(at, m.index))) yield { text: g, width: clusterWidth(g) };
    yield { text: m[0], width: 0 };
    at = m.index + m[0].length;
  }
  for (const g of graphemes(line.slice(at))) yield { text: g, width: clusterWidth(g) };
}

/** What string-width says of a line, in time linear in its length. */
export function measureLong(line: string): number {
  let width = 0;
  for (const token of tokensOf(line)) width += token.width;
  return width;
}

/** The columns a line takes in a terminal: colour codes take none, wide characters two. */
export function measure(line: string): number {
  if (NARROW.test(line)) return line.length;
  if (line.length > LONG_LINE) return measureLong(line);
  stringWidthFn ??= load<StringWidth>("string-width");
  return stringWidthFn(line);
}

/** wrap-ansi's `hard: true, trim: true` wrapping, for a line of printable ASCII: same rows, no Segmenter. */
export function wrapAscii(line: string, columns: number): string[] {
  if (line.trim() === "") return [""];
  let rows = [""];
  let rowLength = 0;
  let first = true;
  const wrapWord = (word: string) => {
    let visible = rowLength;
    for (let i = 0; i < word.length; i++) {
      if (visible > 0 && visible + 1 > columns) {
        rows.push("");
        visible = 0;
      }
      rows[rows.length - 1] = rows[rows.length - 1]! + word.charAt(i);
      visible++;
      if (visible === columns && i < word.length - 1) {
        rows.push("");
        visible = 0;
      }
    }
    rowLength = rows[rows.length - 1]!.length;
  };
  for (const word of line.split(" ")) {
    const last = rows.length - 1;
    const trimmed = rows[last]!.trimStart();
    if (trimmed.length !== rows[last]!.length) {
      rows[last] = trimmed;
      rowLength = trimmed.length;
    }
    if (first) first = false;
    else if (rowLength > 0) {
      rows[rows.length - 1] += " ";
      rowLength++;
    }
    if (word.length > columns) {
      const remaining = columns - rowLength;
      if (Math.floor((word.length - 1) / columns) < 1 + Math.floor((word.length - remaining - 1) / columns)) {
        rows.push("");
        rowLength = 0;
      }
      wrapWord(word);
      continue;
    }
    if (rowLength + word.length > columns && rowLength > 0 && word.length > 0) {
      rows.push("");
      rowLength = 0;
    }
    rows[rows.length - 1] += word;
    rowLength += word.length;
  }
  rows = rows.map((row) => row.trimEnd());
  return rows;
}

/** wrap-ansi, loaded on first use. */
function wrapAnsi(
  text: string,
  columns: number,
  options: { hard?: boolean; trim?: boolean; wordWrap?: boolean },
): string {
  wrapAnsiFn ??= load<WrapAnsi>("wrap-ansi");
  return wrapAnsiFn(text, columns, options);
}

/** Words of uncoloured text, each with the hyphens it may break after (`in-context-learning`: `in-`, `context-`, `learning`). */
const PIECE = /[^\s-]*-+|[^\s-]+/g;

/** The widest piece of a line that breaking at spaces and after hyphens cannot make narrower (at most `max`). */
export function longestPiece(line: string, max: number): number {
  let widest = 0;
  if (line.includes("\u001b")) {
    // Coloured text breaks at spaces only (a loop: a spread of a long line's words would overflow the stack).
    for (const word of line.split(" ")) if ((widest = Math.max(widest, measure(word))) >= max) return max;
    return widest;
  }
  for (const piece of line.match(PIECE) ?? []) {
    const w = measure(piece);
    if (w > widest) widest = w;
    if (widest >= max) return max;
  }
  return widest;
}

/**
 * A word wider than `width`, given break opportunities after its hyphens: split at the last hyphen that
 * fits, as often as it takes, with a space where it was split (two such parts never share a line, since
 * each was the most that fits). Coloured words are left to wrap-ansi.
 */
function splitAtHyphens(word: string, width: number): string {
  if (measure(word) <= width || !word.includes("-") || word.includes("\u001b")) return word;
  const parts: string[] = [];
  let current = "";
  for (const piece of word.match(/[^-]*-+|[^-]+/g) ?? []) {
    if (current && measure(current + piece) > width) {
      parts.push(current);
      current = piece;
    } else current += piece;
  }
  parts.push(current);
  return parts.join(" ");
}

/**
 * Breaks a line into lines of at most `width` columns, at spaces where it can, else after a hyphen, and
 * inside a word only when a piece alone is wider; never inside an escape sequence or a character
 * (wrap-ansi reopens the styles on each line). `width` 0 or less: the line as it is.
 */
export function breakLine(line: string, width: number): string[] {
  if (width <= 0 || measure(line) <= width) return [line];
  const hyphenated = line.includes("-")
    ? line
        .split(" ")
        .map((w) => splitAtHyphens(w, width))
        .join(" ")
    : line;
  if (ASCII.test(hyphenated)) return wrapAscii(hyphenated, width);
  if (hyphenated.length > LONG_LINE) return wrapLong(hyphenated, width);
  return wrapAnsi(hyphenated, width, { hard: true, trim: true }).split("\n");
}

/** A line cut to `width` columns, ending in an ellipsis when cut. */
export function truncate(line: string, width: number): string {
  if (measure(line) <= width) return line;
  if (ASCII.test(line)) return `${line.slice(0, Math.max(1, width - 1))}…`;
  if (line.length > LONG_LINE) return truncateLong(line, width);
  return `${wrapAnsi(line, Math.max(1, width - 1), { hard: true, trim: false, wordWrap: false }).split("\n", 1)[0]}…`;
}

/** The code that ends each colour or attribute an SGR code starts (bold and dim share one). */
function closeOf(code: number): number | undefined {
  if (code === 1 || code === 2) return 22;
  if (code >= 3 && code <= 9) return code === 6 ? undefined : 20 + code;
  if ((code >= 30 && code <= 38) || (code >= 90 && code <= 97)) return 39;
  if ((code >= 40 && code <= 48) || (code >= 100 && code <= 107)) return 49;
  return undefined;
}

/** The styles open after the SGR codes of `text`, starting from `open` (each kept as the code that opened it). */
function stylesAfter(text: string, open: { seq: string; close: number }[]): { seq: string; close: number }[] {
  // eslint-disable-next-line no-control-regex -- colour codes are what is matched
  for (const m of text.matchAll(/\u001b\[([0-9;]*)m/g)) {
    const params = m[1]!;
    const first = params === "" ? 0 : Number.parseInt(params, 10);
    if (first === 0) {
      open = [];
      continue;
    }
    const close = closeOf(first);
    // An extended colour (38;5;n, 38;2;r;g;b) is one style, kept whole.
    if (close !== undefined) open = [...open.filter((o) => o.close !== close), { seq: m[0], close }];
    else open = open.filter((o) => o.close !== first);
  }
  return open;
}

/** Rows of one line, each standing on its own: styles open at a row's end are closed there and reopened on the next row. */
function carryStyles(rows: string[]): string[] {
  if (!rows.some((row) => row.includes("\u001b"))) return rows;
  let open: { seq: string; close: number }[] = [];
  return rows.map((row, i) => {
    const opening = i > 0 && row !== "" ? open.map((o) => o.seq).join("") : "";
    open = stylesAfter(row, open);
    const closing =
      i < rows.length - 1 && row !== ""
        ? [...open]
            .reverse()
            .map((o) => `\u001b[${o.close}m`)
            .join("")
        : "";
    return opening + row + closing;
  });
}

/** Drops the spaces after the last visible character of a row, keeping the escape sequences among them (as wrap-ansi does). */
function trimSpacesRight(row: string): string {
  if (!row.includes(" ")) return row;
  const parts: { text: string; escape: boolean }[] = [];
  let at = 0;
  for (const m of row.matchAll(CSI)) {
    if (m.index > at) parts.push({ text: row.slice(at, m.index), escape: false });
    parts.push({ text: m[0], escape: true });
    at = m.index + m[0].length;
  }
  if (at < row.length) parts.push({ text: row.slice(at), escape: false });
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part.escape) continue;
    let end = part.text.length;
    while (end > 0 && part.text[end - 1] === " ") end--;
    part.text = part.text.slice(0, end);
    if (measureLong(part.text) > 0) break;
  }
  return parts.map((p) => p.text).join("");
}

/** wrap-ansi's wrapping of a word wider than the columns, a cluster at a time; returns the width of the row it ends on. */
function wrapWordLong(rows: string[], word: string, columns: number, rowWidth: number): number {
  let visible = rowWidth;
  const tokens = tokensOf(word);
  let next = tokens.next();
  while (!next.done) {
    const token = next.value;
    next = tokens.next();
    // Escape sequences and combining marks take no columns, so they stay on the current row.
    if (token.width > 0 && visible > 0 && visible + token.width > columns) {
      rows.push("");
      visible = 0;
    }
    rows[rows.length - 1] += token.text;
    visible += token.width;
    if (visible === columns && !next.done) {
      rows.push("");
      visible = 0;
    }
  }
  if (!visible && rows[rows.length - 1]!.length > 0 && rows.length > 1) rows[rows.length - 2] += rows.pop()!;
  return measureLong(rows[rows.length - 1]!);
}

/**
 * wrap-ansi's `hard: true, trim: true` wrapping of one line, in time linear in the line (wrap-ansi segments
 * each word whole: a word of 300,000 CJK characters never finished). Equal to wrap-ansi on text it does not
 * normalise (a test holds the two equal); colours are closed at each row's end and reopened on the next.
 */
export function wrapLong(line: string, columns: number): string[] {
  if (line.trim() === "") return [""];
  const rows = [""];
  let rowLength = 0;
  let trimmedRow = -1;
  let first = true;
  for (const word of line.split(" ")) {
    const r = rows.length - 1;
    if (trimmedRow !== r) {
      const row = rows[r]!;
      const trimmed = row.trimStart();
      if (trimmed.length !== row.length) {
        rows[r] = trimmed;
        rowLength = measureLong(trimmed);
      }
      if (trimmed.length > 0) trimmedRow = r;
    }
    if (first) first = false;
    else if (rowLength > 0) {
      rows[rows.length - 1] += " ";
      rowLength++;
    }
    const width = measureLong(word);
    if (width > columns) {
      const remaining = columns - rowLength;
      if (Math.floor((width - 1) / columns) < 1 + Math.floor((width - remaining - 1) / columns)) {
        rows.push("");
        rowLength = 0;
      }
      rowLength = wrapWordLong(rows, word, columns, rowLength);
      continue;
    }
    if (rowLength + width > columns && rowLength > 0 && width > 0) {
      rows.push("");
      rowLength = 0;
    }
    rows[rows.length - 1] += word;
    rowLength += width;
  }
  return carryStyles(rows.map(trimSpacesRight));
}

/** `truncate` for a long line, a cluster at a time: its first `width - 1` columns (as wrap-ansi cuts them), then an ellipsis. */
export function truncateLong(line: string, width: number): string {
  const columns = Math.max(1, width - 1);
  let out = "";
  let visible = 0;
  const words = line.split(" ");
  cut: for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    if (w > 0) {
      if (visible >= columns) break;
      out += " ";
      visible++;
    }
    const wordWidth = measureLong(word);
    if (visible + wordWidth <= columns) {
      out += word;
      visible += wordWidth;
      continue;
    }
    // A full row takes nothing more; else the word is cut: what fits, and what takes no columns after it if
    // nothing else of the word is left.
    if (visible >= columns) break;
    const tokens = [...tokensOf(word)];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.width > 0 && visible > 0 && visible + token.width > columns) break cut;
      out += token.text;
      visible += token.width;
      if (visible === columns) {
        const rest = tokens.slice(i + 1);
        if (rest.every((t) => t.width === 0)) out += rest.map((t) => t.text).join("");
        break cut;
      }
    }
  }
  return `${carryStyles([out, "…"])[0]}…`;
}

/**
 * Fits lines of prose to `width` (0: unchanged). A line too long wraps at word boundaries with a hanging
 * indent: its continuation lines start two columns past its own indent (`hang` more, when given). Embedded
 * newlines start new lines at the same indent.
 */
export function fit(lines: readonly string[], width: number, hang = 2): string[] {
  const out: string[] = [];
  for (const text of lines) {
    for (const line of text.split("\n")) {
      if (width <= 0 || measure(line) <= width) {
        out.push(line);
        continue;
      }
      const lead = line.length - line.trimStart().length;
      const indent = Math.min(lead + hang, Math.max(0, width - 10));
      const body = breakLine(line.slice(lead), Math.max(1, width - indent));
      out.push(" ".repeat(lead) + body[0]!);
      // One push a line: a note of a million words must not spread into a call's arguments.
      for (let i = 1; i < body.length; i++) out.push(" ".repeat(indent) + body[i]!);
    }
  }
  return out;
}
