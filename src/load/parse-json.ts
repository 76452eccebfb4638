/** Strict JSON lineages: JSON.parse for the data, and a single-pass scanner to locate paths only when needed. */
import { LIMITS } from "../limits.js";
import type { Issue, PathSegment, Problem } from "../problem.js";

/** Line and column (1-based) of one offset (linear: for many, use lineIndex). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Where strict JSON first goes wrong, found by a small iterative scanner (V8 does not always say). */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  const ws = /[ \t\n\r]/;
  const stack: ("{" | "[")[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let state: "value" | "key" | "colon" | "next" | "end" = "value";
  const skip = () => {
    while (i < text.length && ws.test(text[i]!)) i++;
  };
  for (;;) {
    skip();
    if (i >= text.length) return { offset: i, message: state === "end" ? "unexpected end" : "unexpected end of file" };
    const c = text[i]!;
    if (state === "end") return { offset: i, message: `unexpected '${c}' after the document` };
    if (state === "colon") {
      if (c !== ":") return { offset: i, message: "expected ':' after a property name" };
      i++;
      state = "value";
    } else if (state === "next") {
      const open = stack[stack.length - 1];
      if (c === ",") {
        let j = i + 1;
        while (j < text.length && ws.test(text[j]!)) j++;
        if (text[j] === "}" || text[j] === "]") return { offset: i, message: "trailing comma (JSON allows none)" };
        i++;
        state = open === "{" ? "key" : "value";
      } else if ((c === "}" && open === "{") || (c === "]" && open === "[")) {
        stack.pop();
        i++;
        state = stack.length ? "next" : "end";
      } else return { offset: i, message: `expected ',' or '${open === "{" ? "}" : "]"}'` };
    } else if (state === "key") {
      if (c === "}" && text[i - 1] !== ",") {
        stack.pop();
        i++;
        state = stack.length ? "next" : "end";
      } else if (c !== '"') return { offset: i, message: "expected a double-quoted property name" };
      else {
        // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
        const end = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i, i + 100000));
        if (!end) return { offset: i, message: "invalid string" };
        i += end[0].length;
        state = "colon";
      }
    } else {
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        skip();
        if (text[i] === (c === "{" ? "}" : "]")) {
          stack.pop();
          i++;
          state = stack.length ? "next" : "end";
        } else state = c === "{" ? "key" : "value";
        continue;
      }
      const token =
        // eslint-disable-next-line no-control-regex -- JSON strings exclude exactly these control characters
        /^(?:"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
          text.slice(i, i + 100000),
        );
      if (!token) return { offset: i, message: c === "'" ? "strings must use double quotes" : `unexpected '${c}'` };
      i += token[0].length;
      state = stack.length ? "next" : "end";
    }
  }
}

/** Parses strict JSON; a syntax error, or a key given twice in one object, becomes one located problem. */
export function parseJson(file: string, text: string): { ok: true; data: unknown } | { ok: false; problem: Problem } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(source) as unknown;
  } catch (error) {
    void error;
    if (source.trim() === "")
      return {
        ok: false,
        problem: { file, line: null, column: null, severity: "error", message: "file is empty", path: [] },
      };
    const { offset, message } = jsonSyntaxError(source);
    const { line, column } = lineColumn(source, offset);
    return {
      ok: false,
      problem: { file, line, column, severity: "error", message: `JSON syntax error: ${message}`, path: [] },
    };
  }
  // One walk over the data counts its keys and measures its depth.
  const { keys, depth } = dataShape(data);
  if (depth > LIMITS.maxDepth) {
    const { line, column } = lineColumn(source, jsonTooDeep(source, LIMITS.maxDepth) ?? 0);
    return {
      ok: false,
      problem: {
        file,
        line,
        column,
        severity: "error",
        message: `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`,
        path: [],
      },
    };
  }
  // JSON.parse keeps the last of duplicate keys silently: as in YAML, a key given twice is refused.
  const duplicate = keyCount(source) === keys ? undefined : duplicateKey(source);
  if (duplicate) {
    const at = lineIndex(source);
    const { line, column } = at(duplicate.offset);
    const message = `duplicate key '${duplicate.key}' (first defined at line ${at(duplicate.first).line})`;
    return { ok: false, problem: { file, line, column, severity: "error", message, path: [] } };
  }
  return { ok: true, data };
}

/**
 * The number of `"` followed by `:` in valid JSON text: every object key, plus any such pair inside a
 * string (then more than the keys). Equal to the keys in the parsed data only when no key was dropped.
 */
function keyCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf(":"); i !== -1; i = text.indexOf(":", i + 1)) {
    let j = i - 1;
    let c = text.charCodeAt(j);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(--j);
    if (c === 0x22) n++;
  }
  return n;
}

/**
 * The number of keys in parsed JSON data and its nesting depth (it holds no shared nodes: a plain walk). The
 * stack is two arrays written by index, not pushed and popped (about 15% faster over the 100k bench file's
 * 3.8 million keys).
 */
