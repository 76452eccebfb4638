import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importGgufFile } from "../../src/import/gguf.js";
import { importPaths } from "../../src/import/import-paths.js";
import { lineageJson } from "../../src/import/write-json.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { ggufBytes } from "./gguf-writer.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-gguf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const META = {
  "general.architecture": "llama",
  "general.name": "Chat 7B",
  "general.repo_url": "https://huggingface.co/acme/Chat-7B",
  "general.quantized_by": "bartowski",
  "general.base_model.count": 1,
  "general.base_model.0.name": "Llama 3.1 8B",
  "general.base_model.0.organization": "Meta Llama",
  "general.base_model.0.repo_url": "https://huggingface.co/meta-llama/Llama-3.1-8B",
  "general.datasets": ["HuggingFaceH4/ultrachat_200k"],
  "general.license": "llama3.1",
  "general.tags": ["chat", "gguf"],
  "general.languages": ["en", "de"],
  "general.license.link": "https://llama.meta.com/llama3_1/license",
};

describe("GGUF headers", () => {
  it("a quantization of the model the header names, itself made from the header's base", async () => {
    const file = join(dir, "Chat-7B-Q4_K_M.gguf");
    writeFileSync(file, ggufBytes(META));
    const result = await importPaths([file]);
    const by = Object.fromEntries(result.lineage.steps.map((s) => [s.to, s]));
    expect(by["Chat-7B-Q4_K_M"]).toMatchObject({
      kind: "quantization",
      from: ["acme/Chat-7B"],
      note: "Quantized by bartowski.",
    });
    expect(by["acme/Chat-7B"]).toMatchObject({ kind: "fine-tuning", from: ["meta-llama/Llama-3.1-8B"] });
    expect(result.lineage.models["Chat-7B-Q4_K_M"]!.card).toEqual({
      source: "gguf:Chat-7B-Q4_K_M",
      license: { id: "llama3.1", link: "https://llama.meta.com/llama3_1/license" },
      datasets: ["HuggingFaceH4/ultrachat_200k"],
      languages: ["en", "de"],
      tags: ["chat", "gguf"],
      quantizedBy: "bartowski",
    });
    expect(loadLineageText(lineageJson(result.lineage), "x.json").ok).toBe(true);
  });

  it("two bases make a merge; a base without repo_url falls back to organization/name", async () => {
    const file = join(dir, "merge.gguf");
    writeFileSync(
      file,
      ggufBytes({
        "general.name": "Merged",
        "general.repo_url": "https://huggingface.co/acme/Merged",
        "general.base_model.count": 2,
        "general.base_model.0.repo_url": "https://huggingface.co/a/One",
        "general.base_model.1.name": "Two",
        "general.base_model.1.organization": "b",
      }),
    );
    const f = await importGgufFile(file, { file, hubId: "q/Merged-GGUF" });
    expect(f.steps.find((s) => s.to === "acme/Merged")).toMatchObject({
      from: ["a/One", "b/Two"],
      step: { kind: "merge" },
    });
  });

  it("reads only the header of a large file (a sparse 6 GB file with a small header)", async () => {
    const file = join(dir, "big.gguf");
    const fd = openSync(file, "w");
    writeSync(fd, ggufBytes(META));
    ftruncateSync(fd, 6 * 1024 ** 3);
    closeSync(fd);
    const f = await importGgufFile(file, { file, hubId: "big" });
    expect(f.problems).toEqual([]);
    expect(f.steps[0]!.from).toEqual(["acme/Chat-7B"]);
  });

  it("a file that is not GGUF, or a truncated header, is a problem naming the file", async () => {
    const bad = join(dir, "bad.gguf");
    writeFileSync(bad, "not gguf at all");
    const cut = join(dir, "cut.gguf");
    writeFileSync(cut, ggufBytes(META).subarray(0, 60));
    for (const file of [bad, cut]) {
      const f = await importGgufFile(file, { file, hubId: "x" });
      expect(f.models).toEqual([]);
      expect(f.problems).toHaveLength(1);
      expect(f.problems[0]!.file).toBe(file);
      expect(f.problems[0]!.message).toMatch(/^not a readable GGUF header/);
    }
  });
});
