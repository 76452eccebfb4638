/**
 * The fast path for YAML: js-yaml (a single pass, no syntax tree, no positions) with a schema that reads
 * a file exactly as the located path (parse-yaml.ts, yaml@2 with the YAML 1.2 core schema) does. It
 * accepts only what that path would accept without a problem; anything else is handed back, to be
 * parsed again with positions and reported there.
 */
import jsYaml from "js-yaml";
import { LIMITS } from "../limits.js";

/**
 * A plain scalar that the core schema reads as null, a boolean or a number, kept with its text until
 * the load ends: a mapping key takes the text as written (js-yaml calls `toString`), a value is then
 * resolved the way yaml@2's core schema resolves it.
 */
class CoreScalar {
  constructor(readonly source: string) {}
  get [Symbol.toStringTag](): string {
    return "CoreScalar";
  }
  toString(): string {
    // As a key, null reads as "" (as yaml@2 reads a null key); any other text stays as written.
    return CORE[0]!.test.test(this.source) ? "" : this.source;
  }
}

/** The empty node (one instance: a file of empty entries makes millions). */
const EMPTY = new CoreScalar("");

/**
 * What an alias stands for, until the load ends: a value is then replaced by it; as a mapping key it
 * stops the fast path (yaml@2 refuses a key that is not a plain value).
 */
class AliasRef {
  constructor(readonly target: unknown) {}
  get [Symbol.toStringTag](): string {
    return "AliasRef";
  }
  toString(): string {
    throw new Stop({ reason: "shape", message: "an alias used as a mapping key" });
  }
}

/**
 * The YAML 1.2 core schema's plain scalars, as yaml@2 tests and resolves them (its tags, in its order:
 * null, bool, int in octal, decimal and hex, float as inf/nan, exponent and decimal).
 */
const CORE: { test: RegExp; resolve: (s: string) => unknown }[] = [
  { test: /^(?:~|[Nn]ull|NULL)?$/, resolve: () => null },
  { test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, resolve: (s) => s[0] === "t" || s[0] === "T" },
  { test: /^0o[0-7]+$/, resolve: (s) => parseInt(s.substring(2), 8) },
  { test: /^[-+]?[0-9]+$/, resolve: (s) => parseInt(s, 10) },
  { test: /^0x[0-9a-fA-F]+$/, resolve: (s) => parseInt(s.substring(2), 16) },
  {
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (s) => (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? -Infinity : Infinity),
  },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, resolve: (s) => parseFloat(s) },
  { test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, resolve: (s) => parseFloat(s) },
];

function coreValue(source: string): unknown {
  for (const { test, resolve } of CORE) if (test.test(source)) return resolve(source);
  return source;
}

/** One js-yaml type per core tag, for plain scalars (implicit) and for the same tag written out; `first` lists the characters its forms can start with. */
const coreType = (tag: string, tests: RegExp[], first: string) =>
  new jsYaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    // Most plain scalars are words: a look at the first character spares them the patterns.
    resolve: (data: string | null) =>
      !data ? tag === "null" : first.includes(data[0]!) && tests.some((t) => t.test(data)),
    construct: (data: string | null) => (data ? new CoreScalar(data) : EMPTY),
  });

const SCHEMA = jsYaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    coreType("null", [CORE[0]!.test], "~nN"),
    coreType("bool", [CORE[1]!.test], "tTfF"),
    coreType("int", [CORE[2]!.test, CORE[3]!.test, CORE[4]!.test], "+-0123456789"),
    coreType("float", [CORE[5]!.test, CORE[6]!.test, CORE[7]!.test], "+-.0123456789"),
  ],
});

/** Why the fast path gave up; `at` is a 0-based offset when one is known. */
export interface FastRefusal {
  reason: "syntax" | "nodes" | "aliases" | "depth" | "shape";
  message: string;
  at?: { line: number; column: number };
  /** Nodes read before giving up (the whole document's when the parse finished). */
  nodes: number;
}

/** The data of a document the located path would accept as it is, or why the fast path gave up. */
export type FastResult =
  { ok: true; data: Record<string, unknown>; nodes: number } | { ok: false; refusal: FastRefusal };

class Stop extends Error {
  constructor(readonly refusal: Omit<FastRefusal, "nodes">) {
    super(refusal.message);
  }
}

type JsYamlState = {
  position: number;
  kind: string | null;
  tag: string | null;
  anchor: string | null;
  result: unknown;
  input: string;
  line: number;
  lineStart: number;
};

