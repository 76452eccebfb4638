/** Strict JSON lineages: JSON.parse for the data, and a single-pass scanner to locate paths only when needed. */
import type { Issue, PathSegment, Problem } from "../problem.js";

/** Line and column (1-based) of an offset. */
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
      // eslint-disable-next-line no-control-regex -- JSON forbids raw control characters in strings
      const token = /^(?:"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 100000));
      if (!token) return { offset: i, message: c === "'" ? "strings must use double quotes" : `unexpected '${c}'` };
      i += token[0].length;
      state = stack.length ? "next" : "end";
    }
  }
}

/** Parses strict JSON; a syntax error becomes one located problem. */
export function parseJson(file: string, text: string): { ok: true; data: unknown } | { ok: false; problem: Problem } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, data: JSON.parse(source) as unknown };
  } catch (error) {
    void error;
    if (source.trim() === "") return { ok: false, problem: { file, line: null, column: null, severity: "error", message: "file is empty", path: [] } };
    const { offset, message } = jsonSyntaxError(source);
    const { line, column } = lineColumn(source, offset);
    return { ok: false, problem: { file, line, column, severity: "error", message: `JSON syntax error: ${message}`, path: [] } };
  }
}

const key = (path: readonly PathSegment[]) => JSON.stringify(path);

/**
 * Finds where each wanted path starts in JSON text: its value, and (for object members) its key.
 * One pass, no recursion; the text is already known to be valid JSON.
 */
export function jsonLocator(text: string, wanted: readonly (readonly PathSegment[])[]) {
  const want = new Set(wanted.map(key));
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const stack: { array: boolean; index: number; key: string | null; keyAt: number }[] = [];
  const path: PathSegment[] = [];
  const readString = (i: number): [string, number] => {
    let j = i + 1;
    while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
    return [JSON.parse(text.slice(i, j + 1)) as string, j + 1];
  };
  const enterValue = (at: number) => {
    const top = stack[stack.length - 1];
    if (top) path.push(top.array ? top.index : top.key!);
    const k = key(path);
    if (want.has(k)) {
      values.set(k, at);
      if (top && !top.array) keys.set(k, top.keyAt);
    }
  };
  const leaveValue = () => {
    const top = stack[stack.length - 1];
    if (top) {
      path.pop();
      if (top.array) top.index++;
    }
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let expectKey = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === "," || c === ":") {
      if (c === "," && stack[stack.length - 1]?.array === false) expectKey = true;
      i++;
    } else if (c === "{" || c === "[") {
      enterValue(i);
      stack.push({ array: c === "[", index: 0, key: null, keyAt: 0 });
      expectKey = c === "{";
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      leaveValue();
      expectKey = false;
      i++;
    } else if (c === '"' && expectKey) {
      const [name, next] = readString(i);
      const top = stack[stack.length - 1]!;
      top.key = name;
      top.keyAt = i;
      expectKey = false;
      i = next;
    } else {
      enterValue(i);
      let j = i;
      if (c === '"') j = readString(i)[1];
      else while (j < text.length && !/[\s,\]}]/.test(text[j]!)) j++;
      leaveValue();
      i = j;
    }
  }
  return (path: readonly PathSegment[], atKey = false) => {
    const k = key(path);
    const offset = (atKey ? keys.get(k) : undefined) ?? values.get(k) ?? 0;
    return lineColumn(text, offset);
  };
}

/** The locator of JSON text: positions are needed only when something is wrong, so it scans for just those paths then. */
export function jsonLocate(text: string): (issues: Issue[]) => ReturnType<typeof jsonLocator> {
  return (issues) => jsonLocator(text, issues.map((i) => i.at ?? i.path));
}
