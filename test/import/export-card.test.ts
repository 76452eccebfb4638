/** export hf-card: the recorded card facts come back as card front matter, which imports as the same facts. */
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { importCardText } from "../../src/import/card.js";
import { exportHfCard } from "../../src/import/export-card.js";
import { importPaths } from "../../src/import/import-paths.js";
import { loadLineageText } from "../../src/load/load-lineage.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "hf-cards");

describe("exportHfCard with card facts", async () => {
  const { lineage } = await importPaths([DIR]);

  it("a quantization's card: bases, then license, pipeline and quantizer in the Hub's key names", () => {
    expect(parse(exportHfCard(lineage, "bartowski/Codestral-22B-v0.1-GGUF"))).toEqual({
      base_model: "mistralai/Codestral-22B-v0.1",
      base_model_relation: "quantized",
      license: "other",
      license_name: "mnpl",
      license_link: "https://mistral.ai/licences/MNPL-0.1.md",
      language: "code",
      pipeline_tag: "text-generation",
      tags: ["code"],
      quantized_by: "bartowski",
    });
  });

  it("every real card's facts, exported and imported again, are the same block (merges and model-index included)", () => {
    for (const [id, model] of Object.entries(lineage.models)) {
      if (!model.card) continue;
      const back = importCardText(`---\n${exportHfCard(lineage, id)}---\n`, { file: "README.md", hubId: id });
      expect(back.problems, id).toEqual([]);
      expect(back.models[0]!.entry.card, id).toEqual(model.card);
    }
    const sakura = parse(exportHfCard(lineage, "Retreatcost/KansenSakura-Zero-RP-12b")) as Record<string, unknown>;
    expect(sakura.new_version).toBe("Retreatcost/KansenSakura-Eclipse-RP-12b");
    expect((sakura["model-index"] as { results: unknown[] }[])[0]!.results[0]).toEqual({
      task: { type: "text-generation", name: "UGI score" },
      metrics: [{ type: "ugi", name: "UGI", value: 27.85 }],
      source: { url: "https://huggingface.co/spaces/DontPlanToEnd/UGI-Leaderboard", name: "UGI Leaderboard" },
    });
  });

  it("a root with facts gives its comment, then the facts; a newVersion of the lineage is written as its Hub id", () => {
    const text = JSON.stringify({
      lineage: 1,
      title: "t",
      sources: {},
      abilities: {},
      models: {
        mine: { name: "Mine", card: { license: { id: "mit" }, newVersion: "next" } },
        next: { name: "Next", aliases: ["acme/Next-2"] },
      },
      steps: [
        { id: "a", kind: "pretraining", to: "mine", confidence: "established" },
        { id: "b", kind: "fine-tuning", from: ["mine"], to: "next", confidence: "established" },
      ],
    });
    const r = loadLineageText(text, "t.json");
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
    expect(exportHfCard(r.lineage, "mine")).toBe(
      "# mine: no base model recorded (a root of this lineage)\nlicense: mit\nnew_version: acme/Next-2\n",
    );
  });
});
