import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The compact index arrays: private to src/graph. */
const INDEX_ARRAYS = [
  "parentStart",
  "parentRanks",
  "stepConfidence",
  "claimStart",
  "claimRank",
  "claimEffect",
  "claimIndex",
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Lines of src/query and src/render that name an index array (or the graph's `index` member). */
export function indexArrayUses(roots: readonly string[]): string[] {
  const pattern = new RegExp(`\\b(${INDEX_ARRAYS.join("|")})\\b|\\.index\\.`);
  return roots.flatMap((root) =>
    files(root).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    ),
  );
}

describe("the graph's index arrays stay behind its interface", () => {
  it("are named nowhere in src/query or src/render", () => {
    expect(indexArrayUses(["src/query", "src/render"])).toEqual([]);
  });

  it("are found by the check where they are used (src/graph), so the check can fail", () => {
    expect(indexArrayUses(["src/graph"]).length).toBeGreaterThan(0);
  });
});

describe("queries stay short", () => {
  it("have no function over 80 lines in src/query", () => {
    const long: string[] = [];
    for (const file of files("src/query")) {
      const lines = readFileSync(file, "utf8").split("\n");
      // A top-level function runs from its `function` line to the next line that is a lone closing brace.
      lines.forEach((line, i) => {
        if (!/^(export )?function /.test(line)) return;
        let end = i;
        while (end < lines.length && lines[end] !== "}") end++;
        if (end - i + 1 > 80) long.push(`${file}:${i + 1} (${end - i + 1} lines)`);
      });
    }
    expect(long).toEqual([]);
  });
});
