import { describe, expect, it } from "vitest";
import { importCardText, parseFrontMatter } from "../../src/import/card.js";
import { mergeFragments } from "../../src/import/merge-fragments.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { lineageJson } from "../../src/import/write-json.js";

const origin = { file: "cards/acme--chat/README.md", hubId: "acme/Chat-7B" };

/** Imports cards, merges, and loads the result with the project's own loader (so it must validate). */
function load(...cards: [string, string][]) {
  const result = mergeFragments(
    cards.map(([hubId, text]) => importCardText(text, { file: `${hubId}/README.md`, hubId })),
  );
  const loaded = loadLineageText(lineageJson(result.lineage), "imported.json");
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("\n"));
  return { ...result, loaded };
}

describe("model card front matter", () => {
  it("a finetune becomes a fine-tuning step from an external base, citing the card", () => {
    const { lineage, counts } = load([
      "acme/Chat-7B",
      "---\nbase_model: meta-llama/Llama-3.1-8B\nbase_model_relation: finetune\nlicense: llama3.1\ndatasets: [HuggingFaceH4/ultrachat_200k]\nlanguage: [en, de]\npipeline_tag: text-generation\n---\n# Chat\n",
    ]);
    expect(lineage.steps).toHaveLength(1);
    const step = lineage.steps[0]!;
    expect(step).toMatchObject({
      kind: "fine-tuning",
      from: ["meta-llama/Llama-3.1-8B"],
      to: "acme/Chat-7B",
      confidence: "established",
    });
    expect(step.evidence[0]!.source).toBe("card:acme/Chat-7B");
    expect(lineage.sources["card:acme/Chat-7B"]!.url).toBe("https://huggingface.co/acme/Chat-7B");
    const base = lineage.models["meta-llama/Llama-3.1-8B"]!;
    expect(base).toEqual({
      name: "meta-llama/Llama-3.1-8B",
      external: true,
      url: "https://huggingface.co/meta-llama/Llama-3.1-8B",
    });
    const model = lineage.models["acme/Chat-7B"]!;
    expect(model.name).toBe("acme/Chat-7B");
    expect(model.aliases).toBeUndefined();
    expect(model.url).toBe("https://huggingface.co/acme/Chat-7B");
    expect(model.external).toBeUndefined();
    // The facts are data, citing the card; nothing of them is left in prose.
    expect(model.card).toEqual({
      source: "card:acme/Chat-7B",
      license: { id: "llama3.1" },
      datasets: ["HuggingFaceH4/ultrachat_200k"],
      languages: ["en", "de"],
      pipelineTag: "text-generation",
    });
    expect(model.description).toBeUndefined();
    expect(counts).toEqual({ described: 1, external: 1, steps: 1 });
  });

  it("maps each relation to its kind: quantized, merge with several parents, adapter as fine-tuning by adapter", () => {
    const { lineage } = load(
      ["q/Chat-GGUF", "---\nbase_model: acme/Chat-7B\nbase_model_relation: quantized\nquantized_by: q\n---\n"],
      ["m/Merged", "---\nbase_model:\n- acme/Chat-7B\n- other/Model\nbase_model_relation: merge\n---\n"],
      ["a/Lora", "---\nbase_model: acme/Chat-7B\nbase_model_relation: adapter\n---\n"],
    );
    const by = Object.fromEntries(lineage.steps.map((s) => [s.to, s]));
    expect(by["q/Chat-GGUF"]).toMatchObject({ kind: "quantization", from: ["acme/Chat-7B"], note: "Quantized by q." });
    expect(by["m/Merged"]).toMatchObject({ kind: "merge", from: ["acme/Chat-7B", "other/Model"] });
    expect(by["a/Lora"]).toMatchObject({ kind: "fine-tuning", method: "adapter" });
  });

  it("records an absent relation as unspecified, says the Hub infers it, and reads it from the card", () => {
    const { lineage } = load(
      ["x/Plain", "---\nbase_model: acme/Base\n---\n"],
      ["x/Two", "---\nbase_model: [acme/Base, acme/Other]\n---\n"],
      ["x/Quant", "---\nbase_model: acme/Base\ntags: [gguf]\n---\n"],
    );
    const by = Object.fromEntries(lineage.steps.map((s) => [s.to, s]));
    expect(by["x/Plain"]).toMatchObject({ kind: "fine-tuning", label: "relation unspecified (read as finetune)" });
    expect(by["x/Plain"]!.note).toMatch(/no base_model_relation: the Hub infers it; recorded as unspecified/);
    expect(by["x/Two"]!.kind).toBe("merge");
    expect(by["x/Quant"]!.kind).toBe("quantization");
  });

  it("matches repo ids ignoring case and keeps the first spelling for display", () => {
    const { lineage } = load(
      ["Acme/Base", "---\nlicense: mit\n---\n"],
      ["x/Child", "---\nbase_model: ACME/base\n---\n"],
    );
    expect(Object.keys(lineage.models).sort()).toEqual(["Acme/Base", "x/Child"]);
    expect(lineage.steps[0]!.from).toEqual(["Acme/Base"]);
  });

  it("keeps model-index results as evidence citing their source url", () => {
    const card = `---
base_model: acme/Base
model-index:
- name: Chat
  results:
  - task: {type: text-generation, name: Text Generation}
    dataset: {name: AI2 Reasoning Challenge (25-Shot), type: ai2_arc, split: test}
    metrics:
    - {type: acc_norm, value: 64.59, name: normalized accuracy}
    source: {url: "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard?query=x", name: Open LLM Leaderboard}
  - task: {type: text-generation}
    dataset: {name: GSM8k, type: gsm8k}
    metrics:
    - {type: acc, value: 40.1}
---
`;
    const { lineage } = load(["x/Chat", card]);
    const model = lineage.models["x/Chat"]!;
    expect(model.card!.evaluations).toEqual([
      {
        task: { type: "text-generation", name: "Text Generation" },
        dataset: { name: "AI2 Reasoning Challenge (25-Shot)", type: "ai2_arc", split: "test" },
        metric: { type: "acc_norm", name: "normalized accuracy" },
        value: 64.59,
        source: {
          url: "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard?query=x",
          name: "Open LLM Leaderboard",
        },
      },
      // No source of its own: cited by the card, the block's source.
      {
        task: { type: "text-generation" },
        dataset: { name: "GSM8k", type: "gsm8k" },
        metric: { type: "acc" },
        value: 40.1,
      },
    ]);
    expect(model.card!.source).toBe("card:x/Chat");
    expect(Object.keys(lineage.sources)).toEqual(["card:x/Chat"]);
    expect(model.evidence).toEqual([{ source: "card:x/Chat", note: "the model card's front matter" }]);
  });

  it("a model-index result with neither a metric type nor a name is left out, with a warning", () => {
    const f = importCardText(
      "---\nmodel-index:\n- name: x\n  results:\n  - metrics:\n    - {value: 3}\n    - {type: acc, value: 0.5}\n---\n",
      origin,
    );
    expect(f.models[0]!.entry.card!.evaluations).toEqual([{ metric: { type: "acc" }, value: 0.5 }]);
    expect(f.problems).toEqual([
      {
        file: origin.file,
        severity: "warning",
        message: "model-index: 1 result with neither a metric type nor a name; ignored",
      },
    ]);
  });

  it("records new_version as a fact, not a parent", () => {
    const { lineage } = load(["x/Old", "---\nnew_version: x/New\n---\n"]);
    expect(lineage.steps).toEqual([]);
    expect(lineage.models["x/Old"]!.card).toEqual({ source: "card:x/Old", newVersion: "x/New" });
  });

  it("normalises a base given as a Hub URL and ignores a local path with a problem", () => {
    const f = importCardText(
      "---\nbase_model: [https://huggingface.co/acme/Base/tree/main, /workspace/ckpt]\n---\n",
      origin,
    );
    expect(f.steps[0]!.from).toEqual(["acme/Base"]);
    expect(f.problems).toEqual([
      {
        file: origin.file,
        severity: "warning",
        message: 'base_model: "/workspace/ckpt" is not a Hub repo id (org/name); ignored',
      },
    ]);
  });
});

