/** JSON text safe for a terminal: shared, since the trace query writes its batch answers as such text. */

/**
 * What JSON.stringify leaves raw that acts on a terminal or hides itself (it escapes C0 controls only): DEL
 * and C1 controls, format and other default-ignorable characters, the line and paragraph separators.
 */
const JSON_HIDDEN = /[\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * JSON text safe for a terminal and still exact: each hidden character as its `\uXXXX` escape, which a JSON
 * reader reads back as the same character (they can only stand inside strings, where an escape means them).
 */
export function escapeJson(json: string): string {
  // Every character JSON_HIDDEN matches is DEL or past ASCII: a text of ASCII alone (its UTF-8 as long as
  // itself) without DEL has none, and both are checked at memory speed (the pattern's Unicode classes cost
  // 143 ms over a 10,000-answer batch's 67 MB).
  if (Buffer.byteLength(json) === json.length && !json.includes("\u007f")) return json;
  return json.replace(JSON_HIDDEN, (c) => {
    let out = "";
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`;
    return out;
  });
}
