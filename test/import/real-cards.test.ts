import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestors } from "../../src/graph/walk.js";
import { importPaths } from "../../src/import/import-paths.js";
import { lineageJson } from "../../src/import/write-json.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { diff } from "../../src/query/diff.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "hf-cards");

/** What each real card declares: its parents (Hub ids) and the step kind they must import as. */
const DECLARED: Record<string, [kind: string, parents: string[]]> = {
  "bartowski/openai_gpt-oss-120b-GGUF": ["quantization", ["openai/gpt-oss-120b"]],
  "bartowski/openai_gpt-oss-20b-GGUF": ["quantization", ["openai/gpt-oss-20b"]],
  "bartowski/zerofata_GLM-4.5-Iceblink-106B-A12B-GGUF": ["quantization", ["zerofata/GLM-4.5-Iceblink-106B-A12B"]],
  "bartowski/ai9stars_G9v3-3B-GGUF": ["quantization", ["ai9stars/G9v3-3B"]],
  "bartowski/Codestral-22B-v0.1-GGUF": ["quantization", ["mistralai/Codestral-22B-v0.1"]],
  "bartowski/cognitivecomputations_Dolphin-Mistral-24B-Venice-Edition-GGUF": [
    "quantization",
    ["cognitivecomputations/Dolphin-Mistral-24B-Venice-Edition"],
  ],
  "bartowski/aya-expanse-32b-GGUF": ["quantization", ["CohereForAI/aya-expanse-32b"]],
  "mradermacher/Llama-3.2-3B-Instruct-uncensored-GGUF": [
    "quantization",
    ["chuanli11/Llama-3.2-3B-Instruct-uncensored"],
  ],
  "mradermacher/DeepHermes-Egregore-8B-131K-i1-GGUF": ["quantization", ["Babsie/DeepHermes-Egregore-8B-131K"]],
  "mradermacher/Qwen2.5-14B-Valor-i1-GGUF": ["quantization", ["TECHNOPRAVIN01/Qwen2.5-14B-Valor"]],
  "mradermacher/Qwen2.5-14B-Valor-GGUF": ["quantization", ["TECHNOPRAVIN01/Qwen2.5-14B-Valor"]],
  "mradermacher/Qwen3-Jan-DEMA-20x-6B-GGUF": ["quantization", ["DavidAU/Qwen3-Jan-DEMA-20x-6B"]],
  "TheBloke/Yarn-Mistral-7B-128k-GGUF": ["quantization", ["NousResearch/Yarn-Mistral-7b-128k"]],
  "TheBloke/Magicoder-S-DS-6.7B-GGUF": ["quantization", ["ise-uiuc/Magicoder-S-DS-6.7B"]],
  "Retreatcost/KansenSakura-Zero-RP-12b": [
    "merge",
    [
      "PocketDoc/Dans-PersonalityEngine-V1.3.0-12b",
      "PocketDoc/Dans-SakuraKaze-V1.0.0-12b",
      "elinas/Chronos-Gold-12B-1.0",
      "PygmalionAI/Eleusis-12B",
      "ReadyArt/Forgotten-Abomination-12B-v4.0",
      "Epiculous/Crimson_Dawn-v0.2",
      "LatitudeGames/Wayfarer-12B",
      "LatitudeGames/Muse-12B",
    ],
  ],
  "knifeayumu/Cydonia-v4.1-MS3.2-Magnum-Diamond-24B": [
    "merge",
    ["TheDrummer/Cydonia-24B-v4.1", "Doctor-Shotgun/MS3.2-24B-Magnum-Diamond"],
  ],
  "Vortex5/LunaMaid-12B": [
    "merge",
    ["Vortex5/Moonlit-Shadow-12B", "yamatazen/NeonMaid-12B-v2", "Vortex5/Vermilion-Sage-12B"],
  ],
  "trashpanda-org/QwQ-32B-Snowdrop-v0": [
    "merge",
    [
      "trashpanda-org/Qwen2.5-32B-Marigold-v0",
      "Qwen/QwQ-32B",
      "Qwen/Qwen2.5-32B",
      "trashpanda-org/Qwen2.5-32B-Marigold-v0-exp",
    ],
  ],
  "sayakpaul/FLUX.1-merged": ["merge", ["black-forest-labs/FLUX.1-dev", "black-forest-labs/FLUX.1-schnell"]],
  "nvidia/Eagle2-1B": [
    "merge",
    ["google/paligemma-3b-mix-448", "Qwen/Qwen2.5-0.5B-Instruct", "google/siglip-so400m-patch14-384"],
  ],
  "KoboldAI/LLaMA2-13B-Estopia": ["merge", ["TheBloke/Llama-2-13B-fp16"]],
  "DavidAU/Gemma-The-Writer-9B": ["merge", ["google/gemma-2-9b-it"]],
  "SZLHOLDINGS/khipu-r3": ["fine-tuning", ["Qwen/Qwen3.5-0.8B"]],
  "TECHNOPRAVIN01/Qwen2.5-14B-Valor": ["fine-tuning", ["Qwen/Qwen2.5-14B-Instruct"]],
  "OpenGVLab/InternViT-300M-448px-V2_5": ["fine-tuning", ["OpenGVLab/InternViT-300M-448px"]],
  "OpenGVLab/InternVL2_5-8B-MPO": ["fine-tuning", ["OpenGVLab/InternVL2_5-8B"]],
  "NyayaLabs98/nyaya-embed-v1": ["fine-tuning", ["intfloat/multilingual-e5-base"]],
  "almorelle/whisper-wakeref-jib-onnx": ["fine-tuning", ["openai/whisper-small"]],
  "llm-semantic-router/DEV2.0-0.6B": ["fine-tuning", ["Qwen/Qwen3-0.6B-Base"]],
};

