/** Parses lineage text with yaml@2, keeping positions, and turns YAML-level failures into located problems. */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  parseDocument,
  visit,
  type CST,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { LIMITS } from "../limits.js";
import type { PathSegment, Problem } from "../problem.js";

/** A parsed document: its plain data plus what is needed to locate a path in it. */
export interface ParsedText {
  data: unknown;
  locate: (path: readonly PathSegment[], atKey?: boolean) => { line: number; column: number };
  /** Duplicate mapping keys, found in the syntax tree (plain data keeps only one of each). */
  duplicateKeys: Problem[];
}

/** Parsed data, or the problems that kept the text from being read as one YAML document. */
export type ParseResult = { ok: true; parsed: ParsedText } | { ok: false; problems: Problem[] };

function problem(file: string, message: string, line: number | null, column: number | null): Problem {
  return { file, line, column, severity: "error", message, path: [] };
}

/**
 * The text as both YAML parsers read it: without a byte-order mark, and with each lone carriage return
 * (a line end in YAML 1.2, which yaml@2 does not treat as one) made a line feed, keeping every offset.
 */
export function yamlSource(text: string): string {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source;
}

/** Finds the first line whose content (without its line end) is more than the limit in UTF-8 bytes, if any. */
export function longLine(text: string): { line: number; bytes: number } | undefined {
  let start = 0;
  let line = 1;
  const max = LIMITS.maxYamlLineBytes;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const stop = end > start && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    // A UTF-16 unit is at most 3 UTF-8 bytes: only a line of more than a third of the limit is measured.
    if (stop - start > max / 3) {
      const bytes = Buffer.byteLength(text.slice(start, stop), "utf8");
      if (bytes > max) return { line, bytes };
    }
    start = end + 1;
    line++;
  }
  return undefined;
}

/** Whether YAML text holds no node: only blank lines, comments and line ends (checked in one linear pass). */
export function isBlankYaml(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if (c === 0x23 && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      if (end === -1) return true;
      i = end;
      continue;
    }
    return false;
  }
  return true;
}

/** The core schema's tags: any other (`!custom`, `!!js/function`, `!!binary`) is refused. */
const CORE_TAGS = new Set(["map", "seq", "str", "null", "bool", "int", "float"].map((t) => `tag:yaml.org,2002:${t}`));

/** A tag as written in the short form, for messages. */
const shortTag = (tag: string) => (tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice(18)}` : tag);

/**
 * Counts alias expansions the way the fast path does: each alias counts once plus the expansions
 * inside the node it names. Returns the count, or stops as soon as it is past `limit`.
 */
function aliasExpansions(doc: Document, limit: number): { total: number; at?: number } {
  const weight = new Map<unknown, number>();
  let total = 0;
  let at: number | undefined;
  // Post-order over the tree (aliases name nodes before them, so their weight is known).
  const count = (root: unknown): number => {
    const stack: { node: unknown; done: boolean }[] = [{ node: root, done: false }];
    const sums: number[] = [0];
    while (stack.length > 0 && total <= limit) {
      const top = stack.pop()!;
      const node = top.node as YamlNode | null;
      if (!top.done) {
        if (isAlias(node)) {
          const target = node.resolve(doc);
          const w = 1 + (weight.get(target) ?? 0);
          total += w;
          // The alias that takes the count past the limit is where the document is refused.
          if (total > limit && at === undefined) at = node.range?.[0];
          sums[sums.length - 1]! += w;
          continue;
        }
        stack.push({ node, done: true });
        sums.push(0);
        if (isMap(node))
          for (let i = node.items.length - 1; i >= 0; i--) {
            stack.push({ node: node.items[i]!.value, done: false });
            stack.push({ node: node.items[i]!.key, done: false });
          }
        else if (isSeq(node))
          for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], done: false });
      } else {
        const inside = sums.pop()!;
        if (node && (node as { anchor?: string }).anchor) weight.set(node, inside);
        sums[sums.length - 1]! += inside;
      }
    }
    return total;
  };
  return { total: count(doc.contents), at };
}

/**
 * The offset of the first flow bracket nested deeper than the limit, counted cheaply before the real
 * parse (whose recursion a deep document would exhaust). Comments and quoted strings are skipped.
 */
function tooDeepFlow(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end;
    } else if (c === '"' || c === "'") {
      // Skip a quoted string: '' escapes a single quote, backslash escapes in double quotes.
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === "\\") i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === "[" || c === "{") {
      if (++depth > LIMITS.maxDepth) return i;
    } else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * The offset of the first collection nested deeper than the limit, block or flow, found in yaml's concrete
 * syntax tree (its parser keeps a stack of its own, so the depth costs it no recursion), walked iteratively.
 */
function tooDeepBlock(source: string): number | undefined {
  for (const doc of new Parser().parse(source)) {
    if (doc.type !== "document") continue;
    const stack: { node: CST.Token | null | undefined; depth: number }[] = [{ node: doc.value, depth: 1 }];
    while (stack.length > 0) {
      const { node, depth } = stack.pop()!;
      if (!node || (node.type !== "block-map" && node.type !== "block-seq" && node.type !== "flow-collection"))
        continue;
      if (depth > LIMITS.maxDepth) return node.offset;
      // Pushed last first: the walk meets the collections in the order of the text.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i]! as { key?: CST.Token | null; value?: CST.Token | null };
        stack.push({ node: item.value, depth: depth + 1 });
        stack.push({ node: item.key, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** The offset of a quoted scalar that never closes, found with yaml's own lexer. */
function unclosedQuote(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer adds one-character control tokens that are not in the source.
    if (token.length === 1 && token.charCodeAt(0) < 0x20 && token !== "\n" && token !== "\t") continue;
    const q = token[0];
    if ((q === '"' || q === "'") && (token.length < 2 || token[token.length - 1] !== q)) return offset;
    offset += token.length;
  }
  return undefined;
}

/** Makes each plain key that the core schema reads as null (`~`, `null`, nothing) the empty string, as the fast path does. */
function nullKeys(doc: Document): void {
  visit(doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (
        isScalar(k) &&
        (k.type === "PLAIN" || k.type === undefined) &&
        // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar's value is a primitive
        /^(?:~|[Nn]ull|NULL)?$/.test(String(k.value ?? ""))
      )
        k.value = "";
    },
  });
}

/** Every node with a tag outside the core schema, located at the node. */
function unknownTags(
  file: string,
  doc: Document,
  pos: (offset: number) => { line: number; column: number },
): Problem[] {
  const problems: Problem[] = [];
  visit(doc, (_key, node) => {
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag === undefined || tag === "!" || CORE_TAGS.has(tag)) return;
    const here = pos((node as YamlNode).range?.[0] ?? 0);
    problems.push({
      file,
      ...here,
      severity: "error",
      message: `unknown tag '${shortTag(tag)}' (a lineage file uses no tags but the YAML core schema's)`,
      path: [],
    });
  });
  return problems;
}