describe("bad cards give a problem naming the file, never a throw", () => {
  const cases: [string, string, RegExp][] = [
    ["no front matter", "# Just a readme\n", /no YAML front matter/],
    ["bad YAML", "---\nbase_model: [unclosed\n---\n", /bad YAML in the front matter/],
    ["duplicate keys", "---\nlicense: mit\nlicense: apache-2.0\n---\n", /bad YAML.*(unique|duplicate)/i],
    ["a list as front matter", "---\n- a\n- b\n---\n", /not a mapping/],
    ["JavaScript front matter", "---js\n{ base_model: (() => { throw new Error('ran') })() }\n---\n", /only YAML/],
    [
      "alias bomb",
      `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n`,
      /bad YAML/,
    ],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const f = importCardText(text, origin);
      expect(f.models).toEqual([]);
      expect(f.problems).toHaveLength(1);
      expect(f.problems[0]!.file).toBe(origin.file);
      expect(f.problems[0]!.message).toMatch(message);
    });
  }

  it("base_model not a string is an error on that entry; the rest of the card imports", () => {
    const f = importCardText("---\nbase_model: [42, {a: 1}, acme/Base]\n---\n", origin);
    expect(f.steps[0]!.from).toEqual(["acme/Base"]);
    expect(f.problems.map((p) => [p.severity, p.message])).toEqual([
      ["error", "base_model: 42 is not a repo id (org/name); ignored"],
      ["error", 'base_model: {"a":1} is not a repo id (org/name); ignored'],
    ]);
  });

  it("a card naming itself as its base gets no self-loop", () => {
    const f = importCardText("---\nbase_model: ACME/chat-7b\n---\n", origin);
    expect(f.steps).toEqual([]);
    expect(f.problems[0]!.message).toMatch(/names the model itself/);
  });

  it("parseFrontMatter returns the mapping", () => {
    expect(parseFrontMatter("---\na: 1\n---\nbody")).toEqual({ ok: true, data: { a: 1 }, hasFrontMatter: true });
  });
});

describe("merging", () => {
  it("a cycle between cards is reported and broken, and the lineage still validates", () => {
    const { lineage, problems } = load(["x/A", "---\nbase_model: x/B\n---\n"], ["x/B", "---\nbase_model: x/A\n---\n"]);
    expect(lineage.steps).toHaveLength(1);
    expect(problems.filter((p) => p.severity === "error").map((p) => p.message)[0]).toMatch(/makes a cycle/);
  });

  it("two inputs with other bases for one model: the first is kept, the second reported", () => {
    const a = importCardText("---\nbase_model: x/Base1\n---\n", { file: "one/README.md", hubId: "x/M" });
    const b = importCardText("---\nbase_model: x/Base2\n---\n", { file: "two/README.md", hubId: "x/M" });
    const result = mergeFragments([a, b]);
    expect(result.lineage.steps.map((s) => s.from)).toEqual([["x/Base1"]]);
    expect(result.problems).toEqual([
      {
        file: "two/README.md",
        severity: "warning",
        message: "x/M: this input names x/Base2 as its base, one/README.md names x/Base1; kept the first",
      },
    ]);
  });
});
