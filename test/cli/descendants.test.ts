// `captrace descendants MODEL` in-process: on the embedded lineage against the tree's own walk, and on a hub
// dump imported through `import hf` (the relations as the importer records them).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import stringWidth from "string-width";
import { afterAll, describe, expect, it } from "vitest";
import { DescendantsOut, ErrorOut, TreeOut } from "../../src/contract.js";
import * as lib from "../../src/index.js";
import { cli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-cli-descendants-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const widest = (text: string) => Math.max(0, ...text.split("\n").map((l) => stringWidth(l)));

describe("descendants on the embedded lineage", () => {
  it("counts what tree --descendants draws: each model once, by the kind of the step that made it", async () => {
    const r = await cli(["--json", "descendants", "davinci"]);
    expect(r.code).toBe(0);
    const d = DescendantsOut.parse(JSON.parse(r.stdout));
    const t = TreeOut.parse(JSON.parse((await cli(["--json", "tree", "davinci", "--descendants"])).stdout));
    const below = t.lines.filter((l) => l.depth > 0 && !l.repeated);
    expect(d.total).toBe(below.length);
    expect(d.total).toBeGreaterThan(d.direct);
    expect(d.direct).toBe(t.lines.filter((l) => l.depth === 1).length);
    const kinds = new Map<string, number>();
    for (const l of below) kinds.set(l.kind!, (kinds.get(l.kind!) ?? 0) + 1);
    expect(new Map(d.relations.map((x) => [x.relation, x.all]))).toEqual(kinds);
    expect(d.relations.some((x) => x.relation === "merge")).toBe(true);
  });

  it("puts the answer first, fits 80 columns, and uses more when there is room", async () => {
    const at80 = await cli(["descendants", "davinci"], { env: { COLUMNS: "80" } });
    expect(at80.stderr).toBe("");
    expect(at80.stdout).toMatch(/^davinci has \d+ descendants: \d+ /);
    expect(widest(at80.stdout)).toBeLessThanOrEqual(80);
    const at30 = await cli(["descendants", "davinci", "--width", "30"]);
    expect(widest(at30.stdout)).toBeLessThanOrEqual(30);
    const wide = await cli(["descendants", "davinci", "--width", "0"]);
    expect(widest(wide.stdout)).toBeGreaterThan(80);
  });

  it("says a leaf has none in one line, and counts to --depth", async () => {
    expect(await cli(["descendants", "chatgpt"])).toEqual({
      code: 0,
      stdout: "chatgpt has no descendants.\n",
      stderr: "",
    });
    const one = DescendantsOut.parse(
      JSON.parse((await cli(["--json", "descendants", "davinci", "--depth", "1"])).stdout),
    );
    expect([one.maxDepth, one.deepest, one.cut, one.total === one.direct]).toEqual([1, 1, true, true]);
  });

  it("refuses an unknown model with a suggestion (exit 2), as an error object under --json", async () => {
    const r = await cli(["descendants", "davnci"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, "", "captrace: unknown model 'davnci' (did you mean davinci?)\n"]);
    const j = await cli(["--json", "descendants", "davnci"]);
    expect(j.code).toBe(2);
    expect(ErrorOut.parse(JSON.parse(j.stdout)).error.message).toContain("did you mean davinci?");
    const bad = await cli(["descendants", "davinci", "--depth", "x"]);
    expect(bad.code).toBe(2);
  });
});

describe("descendants in the library", () => {
  it("answers as the command does, under the contract's schema", async () => {
    const graph = await lib.loadLineage();
    const fromCli: unknown = JSON.parse((await cli(["--json", "descendants", "code-davinci-002"])).stdout);
    expect(lib.DescendantsOut.parse(fromCli)).toEqual(lib.descendants(graph, { model: "code-davinci-002" }));
  });
});

describe("descendants of an imported hub dump", () => {
  it("folds the levels past the fifth into one sum, and -v lists every one", async () => {
    const rows = [
      { id: "org/root" },
      ...Array.from({ length: 8 }, (_, i) => ({
        id: `org/m${i + 1}`,
        base_model: [i === 0 ? "org/root" : `org/m${i}`],
        base_model_relation: "finetune",
      })),
    ];
    const dump = join(dir, "chain.jsonl");
    const lineage = join(dir, "chain.json");
    writeFileSync(dump, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    expect((await cli(["import", "hf", dump, "-o", lineage])).code).toBe(0);
    const short = await cli(["--lineage", lineage, "descendants", "org/root", "--width", "0"]);
    expect(short.stdout.trimEnd().split("\n").at(-1)).toBe(
      "By level: 1 child, 1 at level 2, 1 at level 3, 1 at level 4, 1 at level 5, 3 at levels 6 to 8 (the deepest). (-v: every level)",
    );
    const full = await cli(["--lineage", lineage, "descendants", "org/root", "-v", "--width", "0"]);
    expect(full.stdout.trimEnd().split("\n").at(-1)).toBe(
      "By level: 1 child, 1 at level 2, 1 at level 3, 1 at level 4, 1 at level 5, 1 at level 6, 1 at level 7, 1 at level 8 (the deepest).",
    );
  });

  it("counts fine-tuned, quantized, merged, adapters and undeclared relations as the importer records them", async () => {
    const rows = [
      { id: "org/base" },
      { id: "org/other" },
      { id: "a/ft", base_model: ["org/base"], base_model_relation: "finetune" },
      { id: "a/ft-GGUF", base_model: ["a/ft"], base_model_relation: "quantized" },
      { id: "a/q", base_model: ["org/base"], base_model_relation: "quantized" },
      { id: "a/lora", base_model: ["org/base"], base_model_relation: "adapter" },
      { id: "a/merged", base_model: ["a/ft", "org/other"], base_model_relation: "merge" },
      { id: "a/undeclared", base_model: ["org/base"] },
    ];
    const dump = join(dir, "dump.jsonl");
    const lineage = join(dir, "hub.json");
    writeFileSync(dump, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
    expect((await cli(["import", "hf", dump, "-o", lineage])).code).toBe(0);
    const j = await cli(["--lineage", lineage, "--json", "descendants", "org/base"]);
    const d = DescendantsOut.parse(JSON.parse(j.stdout));
    expect(d.relations).toEqual([
      { relation: "quantization", direct: 1, all: 2 },
      { relation: "fine-tuning", direct: 1, all: 1 },
      { relation: "merge", direct: 0, all: 1 },
      { relation: "adapter", direct: 1, all: 1 },
      { relation: "unspecified", direct: 1, all: 1 },
    ]);
    expect(d.unspecified).toEqual([{ readAs: "fine-tuning", direct: 1, all: 1 }]);
    expect([d.total, d.direct, d.deepest]).toEqual([6, 4, 2]);
    const text = await cli(["--lineage", lineage, "descendants", "ORG/BASE", "--width", "0"]);
    expect(text.stdout.split("\n")[0]).toBe(
      "org/base has 6 descendants: 2 quantized, 1 fine-tuned, 1 merged, 1 adapter, 1 unspecified",
    );
  });
});