const id = (hub: string) => hub;

describe("real model cards from the Hub (test/fixtures/hf-cards, sources in each SOURCE file)", async () => {
  const result = await importPaths([DIR]);
  const loaded = loadLineageText(lineageJson(result.lineage), "hf-cards.json");

  it("every fixture has its SOURCE noted, and all of them import without an error into a lineage that validates", () => {
    const folders = readdirSync(DIR);
    expect(folders.length).toBeGreaterThanOrEqual(30);
    for (const f of folders)
      expect(readFileSync(join(DIR, f, "SOURCE"), "utf8")).toMatch(/^Model card .* of https:\/\/huggingface\.co\//);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(loaded.ok).toBe(true);
    expect(result.counts.described).toBe(folders.length);
  });

  it("each card's parents and kind in the built graph are the ones it declares; quantized and merged ones typed as such", () => {
    if (!loaded.ok) throw new Error("did not load");
    const graph = buildGraph(loaded.lineage, loaded.order);
    for (const [model, [kind, parents]] of Object.entries(DECLARED)) {
      const step = graph.madeBy.get(id(model));
      expect(step, model).toBeDefined();
      expect([step!.kind, step!.from], model).toEqual([kind, parents.map(id)]);
    }
    // A merge whose card lists no base is a root: nothing is invented.
    expect(graph.madeBy.has("FlareRebellion/WeirdCompound-v1.6-24b")).toBe(false);
    expect(graph.models.has("FlareRebellion/WeirdCompound-v1.6-24b")).toBe(true);
  });

  it("ancestry runs through cards: a quantization of a finetune reaches the finetune's external base", () => {
    if (!loaded.ok) throw new Error("did not load");
    const graph = buildGraph(loaded.lineage, loaded.order);
    expect(ancestors(graph, "mradermacher/Qwen2.5-14B-Valor-i1-GGUF")).toEqual([
      "Qwen/Qwen2.5-14B-Instruct",
      "TECHNOPRAVIN01/Qwen2.5-14B-Valor",
      "mradermacher/Qwen2.5-14B-Valor-i1-GGUF",
    ]);
    expect(graph.models.get("Qwen/Qwen2.5-14B-Instruct")).toMatchObject({
      external: true,
      url: "https://huggingface.co/Qwen/Qwen2.5-14B-Instruct",
    });
    // diff by Hub-style names, any case: the two quantizations share the finetune as nearest ancestor.
    const d = diff(graph, {
      from: "MRADERMACHER/qwen2.5-14b-valor-gguf",
      to: "mradermacher/Qwen2.5-14B-Valor-i1-GGUF",
    });
    expect(JSON.stringify(d)).toContain("TECHNOPRAVIN01/Qwen2.5-14B-Valor");
  });

  it("facts of the cards are kept as data: licenses, datasets, new_version, model-index results with their source", () => {
    const m = result.lineage.models;
    // A quantization: bartowski's card of Codestral (license other + name + link, quantized_by).
    expect(m["bartowski/Codestral-22B-v0.1-GGUF"]!.card).toMatchObject({
      source: "card:bartowski/Codestral-22B-v0.1-GGUF",
      license: { id: "other", name: "mnpl", link: "https://mistral.ai/licences/MNPL-0.1.md" },
      pipelineTag: "text-generation",
      quantizedBy: "bartowski",
    });
    expect(m["TheBloke/Magicoder-S-DS-6.7B-GGUF"]!.card).toMatchObject({
      license: { id: "other", name: "deepseek" },
      datasets: ["ise-uiuc/Magicoder-OSS-Instruct-75K", "ise-uiuc/Magicoder-Evol-Instruct-110K"],
      quantizedBy: "TheBloke",
    });
    // A merge whose license points at a file of its repository, as the card writes it.
    expect(m["sayakpaul/FLUX.1-merged"]!.card!.license).toEqual({
      id: "other",
      name: "flux-1-dev-non-commercial-license",
      link: "LICENSE.md",
    });
    // A merge with a newer version and six leaderboard results, each with its source.
    const sakura = m["Retreatcost/KansenSakura-Zero-RP-12b"]!.card!;
    expect(sakura.newVersion).toBe("Retreatcost/KansenSakura-Eclipse-RP-12b");
    expect(sakura.license).toEqual({ id: "apache-2.0" });
    expect(sakura.tags).toEqual(["mergekit", "merge", "frankenmerge", "roleplay", "conversational", "nsfw"]);
    expect(sakura.evaluations).toHaveLength(6);
    expect(sakura.evaluations![0]).toEqual({
      task: { type: "text-generation", name: "UGI score" },
      metric: { type: "ugi", name: "UGI" },
      value: 27.85,
      source: { url: "https://huggingface.co/spaces/DontPlanToEnd/UGI-Leaderboard", name: "UGI Leaderboard" },
    });
    // A finetune with a dataset-bearing model-index result and no source of its own: the card cites it.
    expect(m["NyayaLabs98/nyaya-embed-v1"]!.card).toMatchObject({
      source: "card:NyayaLabs98/nyaya-embed-v1",
      languages: ["en", "hi"],
      datasets: ["NyayaLabs98/nyaya-statute-db"],
      library: "sentence-transformers",
      pipelineTag: "sentence-similarity",
    });
    expect(m["NyayaLabs98/nyaya-embed-v1"]!.card!.evaluations![0]).toEqual({
      task: { type: "retrieval", name: "Statute-section retrieval (hybrid BM25 + dense, RRF)" },
      dataset: { name: "Nyaya-Eval-v1, never-audited slice (n=118)", type: "NyayaLabs98/nyaya-eval-v1" },
      metric: { type: "recall_at_1", name: "full-hit recall@1" },
      value: 49.2,
    });
    // Nothing of the facts is left in prose, and every card that states a fact has its block.
    for (const [id, model] of Object.entries(m)) {
      expect(model.description, id).toBeUndefined();
      if (!model.external) expect(model.card?.source, id).toBe(`card:${id}`);
    }
    // Cards without base_model_relation say so; TheBloke's cards show quantized_by only.
    const bloke = result.lineage.steps.find((s) => s.to === "TheBloke/Yarn-Mistral-7B-128k-GGUF")!;
    expect(bloke.label).toBe("relation unspecified (read as quantized)");
    expect(bloke.note).toContain("Quantized by TheBloke.");
  });
});
