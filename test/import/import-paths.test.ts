import {
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  ftruncateSync,
  rmSync,
  writeFileSync,
  writeSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hubCacheDir } from "../../src/import/hub-cache.js";
import { hubIdFromPath, importPaths } from "../../src/import/import-paths.js";
import { importApiJsonText } from "../../src/import/api-json.js";
import { mergeFragments } from "../../src/import/merge-fragments.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const put = (path: string, text: string | Buffer) => {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
  return join(dir, path);
};

describe("inputs", () => {
  it("a directory: README.md cards found recursively, ids from ORG--NAME folders", async () => {
    put("cards/acme--Chat/README.md", "---\nbase_model: acme/Base\n---\n");
    put("cards/deep/more/acme--Quant/README.md", "---\nbase_model: acme/Chat\nbase_model_relation: quantized\n---\n");
    put("cards/acme--Chat/notes.md", "---\nbase_model: should/not-be-read\n---\n");
    const r = await importPaths([join(dir, "cards")]);
    expect(r.problems).toEqual([]);
    expect(r.lineage.steps.map((s) => `${s.from.join("+")} -> ${s.to} (${s.kind})`).sort()).toEqual([
      "acme/Base -> acme/Chat (fine-tuning)",
      "acme/Chat -> acme/Quant (quantization)",
    ]);
  });

  it("a Hub cache from HF_HUB_CACHE, HF_HOME or HOME: the snapshot refs/main names, README.md a symlink to a blob", async () => {
    const hub = join(dir, "home", ".cache", "huggingface", "hub");
    const repo = join(hub, "models--acme--Chat-7B");
    put("home/.cache/huggingface/hub/models--acme--Chat-7B/blobs/new", "---\nbase_model: acme/Base-v2\n---\n");
    put("home/.cache/huggingface/hub/models--acme--Chat-7B/blobs/old", "---\nbase_model: acme/Base-v1\n---\n");
    mkdirSync(join(repo, "snapshots", "rev-new"), { recursive: true });
    mkdirSync(join(repo, "snapshots", "rev-old"), { recursive: true });
    symlinkSync("../../blobs/new", join(repo, "snapshots", "rev-new", "README.md"));
    symlinkSync("../../blobs/old", join(repo, "snapshots", "rev-old", "README.md"));
    // The newest snapshot is the old revision: refs/main must win over modification time.
    utimesSync(join(repo, "snapshots", "rev-old"), new Date(), new Date(Date.now() + 10_000));
    put("home/.cache/huggingface/hub/models--acme--Chat-7B/refs/main", "rev-new");
    put(
      "home/.cache/huggingface/hub/datasets--acme--data/snapshots/r/README.md",
      "---\nbase_model: not/a-model\n---\n",
    );
    expect(hubCacheDir({ HOME: join(dir, "home") })).toBe(hub);
    expect(hubCacheDir({ HF_HOME: "/x/hf", HOME: "/h" })).toBe("/x/hf/hub");
    expect(hubCacheDir({ HF_HUB_CACHE: "/c", HF_HOME: "/x/hf" })).toBe("/c");
    const r = await importPaths([], { env: { HOME: join(dir, "home") } });
    expect(r.problems).toEqual([]);
    expect(r.lineage.steps.map((s) => [s.to, s.from])).toEqual([["acme/Chat-7B", ["acme/Base-v2"]]]);
    const one = await importPaths([repo]);
    expect(one.lineage.steps.map((s) => s.from)).toEqual([["acme/Base-v2"]]);
  });

  it("repo ids from paths", () => {
    expect(hubIdFromPath("/c/hub/models--Org--Name.v2/snapshots/abc/README.md")).toBe("Org/Name.v2");
    expect(hubIdFromPath("fixtures/TheBloke--Llama-2-7B-GGUF/README.md")).toBe("TheBloke/Llama-2-7B-GGUF");
    expect(hubIdFromPath("x/gpt2/README.md")).toBe("gpt2");
    expect(hubIdFromPath("x/has space/README.md")).toBeNull();
  });

  it("saved API answers: a list of models, base from cardData, or from baseModels / base_model tags when the card has none", () => {
    const text = JSON.stringify([
      { id: "acme/Chat", cardData: { base_model: "acme/Base", license: "mit" }, createdAt: "2024-05-01T10:00:00.000Z" },
      { modelId: "q/Chat-GGUF", cardData: {}, baseModels: { relation: "quantized", models: [{ id: "acme/Chat" }] } },
      { id: "t/Tagged", tags: ["base_model:adapter:acme/Chat", "base_model:acme/Chat", "lora"] },
      { nothing: true },
    ]);
    const r = mergeFragments(importApiJsonText(text, "models.json"));
    const by = Object.fromEntries(r.lineage.steps.map((s) => [s.to, s]));
    expect(by["acme/Chat"]!.from).toEqual(["acme/Base"]);
    expect(r.lineage.models["acme/Chat"]!.released).toBe("2024-05-01");
    expect(by["q/Chat-GGUF"]).toMatchObject({ kind: "quantization", from: ["acme/Chat"] });
    expect(by["t/Tagged"]).toMatchObject({ kind: "fine-tuning", method: "adapter" });
    expect(r.problems).toEqual([
      { file: "models.json [3]", severity: "error", message: "no valid model id (id or modelId): null" },
    ]);
    expect(importApiJsonText("{oops", "bad.json")[0]!.problems[0]!.message).toMatch(/^not valid JSON/);
  });

  it("a huge README is read only up to its front matter; one whose front matter never ends is refused", async () => {
    const big = put("huge/acme--Big/README.md", "---\nbase_model: acme/Base\n---\n");
    const fd = openSync(big, "r+");
    ftruncateSync(fd, 3 * 1024 ** 3);
    closeSync(fd);
    const endless = put("huge/acme--Endless/README.md", "");
    const fd2 = openSync(endless, "r+");
    writeSync(fd2, "---\nbase_model: acme/Base\n");
    ftruncateSync(fd2, 2 * 1024 * 1024);
    closeSync(fd2);
    const r = await importPaths([join(dir, "huge")]);
    expect(r.lineage.steps.map((s) => s.to)).toEqual(["acme/Big"]);
    expect(r.problems).toEqual([
      { file: endless, severity: "error", message: "front matter missing or longer than 1048576 bytes; skipped" },
    ]);
  });

  it("a missing path or an unknown file type is a problem, not a throw", async () => {
    const other = put("misc/thing.bin", "x");
    const r = await importPaths([join(dir, "nope"), other]);
    expect(r.problems.map((p) => [p.file, p.message])).toEqual([
      [join(dir, "nope"), "no such file or directory"],
      [other, "not a card (.md), GGUF (.gguf), API answer (.json) or dump (.jsonl, .csv)"],
    ]);
  });
});