type Located = { node: YamlNode | null; keyNode: YamlNode | null };

/** Walks the syntax tree along a path; stops at the deepest node that exists. */
function walk(doc: Document, path: readonly PathSegment[]): Located {
  let node = doc.contents;
  let keyNode: YamlNode | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      // The last pair with the key is the one the data keeps (as toJS does); a null key reads as "".
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar's value is a primitive
      const pair = node.items.findLast((p) => isScalar(p.key) && String(p.key.value ?? "") === String(seg));
      if (!pair) return { node, keyNode: null };
      keyNode = (pair.key as YamlNode) ?? null;
      node = (pair.value as YamlNode | null) ?? keyNode;
    } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
      keyNode = null;
      node = node.items[seg] as YamlNode;
    } else {
      return { node, keyNode: null };
    }
  }
  return { node, keyNode };
}

/**
 * Checks the syntax tree iteratively: duplicate keys in every mapping (the data stays usable), or the
 * first collection nested too deeply or the first non-scalar key (fatal: the data cannot be trusted).
 */
function checkTree(
  file: string,
  doc: Document,
  pos: (offset: number) => { line: number; column: number },
): { problems: Problem[]; fatal: boolean } {
  const issues: Problem[] = [];
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: doc.contents, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    // The top mapping is level 1 (as in JSON): a collection under 64 others is one too many.
    if (path.length >= LIMITS.maxDepth && (isMap(node) || isSeq(node))) {
      const here = pos((node as YamlNode).range?.[0] ?? 0);
      const message = `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`;
      return { problems: [{ file, ...here, severity: "error", message, path }], fatal: true };
    }
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        if (pair.key !== null && !isScalar(pair.key)) {
          const here = pos((pair.key as YamlNode).range?.[0] ?? 0);
          const message = "a mapping key must be a plain value, not a list or a mapping";
          return { problems: [{ file, ...here, severity: "error", message, path }], fatal: true };
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          const here = pos((pair.key as YamlNode).range?.[0] ?? 0);
          const first = seen.get(key);
          if (first !== undefined) {
            const message = `duplicate key '${key}' (first defined at line ${first})`;
            issues.push({ file, ...here, severity: "error", message, path: [...path, key] });
          } else seen.set(key, here.line);
          stack.push({ node: pair.value, path: [...path, key] });
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }));
    }
  }
  return { problems: issues, fatal: false };
}

