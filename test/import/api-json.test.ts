/** Saved Hub API answers: the card facts come from cardData, and from the Hub's own tags when the card has none. */
import { describe, expect, it } from "vitest";
import { importApiJsonText } from "../../src/import/api-json.js";
import { mergeFragments } from "../../src/import/merge-fragments.js";
import { lineageJson } from "../../src/import/write-json.js";
import { loadLineageText } from "../../src/load/load-lineage.js";

describe("card facts from a saved API answer", () => {
  const text = JSON.stringify([
    {
      id: "acme/Chat",
      pipeline_tag: "text-generation",
      library_name: "transformers",
      tags: ["transformers", "license:apache-2.0", "dataset:acme/chats", "base_model:finetune:acme/Base", "en"],
      cardData: {
        base_model: "acme/Base",
        language: ["en"],
        "model-index": [
          {
            name: "acme/Chat",
            results: [
              {
                task: { type: "text-generation" },
                dataset: { name: "GSM8k", type: "gsm8k", split: "test" },
                metrics: [{ type: "acc", value: 41.5 }],
                source: { url: "https://example.org/board", name: "A board" },
              },
            ],
          },
        ],
      },
    },
    {
      id: "acme/Other",
      cardData: { license: "mit", datasets: "acme/own" },
      tags: ["license:apache-2.0", "dataset:x/y"],
    },
  ]);
  const result = mergeFragments(importApiJsonText(text, "models.json"));

  it("fills the card block: the API's pipeline and library, license and datasets from its tags, the model-index", () => {
    expect(result.problems).toEqual([]);
    expect(result.lineage.models["acme/Chat"]!.card).toEqual({
      source: "card:acme/Chat",
      license: { id: "apache-2.0" },
      datasets: ["acme/chats"],
      languages: ["en"],
      pipelineTag: "text-generation",
      library: "transformers",
      // The tags the Hub derives from the card (license:, dataset:, base_model:) are its other fields, not tags.
      tags: ["transformers", "en"],
      evaluations: [
        {
          task: { type: "text-generation" },
          dataset: { name: "GSM8k", type: "gsm8k", split: "test" },
          metric: { type: "acc" },
          value: 41.5,
          source: { url: "https://example.org/board", name: "A board" },
        },
      ],
    });
    expect(loadLineageText(lineageJson(result.lineage), "x.json").ok).toBe(true);
  });

  it("what cardData says wins over the tags", () => {
    expect(result.lineage.models["acme/Other"]!.card).toEqual({
      source: "card:acme/Other",
      license: { id: "mit" },
      datasets: ["acme/own"],
    });
  });
});
