// The rules that let storage read (src/store/cache.ts -> the dump reader is allowed, and not reported) the hub dump reader and nothing else of src/import, and keep src/import
// below storage, run on a tree that breaks them on purpose (test/fixtures/layering-import/).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const config = require("../.dependency-cruiser.cjs") as { forbidden: unknown[]; options: Record<string, unknown> };
const fixture = fileURLToPath(new URL("./fixtures/layering-import/", import.meta.url));

describe("layering rules of src/import", () => {
  it("report storage reading an importer other than the dump reader, and an importer reading storage", async () => {
    const result = await cruise(["src"], {
      ...config.options,
      tsConfig: undefined,
      baseDir: fixture,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
    } as never);
    const output = result.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const found = output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      "import-knows-no-storage: src/import/card.ts -> src/store/cache.ts",
      "store-reads-only-the-dump-reader: src/store/open.ts -> src/import/card.ts",
    ]);
  });
});
