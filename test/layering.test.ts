// The layering rules of .dependency-cruiser.cjs, run on a tree that breaks them on purpose.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const config = require("../.dependency-cruiser.cjs") as { forbidden: unknown[]; options: Record<string, unknown> };

/** The rule names and edges dependency-cruiser reports for a fixture tree (test/fixtures/NAME/). */
async function violations(name = "layering"): Promise<string[]> {
  const { options } = config;
  const result = await cruise(["src"], {
    ...options,
    tsConfig: undefined,
    baseDir: fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url)),
    ruleSet: { forbidden: config.forbidden },
    validate: true,
  } as never);
  const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("layering rules", () => {
  it("report load importing graph, a query past the graph interface and render importing query, and nothing else", async () => {
    expect(await violations()).toEqual([
      "load-stays-in-load: src/load/parse.ts -> src/graph/node.ts",
      "query-uses-the-graph-interface: src/query/shortcut.ts -> src/graph/node.ts",
      "render-reads-only-results: src/render/text.ts -> src/query/answer.ts",
    ]);
  });
});

describe("layering rules of src/import", () => {
  it("report storage reading an importer other than the dump reader, and an importer reading storage", async () => {
    // In the tree, storage reading the dump reader is allowed, and not reported.
    expect(await violations("layering-import")).toEqual([
      "import-knows-no-storage: src/import/card.ts -> src/store/cache.ts",
      "store-reads-only-the-dump-reader: src/store/open.ts -> src/import/card.ts",
    ]);
  });
});
