/**
 * The parallel load's main thread parses with a bare JSON.parse (the worker runs every check of the text):
 * what JSON.parse accepts but the checks refuse (a key given twice, nesting past the limit), and what it
 * refuses (a syntax error), must come out exactly as the one-thread load reports them.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LIMITS } from "../../src/limits.js";
import { openLineage } from "../../src/store/open-lineage.js";
import { bigLineage } from "../support/big-lineage.js";
import { tempDirs } from "./temp-dirs.js";

const tempDir = tempDirs("parallel-parse");
const WORKER = fileURLToPath(new URL("../../dist/bundle/validate-worker.cjs", import.meta.url));

/** A big lineage's JSON text, with `edit` applied to the text. */
function bigText(edit: (text: string) => string): string {
  return edit(JSON.stringify(bigLineage(7000), null, 1));
}

describe("the parallel load on JSON the main thread's JSON.parse takes differently from the checks", () => {
  const cases: [string, (t: string) => string][] = [
    ["a key given twice", (t) => t.replace('"title":', '"title": "first",\n "title":')],
    [
      "nesting past the limit",
      (t) =>
        t.replace(
          '"title":',
          `"deep": ${"[".repeat(LIMITS.maxDepth + 5)}${"]".repeat(LIMITS.maxDepth + 5)},\n "title":`,
        ),
    ],
    ["a syntax error", (t) => t.replace('"title":', '"title" "x",\n "t":')],
    ["a byte order mark and a trailing comma", (t) => `\uFEFF${t.replace(/\n}$/, ",\n}")}`],
  ];
  for (const [what, edit] of cases)
    it(`reports ${what} as the one-thread load does`, async () => {
      const dir = tempDir();
      const file = join(dir, "big.json");
      writeFileSync(file, bigText(edit));
      const parallel = await openLineage(file, { cache: false, worker: WORKER, parallelMinBytes: 1 << 20 });
      const plain = await openLineage(file, { cache: false, worker: false });
      expect(plain.ok).toBe(false);
      expect(parallel).toStrictEqual(plain);
    });
});
