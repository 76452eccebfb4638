/**
 * The fast YAML path (js-yaml) must read every document it accepts exactly as the located path (yaml@2,
 * core schema) reads it, and must accept every plain valid document.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.js";
import { parseYamlFast } from "../../src/load/parse-yaml-fast.js";
import { parseText } from "../../src/load/parse-yaml.js";

/** Plain scalars whose reading differs between schemas and YAML versions. */
const TOKENS = [
  "yes",
  "no",
  "on",
  "off",
  "y",
  "n",
  "true",
  "True",
  "TRUE",
  "false",
  "FALSE",
  "tRue",
  "~",
  "null",
  "Null",
  "NULL",
  "0o17",
  "0o8",
  "017",
  "007",
  "0x1F",
  "0X1F",
  "-0x1F",
  "0b101",
  "1_000",
  "+1",
  "-0",
  "12",
  "-12",
  "1.0",
  "1.",
  ".5",
  "-.5",
  "1e3",
  "1E-3",
  "+1.5e+3",
  "1.5e",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  "NaN",
  "inf",
  "2001-12-14",
  "2001-12-14t21:59:43.10-05:00",
  "12:30:00",
  "1:20",
  "123456789012345678901234567890",
  "0.1",
  "a",
  "hello world",
  "x-y",
  "<<",
  "=",
  "a:b",
  "http://x.y/z",
];
const KEYS = [
  "a",
  "b",
  "id",
  "007",
  "7",
  "0x1F",
  "31",
  "true",
  "yes",
  "on",
  "~",
  "null",
  "1.0",
  "1",
  "<<",
  "1e3",
  ".inf",
  "x y",
  "2001-12-14",
];

type Gen =
  | { t: "scalar"; text: string; style: "plain" | "single" | "double" }
  | { t: "block"; lines: string[]; folded: boolean; chomp: "" | "-" | "+" }
  | { t: "alias"; pick: number }
  | { t: "seq"; flow: boolean; items: Gen[]; anchor: boolean }
  | { t: "map"; flow: boolean; pairs: { key: string; quoted: boolean; value: Gen }[]; anchor: boolean };

const scalar = fc.record({
  t: fc.constant("scalar" as const),
  text: fc.constantFrom(...TOKENS),
  style: fc.constantFrom("plain" as const, "plain" as const, "single" as const, "double" as const),
});
const block = fc.record({
  t: fc.constant("block" as const),
  lines: fc.array(fc.constantFrom("text", "two words", "", "  indented", "007", "- item"), {
    minLength: 1,
    maxLength: 4,
  }),
  folded: fc.boolean(),
  chomp: fc.constantFrom("" as const, "-" as const, "+" as const),
});
const alias = fc.record({ t: fc.constant("alias" as const), pick: fc.nat() });

const { node } = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    scalar,
    block,
    alias,
    fc.record({
      t: fc.constant("seq" as const),
      flow: fc.boolean(),
      items: fc.array(tie("node"), { maxLength: 4 }),
      anchor: fc.boolean(),
    }),
    fc.record({
      t: fc.constant("map" as const),
      flow: fc.boolean(),
      pairs: fc.array(fc.record({ key: fc.constantFrom(...KEYS), quoted: fc.boolean(), value: tie("node") }), {
        maxLength: 4,
      }),
      anchor: fc.boolean(),
    }),
  ),
}));

/** The key a mapping ends up with, to keep generated mappings free of duplicates. */
const keyOf = (p: { key: string; quoted: boolean }) => (!p.quoted && /^(?:~|[Nn]ull|NULL)?$/.test(p.key) ? "" : p.key);

