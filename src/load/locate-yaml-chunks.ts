/**
 * Locating problems in a YAML file too large to parse again whole with positions: the entry a path
 * falls in (a model, a step) is cut out of the text by its lines and parsed alone with yaml@2. A cut is
 * trusted only when it reads as the same data as the whole file has there; otherwise the problem keeps
 * its path without a line.
 */
import { isDeepStrictEqual } from "node:util";
import type { PathSegment } from "../problem.js";
import type { Locate } from "./check-rules.js";
import { parseText } from "./parse-yaml.js";

/** Most bytes of one cut parsed alone (an entry larger than that is not located). */
const MAX_CUT = 1024 * 1024;

interface Section {
  /** 0-based line of `key:`, and of the line after the section. */
  start: number;
  end: number;
  /** 0-based first lines of the section's entries (block style only). */
  entries: number[];
  seq: boolean;
  /** For a mapping section: each entry's key, to its index in `entries` (made on first use). */
  keys?: Map<string, number>;
}

/** The key an entry line of a mapping starts with (plain or quoted), if it can be read without a parser. */
function entryKey(line: string): string | undefined {
  const m = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s"'#:{}[\],&*!|>%@`-][^:#]*?))\s*:(?:\s|$)/.exec(line);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1].includes("\\") ? undefined : m[1];
  if (m[2] !== undefined) return m[2].replace(/''/g, "'");
  return m[3];
}

/** A locator over the cuts of a block-style YAML lineage; `data` is what the fast path read. */
export function chunkLocator(text: string, data: Record<string, unknown>): Locate {
  const lineStarts: number[] = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineCount = lineStarts.length;
  const lineAt = (n: number) => text.slice(lineStarts[n], n + 1 < lineCount ? lineStarts[n + 1]! - 1 : text.length);
  const isContent = (line: string) => line.trim() !== "" && !/^\s*#/.test(line);
  // Top-level keys: plain words at column 1 followed by ':'.
  const sections = new Map<string, Section>();
  let current: { key: string; start: number } | undefined;
  const close = (end: number) => {
    if (!current) return;
    const entries: number[] = [];
    let indent = -1;
    let seq = false;
    for (let n = current.start + 1; n < end; n++) {
      const line = lineAt(n);
      if (!isContent(line)) continue;
      const at = line.length - line.trimStart().length;
      if (indent === -1) {
        indent = at;
        seq = line.trimStart().startsWith("- ") || line.trim() === "-";
      }
      if (at === indent) entries.push(n);
    }
    sections.set(current.key, { start: current.start, end, entries, seq });
  };
  for (let n = 0; n < lineCount; n++) {
    const m = /^([A-Za-z_][\w-]*):(?:\s|$)/.exec(lineAt(n));
    if (m) {
      close(n);
      current = { key: m[1]!, start: n };
    }
  }
  close(lineCount);
  const cuts = new Map<string, ReturnType<typeof parseText> | null>();
  const cut = (from: number, to: number) => {
    const id = `${from}:${to}`;
    if (!cuts.has(id)) {
      const start = lineStarts[from]!;
      const end = to < lineCount ? lineStarts[to]! : text.length;
      // Under a key of its own, the cut is a mapping whatever the entry is (its line numbers are one more).
      cuts.set(id, end - start > MAX_CUT ? null : parseText("", `x:\n${text.slice(start, end)}`));
    }
    return cuts.get(id) ?? undefined;
  };
  const none = { line: null, column: null };
  return (path: readonly PathSegment[], atKey = false) => {
    const section = sections.get(String(path[0]));
    if (!section || path.length < 2 || section.entries.length === 0) return none;
    const value = data[String(path[0])];
    let index: number;
    let inner: PathSegment[];
    let expected: unknown;
    if (section.seq) {
      const k = path[1];
      if (typeof k !== "number" || !Array.isArray(value) || k >= section.entries.length) return none;
      index = k;
      inner = ["x", 0, ...path.slice(2)];
      expected = { x: [value[k]] };
    } else {
      const key = String(path[1]);
      if (value === null || typeof value !== "object") return none;
      section.keys ??= new Map(section.entries.map((n, i) => [entryKey(lineAt(n)) ?? "", i] as const).reverse());
      const found = section.keys.get(key);
      if (found === undefined) return none;
      index = found;
      inner = ["x", ...path.slice(1)];
      expected = { x: { [key]: (value as Record<string, unknown>)[key] } };
    }
    const from = section.entries[index]!;
    const next = section.entries[index + 1] ?? section.end;
    const parsed = cut(from, next);
    if (!parsed?.ok || parsed.parsed.duplicateKeys.length > 0 || !isDeepStrictEqual(parsed.parsed.data, expected))
      return none;
    const { line, column } = parsed.parsed.locate(inner, atKey);
    return { line: line - 1 + from, column };
  };
}
