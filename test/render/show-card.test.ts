/** `show MODEL` of a model with card facts: the query's result and its text, on real cards and built lineages. */
import { join } from "node:path";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { ShowModelOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { importPaths } from "../../src/import/import-paths.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { showModel } from "../../src/query/show.js";
import { DEFAULT_RENDER_OPTIONS, type RenderOptions } from "../../src/render/options.js";
import { renderShowModelText } from "../../src/render/show-text.js";
import type { LineageFile } from "../../src/schema.js";

const DIR = join(import.meta.dirname, "..", "fixtures", "hf-cards");
const detail: RenderOptions = { ...DEFAULT_RENDER_OPTIONS, detail: true };

/** A small lineage, validated by the project's loader, with `card` on model `m`. */
function lineageWith(card: unknown, more = ""): LineageFile {
  const text = JSON.stringify({
    lineage: 1,
    title: "t",
    sources: { card: { title: "Model card of x/M", url: "https://huggingface.co/x/M" } },
    abilities: {},
    models: { "x/M": { name: "x/M", card }, "x/N": { name: "x/N" + more } },
    steps: [
      { id: "a", kind: "pretraining", to: "x/M", confidence: "established" },
      { id: "b", kind: "pretraining", to: "x/N", confidence: "established" },
    ],
  });
  const r = loadLineageText(text, "t.json");
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.lineage;
}

describe("show MODEL with card facts", async () => {
  const { lineage } = await importPaths([DIR]);
  const graph = buildGraph(lineage);

  it("the result carries the card: license, datasets, evaluations each with where it was reported", () => {
    const sakura = ShowModelOut.parse(showModel(graph, "retreatcost/kansensakura-zero-rp-12b"));
    expect(sakura.card!.license).toEqual({ id: "apache-2.0", name: null, link: null });
    expect(sakura.card!.newVersion).toEqual({ name: "Retreatcost/KansenSakura-Eclipse-RP-12b", model: null });
    expect(sakura.card!.evaluations[0]).toEqual({
      task: "UGI score",
      dataset: null,
      datasetType: null,
      split: null,
      metric: "UGI",
      metricType: "ugi",
      value: 27.85,
      source: {
        name: "UGI Leaderboard",
        url: "https://huggingface.co/spaces/DontPlanToEnd/UGI-Leaderboard",
        source: null,
      },
    });
    // A result with no source of its own is cited by the card, with the card's title and URL.
    const nyaya = ShowModelOut.parse(showModel(graph, "NyayaLabs98/nyaya-embed-v1"));
    expect(nyaya.card!.evaluations[0]!.source).toEqual({
      name: "Model card of NyayaLabs98/nyaya-embed-v1",
      url: "https://huggingface.co/NyayaLabs98/nyaya-embed-v1",
      source: "card:NyayaLabs98/nyaya-embed-v1",
    });
    expect(nyaya.card!.datasets).toEqual(["NyayaLabs98/nyaya-statute-db"]);
    // A model without facts (an external base) has no card key: the v2 result as before.
    expect("card" in showModel(graph, "Qwen/Qwen2.5-14B-Instruct")).toBe(false);
  });

  it("the text shows license, datasets and each evaluation with who reported it, in 80 columns", () => {
    const text = renderShowModelText(showModel(graph, "NyayaLabs98/nyaya-embed-v1"), DEFAULT_RENDER_OPTIONS);
    expect(text).toContain("\n  license       mit\n");
    expect(text).toContain("\n  datasets      NyayaLabs98/nyaya-statute-db\n");
    expect(text).toContain("\n  languages     en, hi\n");
    expect(text).toContain("Evaluations (1)");
    expect(text).toMatch(/│ full-hit recall@1 │ 49\.2 +│ Nyaya-Eval-v1,.*│ the card +│/);
    const codestral = renderShowModelText(
      showModel(graph, "bartowski/Codestral-22B-v0.1-GGUF"),
      DEFAULT_RENDER_OPTIONS,
    );
    expect(codestral).toContain("\n  license       other (mnpl) https://mistral.ai/licences/MNPL-0.1.md\n");
    expect(codestral).toContain("\n  quantized by  bartowski\n");
    for (const m of graph.models.keys())
      for (const opts of [DEFAULT_RENDER_OPTIONS, detail])
        for (const line of renderShowModelText(showModel(graph, m), opts).split("\n"))
          expect(stringWidth(line), `${m}: ${line}`).toBeLessThanOrEqual(80);
  });

  it("--evidence gives every tag and the URL of each source; without it long lists are cut with a count", () => {
    const short = renderShowModelText(showModel(graph, "NyayaLabs98/nyaya-embed-v1"), DEFAULT_RENDER_OPTIONS);
    expect(short).toMatch(/tags +legal, india, .*\(\+2 more: --evidence\)/s);
    expect(short).not.toContain("hinglish");
    const long = renderShowModelText(showModel(graph, "Retreatcost/KansenSakura-Zero-RP-12b"), detail);
    expect(long).toContain(
      "Reported at\n  UGI Leaderboard: https://huggingface.co/spaces/DontPlanToEnd/UGI-Leaderboard\n",
    );
    expect(renderShowModelText(showModel(graph, "NyayaLabs98/nyaya-embed-v1"), detail)).toContain("hinglish");
  });

  it("more than ten results: ten shown and the rest counted; all of them with --evidence", () => {
    const evaluations = Array.from({ length: 12 }, (_, i) => ({ metric: { type: `m${i}` }, value: i }));
    const g = buildGraph(lineageWith({ source: "card", evaluations }));
    const short = renderShowModelText(showModel(g, "x/M"), DEFAULT_RENDER_OPTIONS);
    expect(short).toContain("│ m9 ");
    expect(short).not.toContain("│ m10 ");
    expect(short).toContain("(+2 more: --evidence)");
    expect(renderShowModelText(showModel(g, "x/M"), detail)).toContain("│ m11 ");
  });

  it("a newer version in the lineage is named by its id, any spelling; text from the file is shown escaped", () => {
    const g = buildGraph(lineageWith({ newVersion: "X/n", tags: ["a\u001b[31mred"], license: { id: "mit" } }));
    const r = showModel(g, "x/M");
    expect(r.card!.newVersion).toEqual({ name: "X/n", model: "x/N" });
    const text = renderShowModelText(r, DEFAULT_RENDER_OPTIONS);
    expect(text).toContain("\n  new version   x/N\n");
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\n  tags          a\\x1b[31mred\n");
  });
});

describe("show SOURCE of a card block's source", () => {
  it("lists the model whose card facts it states, once", async () => {
    const { showSource } = await import("../../src/query/show.js");
    const g = buildGraph(lineageWith({ source: "card", license: { id: "mit" } }));
    expect(showSource(g, "card").supports).toEqual([
      { what: "model", step: null, model: "x/M", ability: null, effect: null, at: "card", note: null },
    ]);
  });
});