/** Renders a generated node as YAML text; aliases name anchors already written (or become a scalar). */
function render(root: Gen & { t: "map" }): string {
  const anchors: string[] = [];
  const quote = (text: string, style: "plain" | "single" | "double") =>
    style === "single" ? `'${text.replace(/'/g, "''")}'` : style === "double" ? JSON.stringify(text) : text;
  const key = (p: { key: string; quoted: boolean }) => (p.quoted ? JSON.stringify(p.key) : p.key);
  const flowSafe = (g: Gen): Gen =>
    g.t === "block" ? { t: "scalar", text: g.lines.join(" ").trim() || "x", style: "double" } : g;
  const anchorOf = (g: { anchor: boolean }) => {
    if (!g.anchor) return "";
    anchors.push(`n${anchors.length}`);
    return `&${anchors[anchors.length - 1]} `;
  };
  const flow = (g: Gen): string => {
    const f = flowSafe(g);
    if (f.t === "scalar")
      return f.style === "plain" && /[,[\]{}:#]/.test(f.text) ? JSON.stringify(f.text) : quote(f.text, f.style);
    if (f.t === "alias") return anchors.length ? `*${anchors[f.pick % anchors.length]}` : "x";
    if (f.t === "seq") return `${anchorOf(f)}[${f.items.map(flow).join(", ")}]`;
    if (f.t === "map")
      return `${anchorOf(f)}{${dedupe(f.pairs)
        .map((p) => `${key(p)}: ${flow(p.value)}`)
        .join(", ")}}`;
    return "x";
  };
  const dedupe = <P extends { key: string; quoted: boolean }>(pairs: P[]) => {
    const seen = new Set<string>();
    return pairs.filter((p) => !seen.has(keyOf(p)) && seen.add(keyOf(p)));
  };
  // A value after "key:" or "- ", at an indentation of `indent` spaces for what goes on the next lines.
  const value = (g: Gen, indent: number): string => {
    const pad = " ".repeat(indent);
    if (g.t === "block") {
      const body = g.lines.map((l) => (l === "" ? "" : `${pad}${l}`)).join("\n");
      // A first line that is more indented than the rest would need an indentation indicator.
      return `${g.folded ? ">" : "|"}${g.lines[0]!.startsWith(" ") ? "2" : ""}${g.chomp}\n${body}\n`;
    }
    if (g.t === "seq" && !g.flow && g.items.length > 0) {
      const a = anchorOf(g);
      return `${a}\n${g.items.map((item) => `${pad}- ${value(item, indent + 2).replace(/^\n/, "")}`).join("")}`;
    }
    if (g.t === "map" && !g.flow && g.pairs.length > 0) {
      const a = anchorOf(g);
      return `${a}\n${dedupe(g.pairs)
        .map((p) => `${pad}${key(p)}: ${value(p.value, indent + 2)}`)
        .join("")}`;
    }
    return `${flow(g)}\n`;
  };
  return (
    dedupe(root.pairs)
      .map((p) => `${key(p)}: ${value(p.value, 2)}`)
      .join("") || "a: 1\n"
  );
}

const documents = fc
  .array(fc.record({ key: fc.constantFrom(...KEYS), quoted: fc.boolean(), value: node }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((pairs) => render({ t: "map", flow: false, pairs, anchor: false }));

describe("the fast YAML path", () => {
  it("reads every generated document as yaml@2 with the core schema does, and accepts it", () => {
    const skipped: string[] = [];
    fc.assert(
      fc.property(documents, (text) => {
        const slow = parseText("f.yaml", text);
        const fast = parseYamlFast(text);
        // The generator writes only valid documents without duplicate keys or aliases past the limit.
        if (!slow.ok || slow.parsed.duplicateKeys.length > 0) {
          skipped.push(text);
          return; // a rendering the generator got wrong, or too many aliases: not this test's subject
        }
        expect(fast.ok, `${text}\n${fast.ok ? "" : fast.refusal.message}`).toBe(true);
        if (fast.ok) expect(fast.data, text).toEqual(slow.parsed.data);
      }),
      { numRuns: 400 },
    );
    // The generator must mostly write documents both paths accept.
    expect(skipped.length, skipped.slice(0, 3).join("\n----\n")).toBeLessThan(40);
  });

  it("keeps keys as written and reads values with the YAML 1.2 core schema", () => {
    const text =
      "007: a\n0x1F: b\ntrue: c\n1.0: d\n~: e\nv: [yes, no, on, 0o17, 0x1F, 007, 2001-12-14, ~, .inf, 1e3, '1']\n";
    const fast = parseYamlFast(text);
    const slow = parseText("f.yaml", text);
    const expected = {
      "007": "a",
      "0x1F": "b",
      true: "c",
      "1.0": "d",
      "": "e",
      v: ["yes", "no", "on", 15, 31, 7, "2001-12-14", null, Infinity, 1000, "1"],
    };
    expect(fast.ok && fast.data).toEqual(expected);
    expect(slow.ok && slow.parsed.data).toEqual(expected);
  });

  it("treats merge keys as ordinary keys and refuses what the located path reports", () => {
    const merge = parseYamlFast("base: &b {x: 1}\nm:\n  <<: *b\n");
    expect(merge.ok && merge.data).toEqual({ base: { x: 1 }, m: { "<<": { x: 1 } } });
    for (const text of [
      "a: 1\na: 2\n",
      "? [a]\n: 1\n",
      "{a: 1}: 2\n",
      "x: &k a\n*k : 1\n",
      "a: !custom 1\n",
      "a: !!js/function 'f'\n",
      "- a\n",
      "a\n---\nb: 1\n",
      "a: [\n",
    ]) {
      const fast = parseYamlFast(text);
      expect(fast.ok, text).toBe(false);
    }
  });

  it("counts alias expansions the same way as the located path, refusing more than the limit cheaply", () => {
    const aliases = (n: number) => `a: &a x\nb: [${Array.from({ length: n }, () => "*a").join(", ")}]\n`;
    for (const [n, ok] of [
      [LIMITS.maxAliasCount, true],
      [LIMITS.maxAliasCount + 1, false],
    ] as const) {
      expect(parseYamlFast(aliases(n)).ok, `${n} aliases`).toBe(ok);
      expect(parseText("f.yaml", aliases(n)).ok, `${n} aliases`).toBe(ok);
    }
    // Nested: the 10 aliases in `b` count 10, each alias of `b` 11 (itself and the 10 it expands): 8 make 98, 9 make 109.
    const nested = (n: number) =>
      `a: &a x\nb: &b [${Array(10).fill("*a").join(", ")}]\nc: [${Array(n).fill("*b").join(", ")}]\n`;
    expect(parseYamlFast(nested(8)).ok).toBe(true);
    expect(parseText("f.yaml", nested(8)).ok).toBe(true);
    expect(parseYamlFast(nested(9)).ok).toBe(false);
    expect(parseText("f.yaml", nested(9)).ok).toBe(false);
    // A bomb of 30 levels that share their nodes: refused before any walk over the shared data.
    const bomb =
      ["a0: &a0 [x]", ...Array.from({ length: 30 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`)].join("\n") +
      "\n";
    const fast = parseYamlFast(bomb);
    expect(fast.ok).toBe(false);
    if (!fast.ok) expect(fast.refusal.message).toMatch(/billion laughs/);
    const slow = parseText("f.yaml", bomb);
    expect(slow.ok).toBe(false);
    if (!slow.ok) expect(slow.problems[0]!.message).toMatch(/billion laughs/);
  });
});