/** The 1-based line and column of `offset`, counted back from js-yaml's current line. */
function lineColumnAt(input: string, offset: number, state: JsYamlState): { line: number; column: number } {
  let line = state.line + 1;
  let lineStart = state.lineStart;
  while (offset < lineStart && lineStart > 0) {
    lineStart = input.lastIndexOf("\n", lineStart - 2) + 1;
    line--;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The alias at the start of a node that js-yaml read from `from` on, if it is an alias: its name and where its `*` is. */
function aliasAt(input: string, from: number): { name: string; at: number } | undefined {
  let i = from;
  for (;;) {
    const c = input.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23) {
      const end = input.indexOf("\n", i);
      if (end === -1) return undefined;
      i = end + 1;
    } else break;
  }
  if (input.charCodeAt(i) !== 0x2a) return undefined;
  let j = i + 1;
  while (j < input.length && !/[\s,[\]{}]/.test(input[j]!)) j++;
  return { name: input.slice(i + 1, j), at: i };
}

/**
 * Parses one YAML document fast. Counts nodes (refused past LIMITS.maxYamlNodes), alias expansions
 * (each alias counts once plus the expansions inside what it names; refused past LIMITS.maxAliasCount)
 * and nesting (past LIMITS.maxDepth: given up). Never throws.
 */
export function parseYamlFast(text: string): FastResult {
  let nodes = 0;
  let total = 0;
  let collections = 0;
  let lastResult: unknown;
  let lastPosition = -1;
  // Per open node: where js-yaml started reading it, and the alias expansions inside it so far.
  const starts: number[] = [];
  const counts: number[] = [];
  const weights = new Map<string, number>();
  const listener = (event: "open" | "close", state: JsYamlState) => {
    if (event === "open") {
      if (++nodes > LIMITS.maxYamlNodes) {
        throw new Stop({
          reason: "nodes",
          message: `document has too many nodes (the limit is ${LIMITS.maxYamlNodes.toLocaleString("en-US")})`,
          at: { line: state.line + 1, column: state.position - state.lineStart + 1 },
        });
      }
      starts.push(state.position);
      counts.push(0);
      return;
    }
    const start = starts.pop()!;
    let inside = counts.pop()!;
    // js-yaml reads a block sequence's entry through two nested calls: the outer one closes on the same
    // result at the same place and must not count it again.
    const wrapper = state.result === lastResult && state.position === lastPosition && state.result !== null;
    lastResult = state.result;
    lastPosition = state.position;
    if (wrapper) {
      if (counts.length > 0) counts[counts.length - 1]! += inside;
      return;
    }
    if (state.kind === null && state.tag === null && state.anchor === null) {
      const alias = aliasAt(state.input, start);
      if (alias === undefined) {
        // An empty node: null as a value, "" as a key (as yaml@2 reads it), not js-yaml's "null".
        if (state.result === null) state.result = EMPTY;
      } else {
        state.result = new AliasRef(state.result);
        inside = 1 + (weights.get(alias.name) ?? 0);
        total += inside;
        if (total > LIMITS.maxAliasCount) {
          // Located at the alias's `*`, on the line js-yaml has read up to or one before it.
          throw new Stop({
            reason: "aliases",
            message: `too many alias expansions (the limit is ${LIMITS.maxAliasCount}): refused as a possible "billion laughs" attack`,
            at: lineColumnAt(state.input, alias.at, state),
          });
        }
      }
    } else if (state.kind === "mapping" || state.kind === "sequence") {
      // Its enclosing nodes are at least its enclosing collections (the top mapping is level 1, as in JSON).
      if (starts.length >= LIMITS.maxDepth)
        throw new Stop({
          reason: "depth",
          message: `document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`,
        });
      collections++;
    }
    if (state.anchor !== null) weights.set(state.anchor, inside);
    if (counts.length > 0) counts[counts.length - 1]! += inside;
    lastResult = state.result;
  };
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: SCHEMA, listener: listener as never });
  } catch (error) {
    if (error instanceof Stop) return { ok: false, refusal: { ...error.refusal, nodes } };
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? "the document could not be read";
    const at = mark ? { line: mark.line + 1, column: mark.column + 1 } : undefined;
    return { ok: false, refusal: { reason: "syntax", message: `YAML syntax error: ${reason}`, at, nodes } };
  }
  if (data === null || typeof data !== "object" || Array.isArray(data) || data instanceof CoreScalar) {
    const found = Array.isArray(data)
      ? "a list"
      : data === undefined || (data instanceof CoreScalar && data.source === "")
        ? "nothing"
        : "a single value";
    return {
      ok: false,
      refusal: {
        reason: "shape",
        message: `expected a mapping at the top of the file (lineage, title, sources, ...), found ${found}`,
        nodes,
      },
    };
  }
  try {
    const resolved = resolveScalars(data as Record<string, unknown>, weights.size > 0 || total > 0);
    // A collection used as a mapping key is made a string by js-yaml (yaml@2 refuses it): it is then
    // missing from the data.
    if (resolved.collections !== collections)
      return {
        ok: false,
        refusal: { reason: "shape", message: "a mapping key must be a plain value, not a list or a mapping", nodes },
      };
    return { ok: true, data: resolved.root, nodes };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, refusal: { ...error.refusal, nodes } };
    throw error;
  }
}

/** The value a CoreScalar or an AliasRef stands for. */
function plain(v: CoreScalar | AliasRef): unknown {
  if (v instanceof CoreScalar) return coreValue(v.source);
  return v.target instanceof CoreScalar ? coreValue(v.target.source) : v.target;
}

/**
 * Replaces every CoreScalar value by its value, in place, and counts the collections. Aliased
 * collections are shared, so each is visited once (a walk that followed every alias could take
 * exponential time).
 */
function resolveScalars(
  root: Record<string, unknown>,
  shared: boolean,
): { root: Record<string, unknown>; collections: number } {
  // Without anchors no node is shared: each is met once, and no set of visited nodes is needed.
  const seen = shared ? new Set<object>() : undefined;
  let collections = 0;
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    collections++;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (v instanceof CoreScalar || v instanceof AliasRef) {
          const r = (node[i] = plain(v));
          if (r !== null && typeof r === "object") stack.push(r);
        } else if (v !== null && typeof v === "object") stack.push(v);
      }
    } else {
      const obj = node as Record<string, unknown>;
      for (const key in obj) {
        const v = obj[key];
        if (v instanceof CoreScalar || v instanceof AliasRef) {
          const r = (obj[key] = plain(v));
          if (r !== null && typeof r === "object") stack.push(r);
        } else if (v !== null && typeof v === "object") stack.push(v);
      }
    }
  }
  return { root, collections };
}
