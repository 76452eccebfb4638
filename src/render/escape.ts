/**
 * The one escape every text from a lineage file goes through before it reaches a terminal or a picture:
 * what would act on the terminal or hide itself is shown as a visible escape instead.
 */

/**
 * Controls (C0 but the newline, DEL, C1 such as U+0085 and U+009B, the one-byte CSI), format characters
 * (zero-width spaces and joiners U+200B-U+200D, marks U+200E/U+200F and U+061C, bidi embeddings, overrides
 * and isolates U+202A-U+202E and U+2066-U+2069, U+2060 and the invisible operators, U+FEFF, soft hyphen,
 * tag characters), the line and paragraph separators U+2028/U+2029, and every other character Unicode
 * calls default-ignorable (drawn as nothing): the Hangul fillers, the combining grapheme joiner U+034F,
 * variation selectors U+FE00-U+FE0F and U+E0100-U+E01EF, the Mongolian and Khmer ones. A name with any of
 * them cannot pass for one without (`gpt<U+200B>4` and `gpt4<U+FE0F>` are not `gpt4` on screen).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/** `\x1b`, `\u200b`, `\u{e0041}`: a character as the escape that names it. */
function visible(c: string): string {
  const code = c.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\u{${code.toString(16)}}`;
}

/** Text from a lineage file, safe for a terminal: hidden and controlling characters shown as escapes, newlines kept. */
export function escapeText(text: string): string {
  return text.replace(HIDDEN, (c) => (c === "\n" ? c : visible(c)));
}

/** Like escapeText, and newlines shown as `\n` too: for fields of one line (names, ids, cells). */
export function escapeLine(text: string): string {
  return text.replace(HIDDEN, (c) => (c === "\n" ? "\\n" : visible(c)));
}

export { escapeJson } from "../json-text.js";
