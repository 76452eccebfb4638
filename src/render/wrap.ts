/** Measuring and wrapping terminal text: string-width for columns, wrap-ansi for word wrapping. */
import stringWidth from "string-width";
import wrapAnsi from "wrap-ansi";

// Printable ASCII is one column a character: most cells are, and string-width segments graphemes.
const ASCII = /^[\x20-\x7e]*$/;

/** The columns a line takes in a terminal: colour codes take none, wide characters two. */
export function measure(line: string): number {
  return ASCII.test(line) ? line.length : stringWidth(line);
}

/** Words of uncoloured text, each with the hyphens it may break after (`in-context-learning`: `in-`, `context-`, `learning`). */
const PIECE = /[^\s-]*-+|[^\s-]+/g;

/** The widest piece of a line that breaking at spaces and after hyphens cannot make narrower (at most `max`). */
export function longestPiece(line: string, max: number): number {
  if (line.includes("\u001b")) return Math.min(max, Math.max(0, ...line.split(" ").slice(0, 1000).map(measure)));
  let widest = 0;
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
  const hyphenated = line.includes("-") ? line.split(" ").map((w) => splitAtHyphens(w, width)).join(" ") : line;
  return wrapAnsi(hyphenated, width, { hard: true, trim: true }).split("\n");
}

/** A line cut to `width` columns, ending in an ellipsis when cut. */
export function truncate(line: string, width: number): string {
  if (measure(line) <= width) return line;
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
