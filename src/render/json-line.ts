/**
 * One compact JSON line of a result, byte for byte what `JSON.stringify` writes, reusing the text of the frozen
 * parts it wrote before. The answers of a batch share their frozen entries and parentage (most of their bytes),
 * so those are serialised once per batch; the rest is left to JSON.stringify, which is fastest on plain data.
 */

/** The text of frozen objects already written, by identity; one per batch. */
export type JsonTexts = WeakMap<object, string>;

/** How many levels of plain objects are taken apart to find frozen parts (a trace's answer, then its readings). */
const DEPTH = 2;

/** `"key":` for each key met, made once. */
const keyTexts = new Map<string, string>();

/** `value` as JSON.stringify(value) writes it, taking the text of a frozen object from (and adding it to) `known`. */
export function renderJsonLine(value: unknown, known: JsonTexts): string {
  return json(value, known, DEPTH) ?? "null";
}

/** The text of a frozen (so unchanging) object, written once. */
function frozenText(value: object, known: JsonTexts): string {
  let text = known.get(value);
  if (text === undefined) known.set(value, (text = JSON.stringify(value)));
  return text;
}

/** Whether every element is a frozen object. */
function allFrozen(list: readonly unknown[]): boolean {
  for (const v of list) if (typeof v !== "object" || v === null || !Object.isFrozen(v)) return false;
  return true;
}

/** The JSON of a value, or undefined where JSON.stringify leaves it out (undefined, functions, symbols). */
function json(value: unknown, known: JsonTexts, depth: number): string | undefined {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
  if (Object.isFrozen(value)) return frozenText(value, known);
  if (Array.isArray(value)) {
    if (value.length > 0 && allFrozen(value)) return `[${value.map((v: object) => frozenText(v, known)).join(",")}]`;
    if (depth === 0) return JSON.stringify(value);
    let text = "[";
    for (let i = 0; i < value.length; i++) text += `${i ? "," : ""}${json(value[i], known, depth) ?? "null"}`;
    return `${text}]`;
  }
  if (depth === 0) return JSON.stringify(value);
  let text = "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const part = json((value as Record<string, unknown>)[key], known, depth - 1);
    if (part === undefined) continue;
    let k = keyTexts.get(key);
    if (k === undefined) {
      k = `${JSON.stringify(key)}:`;
      // Bounded: results have a few dozen distinct keys; others are written without being kept.
      if (keyTexts.size < 256) keyTexts.set(key, k);
    }
    text += first ? k + part : `,${k}${part}`;
    first = false;
  }
  return `${text}}`;
}
