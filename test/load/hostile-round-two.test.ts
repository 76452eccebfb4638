/**
 * Hostile input, round two (issue 15's load items): each case failed, hung or answered wrong before.
 * No timings are asserted; a quadratic or exponential path shows as the test's timeout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.js";
import { loadLineageFile, loadLineageText } from "../../src/load/load-lineage.js";
import { jsonLocator } from "../../src/load/parse-json.js";
import { parseYamlFast } from "../../src/load/parse-yaml-fast.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-hostile2-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALID = `lineage: 1
title: t
sources:
  s: {title: S}
abilities:
  x: {name: X}
models:
  a: {name: A}
steps:
  - {id: pre, kind: pretraining, from: [], to: a, confidence: established, claims: [{ability: x, effect: introduced, confidence: likely, evidence: [{source: s}]}]}
`;

const problemsOf = (text: string, file = "f.yaml") => {
  const r = loadLineageText(text, file);
  return r.ok ? [] : r.problems.map((p) => `${p.line ?? "-"}:${p.column ?? "-"} ${p.message}`);
};

describe("YAML memory and time bounded by the input", () => {
  it("refuses 16 MiB of '-' lines as a list at the top, without running out of memory", () => {
    const problems = problemsOf("-\n".repeat(8 * 1024 * 1024));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/expected a mapping at the top of the file .*found a list$/);
  });

  // 16 million nodes read before the refusal: 7-11 s alone, more beside the other test files.
  it("refuses more nodes than the budget early, located", { timeout: 120_000 }, () => {
    // Lines of 400,000 entries each (800 KB, within the line limit), past the budget on the 42nd (line 44).
    const line = `${"a,".repeat(400_000)}\n`;
    const text = `lineage: 1\nnote: [\n${line.repeat(Math.ceil(LIMITS.maxYamlNodes / 400_000) + 1)}a]\n`;
    const problems = problemsOf(text);
    expect(problems).toEqual([
      expect.stringMatching(/^44:\d+ document has too many nodes \(the limit is 16,777,216\)$/),
    ]);
  });

  it("says a file of 16 MiB of blank lines is empty, in one pass", () => {
    expect(problemsOf("\n".repeat(16 * 1024 * 1024 - 1))).toEqual([
      "-:- file is empty (a lineage file is a YAML mapping that starts with 'lineage: 1')",
    ]);
    expect(problemsOf(" \t\n# only a comment\n\r\n".repeat(500_000))).toEqual([
      "-:- file is empty (a lineage file is a YAML mapping that starts with 'lineage: 1')",
    ]);
  });

  it("reads a file whose lines end in a carriage return alone (not 'empty'), with positions", async () => {
    const file = join(dir, "cr.yaml");
    writeFileSync(file, `# a comment first\n${VALID}`.replace(/\n/g, "\r"));
    const loaded = await loadLineageFile(file);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(Object.keys(loaded.lineage.models)).toEqual(["a"]);
    expect(problemsOf(`# c\r${VALID.replace("title: t", "title: t\nlable: x")}`.replace(/\n/g, "\r"))).toEqual([
      expect.stringMatching(/^4:1 unknown key 'lable' in the file/),
    ]);
  });

  it("measures the line limit in bytes and refuses only a line of more than the limit", () => {
    const max = LIMITS.maxYamlLineBytes;
    // "é" is two bytes in UTF-8: half the limit in characters is the whole limit in bytes.
    expect(problemsOf(`${VALID}# ${"é".repeat((max - 2) / 2)}\n`)).toEqual([]);
    expect(problemsOf(`${VALID}# ${"é".repeat((max - 2) / 2)}x\n`)).toEqual([
      `11:1 line is too long (${max + 1} bytes; the limit is ${max})`,
    ]);
    // A CRLF line end is not part of the line.
    expect(problemsOf(`${VALID}# ${"y".repeat(max - 2)}\r\n`)).toEqual([]);
  });
});

describe("the alias limit, located", () => {
  const aliases = (n: number) =>
    `${VALID}description: &d x\nz:\n  - [${Array.from({ length: n }, () => "*d").join(", ")}]\n`;
  it("takes 100 expansions and refuses the 101st, at that alias, on both paths", () => {
    expect(problemsOf(aliases(100)).some((p) => p.includes("alias"))).toBe(false);
    const refused = problemsOf(aliases(101));
    // 4 columns an alias after "  - [": the 101st starts at column 6 + 400.
    expect(refused).toEqual([expect.stringMatching(/^13:406 too many alias expansions \(the limit is 100\)/)]);
    const fast = parseYamlFast(aliases(101));
    expect(fast.ok ? undefined : fast.refusal.at).toEqual({ line: 13, column: 406 });
  });

  it("counts an alias of a node with aliases inside as all of them (each *w is 1 + 4)", () => {
    const text = `${VALID}description: &d x\nw: &w [*d, *d, *d, *d]\nz: [${Array.from({ length: 20 }, () => "*w").join(", ")}]\n`;
    // 4, then 5 an alias: the 20th *w makes 104, past the limit.
    expect(problemsOf(text)).toEqual([expect.stringMatching(/^13:\d+ too many alias expansions/)]);
    const fast = parseYamlFast(text);
    expect(fast.ok ? undefined : fast.refusal.at?.line).toBe(13);
  });
});

describe("nesting counted alike in YAML and JSON", () => {
  const head = "lineage: 1\ntitle: t\nsources: {}\nabilities: {}\nmodels: {}\nsteps: []\n";
  const depthProblem = (problems: string[]) => problems.find((p) => p.includes("nested too deeply"));
  it("refuses 64 lists inside the top mapping (65 levels), block or flow, as JSON does, and takes 63", () => {
    for (const n of [63, 64]) {
      const block = `${head}description:\n${Array.from({ length: n - 1 }, (_, i) => `${"  ".repeat(i + 1)}-\n`).join("")}${"  ".repeat(n)}- x\n`;
      const flow = `${head}description: ${"[".repeat(n)}${"]".repeat(n)}\n`;
      const json = `{"lineage":1,"title":"t","sources":{},"abilities":{},"models":{},"steps":[],"description":${"[".repeat(n)}${"]".repeat(n)}}`;
      const verdicts = [problemsOf(block), problemsOf(flow), problemsOf(json, "f.json")].map(
        (p) => depthProblem(p) !== undefined,
      );
      expect(verdicts).toEqual(n === 64 ? [true, true, true] : [false, false, false]);
    }
    const block = `${head}description:\n${Array.from({ length: 63 }, (_, i) => `${"  ".repeat(i + 1)}-\n`).join("")}${"  ".repeat(64)}- x\n`;
    expect(depthProblem(problemsOf(block))).toMatch(/^71:129 /);
  });

  it("locates a block document thousands of levels deep at its first level past the limit, not where a parser ran out of stack", () => {
    const text = `${head}description:\n${Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:\n`).join("")}${"  ".repeat(3001)}v\n`;
    // The top mapping is level 1, the mapping of k0 level 2: the mapping of k63 (line 71) is the 65th.
    expect(problemsOf(text)).toEqual(["71:129 document is nested too deeply (the limit is 64 levels)"]);
  });
});

describe("YAML read as written", () => {
  it("keeps ids that look like numbers as written", () => {
    const text = VALID.replace(
      "  a: {name: A}",
      "  a: {name: A}\n  007: {name: Bond}\n  0x1F: {name: Hex}\n  123456789012345678901234567890: {name: Long}",
    ).replace(
      "steps:\n",
      "steps:\n  - {id: s2, kind: fine-tuning, from: [a], to: '007', confidence: likely, claims: []}\n  - {id: s3, kind: fine-tuning, from: ['007'], to: '0x1F', confidence: likely, claims: []}\n  - {id: s4, kind: fine-tuning, from: [a], to: '123456789012345678901234567890', confidence: likely, claims: []}\n",
    );
    const r = loadLineageText(text, "f.yaml");
    expect(r.ok ? Object.keys(r.lineage.models) : r.problems).toEqual([
      "a",
      "007",
      "0x1F",
      "123456789012345678901234567890",
    ]);
  });

  it("refuses unknown tags, located at the node", () => {
    expect(problemsOf(VALID.replace("{title: S}", "!custom {title: S}"))).toEqual([
      "4:14 unknown tag '!custom' (a lineage file uses no tags but the YAML core schema's)",
    ]);
    expect(problemsOf(VALID.replace("title: t", "title: !!js/function 'function () {}'"))).toEqual([
      "2:22 unknown tag '!!js/function' (a lineage file uses no tags but the YAML core schema's)",
    ]);
    // The core schema's own tags are read as yaml@2 reads them.
    expect(problemsOf(VALID.replace("title: t", "title: !!str 2022"))).toEqual([]);
  });
});

describe("JSON bounded by the input", () => {
  it("refuses nesting deeper than the limit in linear time, located at the first bracket past it", () => {
    const deep = JSON.stringify({
      lineage: 1,
      title: "t",
      sources: {},
      abilities: {},
      models: {},
      steps: [],
      note: "x",
    }).replace('"x"', `${"[".repeat(100_000)}${"]".repeat(100_000)}`);
    expect(problemsOf(deep, "f.json")).toEqual([
      `1:${deep.indexOf("[[") + LIMITS.maxDepth} document is nested too deeply (the limit is ${LIMITS.maxDepth} levels)`,
    ]);
  });

  it("locates 100,000 schema errors in one pass", () => {
    const n = 100_000;
    const models = Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, { name: i }]));
    const text = JSON.stringify({ lineage: 1, title: "t", sources: {}, abilities: {}, models, steps: [] }, null, 1);
    const r = loadLineageText(text, "f.json");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(n);
    const lines = text.split("\n");
    for (const i of [0, 1, n / 2, n - 1]) {
      const p = r.problems.find((q) => q.message.startsWith(`models.m${i}.name `))!;
      expect(lines[p.line! - 1]!.slice(p.column! - 1)).toBe(`${i}`);
    }
  });

  it("locates paths however deep, the value and the key", () => {
    const text = '{"a": [1, {"b": {"c": [true, "x"]}}], "d": 2}';
    const locate = jsonLocator(text, [["a", 1, "b", "c", 1], ["d"], ["zz"]]);
    expect(locate(["a", 1, "b", "c", 1])).toEqual({ line: 1, column: text.indexOf('"x"') + 1 });
    expect(locate(["d"], true)).toEqual({ line: 1, column: text.indexOf('"d"') + 1 });
    expect(locate(["d"])).toEqual({ line: 1, column: text.indexOf("2}") + 1 });
  });

  it("refuses a key given twice in one object, located at the second", () => {
    const text = JSON.stringify(
      { lineage: 1, title: "t", sources: {}, abilities: {}, models: { a: { name: "A" } }, steps: [] },
      null,
      1,
    ).replace('"name": "A"', '"name": "A",\n   "name": "B"');
    expect(problemsOf(text, "f.json")).toEqual(["9:4 duplicate key 'name' (first defined at line 8)"]);
    // The same key in two objects, and a key-like text inside a string, are fine.
    const fine =
      '{"lineage": 1, "title": "t \\": x", "sources": {}, "abilities": {}, "models": {"a": {"name": "a"}, "b": {"name": "b"}}, "steps": []}';
    expect(problemsOf(fine, "f.json").filter((p) => p.includes("duplicate"))).toEqual([]);
    expect(loadLineageText(fine, "f.json").ok).toBe(true);
  });
});

describe("the rules", () => {
  it("refuse an alternative parentage that would form a cycle", () => {
    const text = VALID.replace("  a: {name: A}", "  a: {name: A}\n  b: {name: B}\n  c: {name: C}").replace(
      "steps:\n",
      "steps:\n  - {id: s1, kind: fine-tuning, from: [a], to: b, confidence: likely, claims: [], alternatives: [{from: [c], confidence: hypothesis, evidence: [{source: s}]}]}\n  - {id: s2, kind: fine-tuning, from: [b], to: c, confidence: likely, claims: []}\n",
    );
    expect(problemsOf(text)).toEqual(["12:106 alternative parent 'c' of 'b' would form a cycle: b -> c -> b"]);
  });

  it("refuse alternative parentages that form a cycle only together, naming the reading", () => {
    // Each alternative alone is a fine reading; both at once (--reading s1=1,s2=1) make b and c each other's parent.
    const text = VALID.replace("  a: {name: A}", "  a: {name: A}\n  b: {name: B}\n  c: {name: C}").replace(
      "steps:\n",
      "steps:\n  - {id: s1, kind: fine-tuning, from: [a], to: b, confidence: likely, alternatives: [{from: [a], confidence: hypothesis, evidence: [{source: s}]}, {from: [c], confidence: hypothesis, evidence: [{source: s}]}]}\n  - {id: s2, kind: fine-tuning, from: [a], to: c, confidence: likely, alternatives: [{from: [b], confidence: hypothesis, evidence: [{source: s}]}]}\n",
    );
    expect(problemsOf(text)).toEqual([
      "12:156 alternative parent 'c' of 'b' would form a cycle under the reading s1=2,s2=1: b -> c -> b",
    ]);
    // A longer loop through three steps' alternatives, and one that passes through a primary parent.
    const three = VALID.replace(
      "  a: {name: A}",
      "  a: {name: A}\n  b: {name: B}\n  c: {name: C}\n  d: {name: D}",
    ).replace(
      "steps:\n",
      "steps:\n  - {id: sb, kind: fine-tuning, from: [a], to: b, confidence: likely, alternatives: [{from: [d], confidence: hypothesis, evidence: [{source: s}]}]}\n  - {id: sc, kind: fine-tuning, from: [b], to: c, confidence: likely}\n  - {id: sd, kind: fine-tuning, from: [a], to: d, confidence: likely, alternatives: [{from: [c], confidence: hypothesis, evidence: [{source: s}]}]}\n",
    );
    expect(problemsOf(three)).toEqual([
      "13:94 alternative parent 'd' of 'b' would form a cycle under the reading sb=1,sd=1: b -> c -> d -> b",
    ]);
  });

  it("refuse names that differ only by Unicode normalisation or invisible characters", () => {
    const withAliases = (a: string, b: string) =>
      VALID.replace("  a: {name: A}", `  a: {name: A, aliases: ["${a}"]}\n  b: {name: B, aliases: ["${b}"]}`);
    const same =
      "names that look the same are the same: case, Unicode normalisation and invisible characters are ignored";
    expect(problemsOf(withAliases("caf\u00e9", "cafe\u0301")).filter((p) => !p.includes("made by no step"))).toEqual([
      `9:26 name 'cafe\u0301' is already used by model 'a' (${same})`,
    ]);
    expect(problemsOf(withAliases("gpt4", "gpt\u200b4")).filter((p) => !p.includes("made by no step"))).toEqual([
      `9:26 name 'gpt\u200b4' is already used by model 'a' (${same})`,
    ]);
    expect(
      problemsOf(withAliases("gpt4", "\ufeffGPT\u20604")).filter((p) => !p.includes("made by no step")),
    ).toHaveLength(1);
    expect(problemsOf(withAliases("gpt4", "gpt-4")).filter((p) => !p.includes("made by no step"))).toEqual([]);
  });
});
