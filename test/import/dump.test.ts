import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPaths } from "../../src/import/import-paths.js";
import { importDumpRow } from "../../src/import/dump.js";
import { lineageJson } from "../../src/import/write-json.js";
import { loadLineageText } from "../../src/load/load-lineage.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-dump-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hub dumps", () => {
  it("JSON Lines rows: bases, relations, external roots; a bad line is a problem with its line number", async () => {
    const file = join(dir, "models.jsonl");
    writeFileSync(
      file,
      [
        JSON.stringify({ id: "meta-llama/Llama-3.1-8B", license: "llama3.1" }),
        JSON.stringify({ id: "acme/Chat", base_model: ["meta-llama/Llama-3.1-8B"], base_model_relation: "finetune" }),
        "{not json",
        JSON.stringify({ id: "q/Chat-GGUF", base_model: "acme/Chat", base_model_relation: "quantized" }),
        JSON.stringify({ id: "m/Merge", base_model: ["acme/Chat", "other/X"] }),
        "",
      ].join("\n"),
    );
    const r = await importPaths([file]);
    expect(r.problems).toEqual([
      { file: `${file}:3`, severity: "error", message: "not a JSON object; skipped", line: 3 },
    ]);
    const by = Object.fromEntries(r.lineage.steps.map((s) => [s.to, s]));
    expect(by["acme/Chat"]).toMatchObject({
      kind: "fine-tuning",
      from: ["meta-llama/Llama-3.1-8B"],
      evidence: [{ source: "dump:models.jsonl", at: "line 2" }],
    });
    expect(by["q/Chat-GGUF"]!.kind).toBe("quantization");
    expect(by["m/Merge"]).toMatchObject({ kind: "merge", label: "relation unspecified (read as merge)" });
    expect(r.counts).toEqual({ described: 4, external: 1, steps: 3 });
    expect(r.lineage.models["other/X"]!.external).toBe(true);
    expect(loadLineageText(lineageJson(r.lineage), "x.json").ok).toBe(true);
  });

  it("CSV rows with a JSON list cell, and hub-stats style rows whose bases are in base_model:RELATION:ID tags", async () => {
    const file = join(dir, "models.csv");
    writeFileSync(
      file,
      ["model_id,base_model,relation", 'acme/Merge,"[""a/One"", ""b/Two""]",merge', "acme/Tuned,a/One,finetune"].join(
        "\n",
      ),
    );
    const r = await importPaths([file]);
    expect(r.problems).toEqual([]);
    expect(r.lineage.steps.map((s) => [s.to, s.kind, s.from])).toEqual([
      ["acme/Merge", "merge", ["a/One", "b/Two"]],
      ["acme/Tuned", "fine-tuning", ["a/One"]],
    ]);
    const row = importDumpRow(
      { id: "q/M-GGUF", tags: ["gguf", "base_model:acme/M", "base_model:quantized:acme/M"] },
      "hub.jsonl",
      "line 1",
      "dump:hub.jsonl",
    );
    expect(row.steps[0]).toMatchObject({
      from: ["acme/M"],
      step: { kind: "quantization", label: "quantized (declared)" },
    });
  });

  it("a row without an id is an error naming the row", () => {
    const row = importDumpRow({ base_model: "a/b" }, "hub.jsonl", "line 9", "dump:hub.jsonl");
    expect(row.problems).toEqual([{ file: "hub.jsonl line 9", severity: "error", message: "no valid model id: null" }]);
  });
});