const EMPTY = "file is empty (a lineage file is a YAML mapping that starts with 'lineage: 1')";

/** The problem of text that holds no YAML node, or of a line too long; undefined when neither. */
export function earlyProblem(file: string, source: string): Problem | undefined {
  const tooLong = longLine(source);
  if (tooLong)
    return problem(
      file,
      `line is too long (${tooLong.bytes} bytes; the limit is ${LIMITS.maxYamlLineBytes})`,
      tooLong.line,
      1,
    );
  if (isBlankYaml(source)) return problem(file, EMPTY, null, null);
  return undefined;
}

/** Parses one YAML (or JSON) document with positions; never throws. */
export function parseText(file: string, text: string): ParseResult {
  const source = yamlSource(text);
  const early = earlyProblem(file, source);
  if (early) return { ok: false, problems: [early] };
  const lineCounter = new LineCounter();
  const pos = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const deepAt = tooDeepFlow(source);
  if (deepAt !== undefined) {
    // No parse has run, so the line counter is empty: count lines up to the offset.
    const before = source.slice(0, deepAt);
    const line = before.split("\n").length;
    const column = deepAt - before.lastIndexOf("\n");
    return {
      ok: false,
      problems: [problem(file, `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`, line, column)],
    };
  }
  let doc: Document;
  try {
    // Keys are kept as written (`007`, `0x1F` and `true` are the strings they look like, not numbers).
    doc = parseDocument(source, {
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      version: "1.2",
      schema: "core",
      logLevel: "error",
      stringKeys: true,
    });
  } catch {
    return { ok: false, problems: [problem(file, "document is nested too deeply to parse", null, null)] };
  }
  // A key that is a collection is reported by checkTree, in its own words.
  const errors = doc.errors.filter((e) => !/stringKeys/.test(e.message));
  if (errors.length > 0) {
    // yaml@2 composes recursively: a block document some thousand levels deep runs out of stack, where it
    // ran out. The problem is where the nesting first goes past the limit.
    const deep = errors.some((e) => /call stack/i.test(e.message)) ? tooDeepBlock(source) : undefined;
    if (deep !== undefined) {
      const { line, column } = pos(deep);
      return {
        ok: false,
        problems: [
          problem(file, `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`, line, column),
        ],
      };
    }
    const problems = errors.map((e) => {
      const quote = e.code === "MISSING_CHAR" && /quote/.test(e.message) ? unclosedQuote(source) : undefined;
      const { line, column } = pos(quote ?? e.pos[0]);
      const message =
        e.code === "MULTIPLE_DOCS"
          ? "a lineage file holds one YAML document; this one holds several (remove the extra '---' documents)"
          : /call stack/i.test(e.message)
            ? `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`
            : `YAML syntax error: ${e.message.split("\n")[0]!.replace(/\s+at line \d+, column \d+.*$/, "")}`;
      return problem(file, message, line, column);
    });
    return { ok: false, problems };
  }
  if (doc.contents === null) {
    return { ok: false, problems: [problem(file, EMPTY, null, null)] };
  }
  if (!isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? "a list" : "a single value";
    const { line, column } = pos(doc.contents.range?.[0] ?? 0);
    return {
      ok: false,
      problems: [
        problem(
          file,
          `expected a mapping at the top of the file (lineage, title, sources, ...), found ${what}`,
          line,
          column,
        ),
      ],
    };
  }
  const tree = checkTree(file, doc, pos);
  if (tree.fatal) {
    return { ok: false, problems: tree.problems };
  }
  nullKeys(doc);
  const tags = unknownTags(file, doc, pos);
  if (tags.length > 0) return { ok: false, problems: tags };
  const aliases = aliasExpansions(doc, LIMITS.maxAliasCount);
  if (aliases.total > LIMITS.maxAliasCount) {
    const message = `too many alias expansions (the limit is ${LIMITS.maxAliasCount}): refused as a possible "billion laughs" attack`;
    const here = aliases.at === undefined ? { line: null, column: null } : pos(aliases.at);
    return { ok: false, problems: [problem(file, message, here.line, here.column)] };
  }
  let data: unknown;
  try {
    // Counted above, the same way as the fast path counts them.
    data = doc.toJS({ maxAliasCount: -1 });
  } catch {
    return {
      ok: false,
      problems: [problem(file, "document could not be converted to data (nested too deeply?)", null, null)],
    };
  }
  const locate = (path: readonly PathSegment[], atKey = false) => {
    const { node, keyNode } = walk(doc, path);
    const target = atKey && keyNode ? keyNode : node;
    return pos(target?.range?.[0] ?? 0);
  };
  return { ok: true, parsed: { data, locate, duplicateKeys: tree.problems } };
}