function dataShape(data: unknown): { keys: number; depth: number } {
  let keys = 0;
  let depth = 0;
  const stack: unknown[] = [data];
  const depths: number[] = [1];
  let sp = 1;
  while (sp > 0) {
    const v = stack[--sp];
    const d = depths[sp]!;
    if (v === null || typeof v !== "object") continue;
    if (d > depth) depth = d;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item !== null && typeof item === "object") {
          stack[sp] = item;
          depths[sp++] = d + 1;
        }
      }
    } else {
      for (const key in v) {
        keys++;
        const item = (v as Record<string, unknown>)[key];
        if (item !== null && typeof item === "object") {
          stack[sp] = item;
          depths[sp++] = d + 1;
        }
      }
    }
  }
  return { keys, depth };
}

/** The first key given twice in one object of valid JSON text: the key, where it is again, where it was first. */
export function duplicateKey(text: string): { key: string; offset: number; first: number } | undefined {
  const objects: (Map<string, number> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "{") {
      objects.push(new Map());
      expectKey = true;
    } else if (c === "[") {
      objects.push(null);
      expectKey = false;
    } else if (c === "}" || c === "]") {
      objects.pop();
      expectKey = false;
    } else if (c === ",") expectKey = objects[objects.length - 1] != null;
    else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      if (expectKey) {
        const raw = text.slice(start, i + 1);
        const key = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const keys = objects[objects.length - 1]!;
        const first = keys.get(key);
        if (first !== undefined) return { key, offset: start, first };
        keys.set(key, start);
        expectKey = false;
      }
    }
  }
  return undefined;
}

/** Line starts of a text, for locating many offsets in O(log n) each (one linear pass, made once). */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** A trie of the wanted paths: the scan follows it, and does no path work outside it. */
interface Want {
  children: Map<PathSegment, Want>;
  value?: number;
  key?: number;
}

/** The index just past the JSON string that opens at `i` (the text is valid JSON): quotes are found by indexOf. */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  for (;;) {
    // A quote ends the string unless an odd run of backslashes escapes it.
    let k = j - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
}

/** The index just past the container (object or array) that opens at `i`, in valid JSON text. */
function containerEnd(text: string, i: number): number {
  let depth = 0;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if ((c === 0x7d || c === 0x5d) && --depth === 0) return i + 1;
    i++;
  }
}

/** The index just past the scalar (number, true, false, null) that starts at `i`. */
function scalarEnd(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    // Ends at whitespace, ',', ']', '}' or the end of the text.
    if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c !== c)
      return i;
    i++;
  }
}

/**
 * Finds where each wanted path starts in JSON text: its value, and (for object members) its key.
 * One pass, no recursion, linear however deep or however many paths are asked; the text is already
 * known to be valid JSON. A container no wanted path goes into is skipped by a tight scan (strings by
 * indexOf), so the cost is that of reading the text once, not of walking its values.
 */
export function jsonLocator(text: string, wanted: readonly (readonly PathSegment[])[]) {
  const root: Want = { children: new Map() };
  for (const path of wanted) {
    let node = root;
    for (const seg of path) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { children: new Map() }));
      node = next;
    }
  }
  // Per open container on the trie: its trie node, array or object, index, current key and where it is.
  const stack: { want: Want; array: boolean; index: number; key: string; keyAt: number }[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let expectKey = false;
  const skipWs = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return c;
    }
  };
  for (;;) {
    const c = skipWs();
    if (c !== c) break; // NaN: the end of the text
    const top = stack[stack.length - 1];
    if (c === 0x2c) {
      if (top?.array === false) expectKey = true;
      else if (top) top.index++;
      i++;
    } else if (c === 0x3a) i++;
    else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
      i++;
    } else if (expectKey) {
      // A key (a string): decoded only when a wanted path may go through this object.
      const at = i;
      i = stringEnd(text, i);
      top!.keyAt = at;
      top!.key = top!.want.children.size > 0 ? (JSON.parse(text.slice(at, i)) as string) : "";
      expectKey = false;
    } else {
      // A value: note where it starts if wanted; descend only into a wanted container.
      let want: Want | undefined;
      if (!top) want = root;
      else want = top.want.children.get(top.array ? top.index : top.key);
      if (want) {
        // The last of duplicate keys is the one JSON.parse keeps.
        want.value = i;
        if (top && !top.array) want.key = top.keyAt;
      }
      if (c === 0x7b || c === 0x5b) {
        if (want && want.children.size > 0) {
          stack.push({ want, array: c === 0x5b, index: 0, key: "", keyAt: 0 });
          expectKey = c === 0x7b;
          i++;
        } else i = containerEnd(text, i);
      } else i = c === 0x22 ? stringEnd(text, i) : scalarEnd(text, i);
    }
  }
  const position = lineIndex(text);
  return (path: readonly PathSegment[], atKey = false) => {
    let node: Want | undefined = root;
    for (const seg of path) node = node?.children.get(seg);
    const offset = (atKey ? node?.key : undefined) ?? node?.value ?? 0;
    return position(offset);
  };
}

/**
 * The offset of the first bracket nested deeper than the limit in JSON text, if any: one linear pass
 * over the text outside strings.
 */
export function jsonTooDeep(text: string, limit: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** The locator of JSON text: positions are needed only when something is wrong, so it scans for just those paths then. */
export function jsonLocate(text: string): (issues: Issue[]) => ReturnType<typeof jsonLocator> {
  return (issues) =>
    jsonLocator(
      text,
      issues.map((i) => i.at ?? i.path),
    );
}
