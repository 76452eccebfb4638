/** Problems in a YAML file too large to parse again whole are located in the entry they fall in. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chunkLocator } from "../../src/load/locate-yaml-chunks.js";
import { parseYamlFast } from "../../src/load/parse-yaml-fast.js";
import { parseText } from "../../src/load/parse-yaml.js";
import type { PathSegment } from "../../src/problem.js";

const EMBEDDED = readFileSync(fileURLToPath(new URL("../../lineage.yaml", import.meta.url)), "utf8");

/** Every path into the data below its top-level keys, with whether to point at the key. */
function paths(data: unknown, prefix: PathSegment[] = []): [PathSegment[], boolean][] {
  const out: [PathSegment[], boolean][] = [];
  if (Array.isArray(data)) data.forEach((v, i) => out.push([[...prefix, i], false], ...paths(v, [...prefix, i])));
  else if (data !== null && typeof data === "object") {
    for (const [k, v] of Object.entries(data))
      out.push([[...prefix, k], false], [[...prefix, k], true], ...paths(v, [...prefix, k]));
  }
  return out;
}

describe("locating by entries", () => {
  it("gives the positions that parsing the whole file gives, for every path in the embedded lineage", () => {
    const fast = parseYamlFast(EMBEDDED);
    const whole = parseText("lineage.yaml", EMBEDDED);
    if (!fast.ok || !whole.ok) throw new Error("the embedded lineage must parse");
    const locate = chunkLocator(EMBEDDED, fast.data);
    const all = paths(fast.data).filter(([p]) => p.length >= 2);
    let located = 0;
    for (const [path, atKey] of all) {
      const got = locate(path, atKey);
      if (got.line === null) continue;
      located++;
      expect(got, JSON.stringify(path)).toEqual(whole.parsed.locate(path, atKey));
    }
    expect(located).toBe(all.length);
  });

  it("keeps a problem's path without a line where a cut does not read as the whole file does", () => {
    // A flow mapping over several lines cannot be cut by lines.
    const text = "lineage: 1\nmodels: {a: {name: A},\n  b: {name: B}}\nsteps:\n  - id: s\n    to: a\n";
    const fast = parseYamlFast(text);
    if (!fast.ok) throw new Error("must parse");
    const locate = chunkLocator(text, fast.data);
    expect(locate(["models", "b", "name"])).toEqual({ line: null, column: null });
    expect(locate(["steps", 0, "to"])).toEqual({ line: 6, column: 9 });
  });
});

describe("a YAML lineage over the size for parsing again whole", () => {
  it("has its problems located all the same", async () => {
    const { loadLineageText } = await import("../../src/load/load-lineage.js");
    const { LIMITS } = await import("../../src/limits.js");
    // One model and one step per block, padded with notes past the size parsed again whole.
    const n = 9000;
    const note = "x".repeat(Math.ceil(LIMITS.maxYamlLocateBytes / n));
    const models = Array.from({ length: n }, (_, i) => `  m${i}:\n    name: M${i}\n    description: ${note}\n`).join(
      "",
    );
    const steps = Array.from(
      { length: n },
      (_, i) =>
        `  - id: s${i}\n    kind: fine-tuning\n    from: [${i ? `m${i - 1}` : ""}]\n    to: m${i}\n    confidence: ${i === n - 2 ? "sure" : "likely"}\n    claims: []\n`,
    ).join("");
    const text = `lineage: 1\ntitle: t\nsources: {}\nabilities: {}\nmodels:\n${models}steps:\n${steps}`;
    expect(text.length).toBeGreaterThan(LIMITS.maxYamlLocateBytes);
    const r = loadLineageText(text, "big.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = text.split("\n").indexOf("    confidence: sure") + 1;
    expect(r.problems).toEqual([
      expect.objectContaining({
        line,
        column: 17,
        message: expect.stringMatching(/^steps\[8998\]\.confidence must be one of /),
      }),
    ]);
  });
});
