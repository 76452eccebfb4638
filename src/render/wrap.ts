/**
 * Measuring and wrapping terminal text: string-width for columns, wrap-ansi for word wrapping, both loaded
 * on first need. Each makes an Intl.Segmenter when loaded (about 30 ms a start), so text of printable ASCII
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

/** The columns a line takes in a terminal: colour codes take none, wide characters two. */
export function measure(line: string): number {
  if (NARROW.test(line)) return line.length;
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
  return wrapAnsi(hyphenated, width, { hard: true, trim: true }).split("\n");
}

/** A line cut to `width` columns, ending in an ellipsis when cut. */
export function truncate(line: string, width: number): string {
  if (measure(line) <= width) return line;
  if (ASCII.test(line)) return `${line.slice(0, Math.max(1, width - 1))}…`;
  return `${wrapAnsi(line, Math.max(1, width - 1), { hard: true, trim: false, wordWrap: false }).split("\n", 1)[0]}…`;
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
