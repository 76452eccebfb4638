import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestors } from "../../src/graph/walk.js";
import { importCardText } from "../../src/import/card.js";
import { exportHfCard, UnknownModelError } from "../../src/import/export-card.js";
import { importPaths } from "../../src/import/import-paths.js";
import { mergeFragments } from "../../src/import/merge-fragments.js";
import { mergeInto } from "../../src/import/merge-into.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import type { LineageFile } from "../../src/schema.js";

const ROOT = join(import.meta.dirname, "..", "..");
const EMBEDDED = readFileSync(join(ROOT, "lineage.yaml"), "utf8");

const cards = (...list: [string, string][]) =>
  mergeFragments(list.map(([hubId, text]) => importCardText(text, { file: `${hubId}/README.md`, hubId }))).lineage;

function load(text: string): LineageFile {
  const r = loadLineageText(text, "lineage.yaml");
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.lineage;
}

describe("mergeInto", () => {
  it("the embedded lineage plus imported cards keeps every original model, step and claim, every original line in order, and adds the new", async () => {
    const imported = (await importPaths([join(ROOT, "test", "fixtures", "hf-cards")])).lineage;
    // Cards that touch the embedded lineage: a finetune of one of its models, and a card with another base for text-davinci-002.
    const touching = cards(
      ["acme/davinci-chat", "---\nbase_model: davinci\nbase_model_relation: finetune\n---\n"],
      ["text-davinci-002", "---\nbase_model: openai/gpt-4\n---\n"],
    );
    const first = mergeInto(EMBEDDED, imported);
    expect(first.problems).toEqual([]);
    const result = mergeInto(first.text, touching);
    expect(result.problems).toEqual([]);

    const before = load(EMBEDDED);
    const after = load(result.text);
    for (const [id, model] of Object.entries(before.models)) expect(after.models[id], id).toEqual(model);
    for (const [id, source] of Object.entries(before.sources)) expect(after.sources[id]).toEqual(source);
    expect(after.abilities).toEqual(before.abilities);
    expect(after.steps.slice(0, before.steps.length)).toEqual(before.steps);
    const claims = (l: LineageFile) => l.steps.flatMap((s) => s.claims.map((c) => [s.id, c]));
    expect(claims(after)).toEqual(claims(before));

    // Every original line is still there, in order (insertions only).
    const lines = result.text.split("\n");
    let i = 0;
    for (const line of EMBEDDED.split("\n")) {
      while (i < lines.length && lines[i] !== line) i++;
      expect(i, `original line lost: ${line}`).toBeLessThan(lines.length);
      i++;
    }
    expect(result.text.startsWith(EMBEDDED.slice(0, EMBEDDED.indexOf("\nabilities:")))).toBe(true);

    // What is new was added: the cards' models, and a finetune of the file's own davinci.
    expect(first.added.models).toContain("bartowski/openai_gpt-oss-120b-GGUF");
    expect(first.added.steps).toHaveLength(imported.steps.length);
    const graph = buildGraph(after);
    expect(ancestors(graph, "acme/davinci-chat")).toEqual(["davinci", "acme/davinci-chat"]);
    // The conflict is reported, not applied.
    expect(result.conflicts).toEqual([
      {
        model: "text-davinci-002",
        about: "base",
        inFile: ["code-davinci-002"],
        imported: ["openai/gpt-4"],
        message:
          "text-davinci-002: the import names openai/gpt-4 as its base; the file has code-davinci-002; kept the file's",
      },
    ]);
    expect(after.steps.find((s) => s.to === "text-davinci-002")!.from).toEqual(["code-davinci-002"]);
    expect(after.models["openai/gpt-4"]).toBeUndefined();
  });

  it("merging the same import twice adds nothing the second time", () => {
    const imported = cards(["x/A", "---\nbase_model: x/B\n---\n"]);
    const once = mergeInto(EMBEDDED, imported);
    const twice = mergeInto(once.text, imported);
    expect(twice.text).toBe(once.text);
    expect(twice.added).toEqual({ models: [], sources: [], steps: [], cards: [] });
  });

  it("a file with empty or flow-style collections gets block entries; the rest of its text is kept", () => {
    const text =
      "# mine\nlineage: 1\ntitle: t  # a comment\nsources: {}\nabilities: {}\nmodels: {base: {name: Base}}\nsteps: []\n";
    const r = mergeInto(text, cards(["x/Tuned", "---\nbase_model: base\n---\n"]));
    expect(r.problems).toEqual([]);
    expect(r.text.startsWith("# mine\nlineage: 1\ntitle: t  # a comment\n")).toBe(true);
    const l = load(r.text);
    expect(l.models.base).toEqual({ name: "Base" });
    expect(l.steps.map((s) => [s.to, s.from])).toEqual([["x/Tuned", ["base"]]]);
  });

  it("a model of the file without a card block gets the imported one, block or flow style; the rest of each entry is kept", () => {
    const text = [
      "lineage: 1",
      "title: t",
      "sources:",
      "  notes: {title: Notes}",
      "abilities: {}",
      "models:",
      "  x/A:",
      "    name: A  # my model",
      "    evidence: [{source: notes}]",
      "  x/B: {name: B}",
      "steps:",
      "  - {id: a, kind: pretraining, to: x/A, confidence: established}",
      "  - {id: b, kind: fine-tuning, from: [x/A], to: x/B, confidence: likely}",
      "",
    ].join("\n");
    const imported = cards(
      ["x/A", "---\nlicense: mit\ntags: [chat]\n---\n"],
      ["x/B", "---\nbase_model: x/A\nlicense: other\nlicense_name: my license\n---\n"],
    );
    const r = mergeInto(text, imported);
    expect(r.problems).toEqual([]);
    expect(r.added).toEqual({ models: [], sources: ["card:x/A", "card:x/B"], steps: [], cards: ["x/A", "x/B"] });
    const l = load(r.text);
    expect(l.models["x/A"]).toEqual({
      name: "A",
      evidence: [{ source: "notes" }],
      card: { source: "card:x/A", license: { id: "mit" }, tags: ["chat"] },
    });
    expect(l.models["x/B"]!.card).toEqual({ source: "card:x/B", license: { id: "other", name: "my license" } });
    // Insertions only: every line of the file is there, the flow entry with the block appended inside its braces.
    expect(r.text).toContain(
      "    name: A  # my model\n    evidence: [{source: notes}]\n    card:\n      source: card:x/A\n",
    );
    expect(r.text).toContain(
      '  x/B: {name: B, "card": {"source":"card:x/B","license":{"id":"other","name":"my license"}}}\n',
    );
    // Merging again adds nothing: the file now has the blocks.
    expect(mergeInto(r.text, imported).text).toBe(r.text);
  });

  it("a card block a person wrote is kept as written; a differing license is a conflict, reported, not applied", () => {
    const text = [
      "lineage: 1",
      "title: t",
      "sources: {}",
      "abilities: {}",
      "models:",
      "  x/A:",
      "    name: A",
      "    card:",
      "      license: {id: Apache-2.0}",
      "  x/B:",
      "    name: B",
      "    card: {license: {id: MIT}, datasets: [mine]}",
      "steps:",
      "  - {id: a, kind: pretraining, to: x/A, confidence: established}",
      "  - {id: b, kind: pretraining, to: x/B, confidence: established}",
      "",
    ].join("\n");
    const r = mergeInto(
      text,
      cards(
        ["x/A", "---\nlicense: mit\ndatasets: [theirs]\n---\n"],
        // The same license in another case is no conflict.
        ["x/B", "---\nlicense: mit\ndatasets: [theirs]\n---\n"],
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.conflicts).toEqual([
      {
        model: "x/A",
        about: "license",
        inFile: ["Apache-2.0"],
        imported: ["mit"],
        message: "x/A: the import gives the license mit; the file has Apache-2.0; kept the file's",
      },
    ]);
    // Nothing else to add: the file is byte for byte as it was.
    expect(r.text).toBe(text);
    expect(r.added).toEqual({ models: [], sources: [], steps: [], cards: [] });
  });

  it("a card whose base conflicts with the file brings no card block either", () => {
    const text =
      "lineage: 1\ntitle: t\nsources: {}\nabilities: {}\nmodels:\n  x/A: {name: A}\n  x/B: {name: B}\nsteps:\n  - {id: a, kind: pretraining, to: x/A, confidence: established}\n  - {id: b, kind: pretraining, to: x/B, confidence: established}\n";
    const r = mergeInto(text, cards(["x/B", "---\nbase_model: other/Base\nlicense: mit\n---\n"]));
    expect(r.conflicts.map((c) => c.about)).toEqual(["base"]);
    expect(r.added.cards).toEqual([]);
    expect(load(r.text).models["x/B"]).toEqual({ name: "B" });
  });

  it("a JSON lineage stays JSON: new sources, models and steps go in before each closing bracket, a card inside its entry", () => {
    const file = {
      lineage: 1,
      title: "t",
      sources: {},
      abilities: {},
      models: { "x/A": { name: "A" } },
      steps: [{ id: "a", kind: "pretraining", to: "x/A", confidence: "established" }],
    };
    const text = JSON.stringify(file, null, 2) + "\n";
    const imported = cards(
      ["x/A", "---\nlicense: mit\n---\n"],
      ["x/B", "---\nbase_model: x/A\nbase_model_relation: finetune\n---\n"],
    );
    const r = mergeInto(text, imported, "mine.json");
    expect(r.problems).toEqual([]);
    expect(r.added).toEqual({ models: ["x/B"], sources: ["card:x/A", "card:x/B"], steps: ["hf:x/B"], cards: ["x/A"] });
    const after = JSON.parse(r.text) as LineageFile;
    expect(after.models["x/A"]).toEqual({ name: "A", card: { source: "card:x/A", license: { id: "mit" } } });
    expect(after.steps.map((s) => [s.id, s.from, s.to])).toEqual([
      ["a", undefined, "x/A"],
      ["hf:x/B", ["x/A"], "x/B"],
    ]);
    expect(Object.keys(after.sources)).toEqual(["card:x/A", "card:x/B"]);
    // What the file had is there as it was, line for line, in order.
    const lines = r.text.split("\n");
    let i = 0;
    // (A closing bracket may gain a comma, an empty collection is opened: `{}` becomes `{` ... `}`.)
    for (const line of text.split("\n").filter((l) => !/^\s*[}\]],?$/.test(l))) {
      const opened = line.replace(/(\{\}|\[\]),?$/, (m) => m[0]!);
      while (i < lines.length && ![line, `${line},`, opened].includes(lines[i]!)) i++;
      expect(i, line).toBeLessThan(lines.length);
    }
  });

  it("an invalid file is not merged: its problems come back and the text is unchanged", () => {
    const r = mergeInto("lineage: 1\ntitle: t\n", cards(["x/A", "---\nbase_model: x/B\n---\n"]));
    expect(r.text).toBe("lineage: 1\ntitle: t\n");
    expect(r.problems.length).toBeGreaterThan(0);
  });
});

describe("exportHfCard", () => {
  const lineage = cards(
    ["x/Tuned", "---\nbase_model: x/Base\nbase_model_relation: finetune\n---\n"],
    ["x/Q", "---\nbase_model: x/Tuned\nbase_model_relation: quantized\n---\n"],
    ["x/M", "---\nbase_model: [x/Tuned, y/Other]\nbase_model_relation: merge\n---\n"],
    ["x/L", "---\nbase_model: x/Base\nbase_model_relation: adapter\n---\n"],
  );
  it("gives base_model and base_model_relation with Hub ids, for any spelling of the model", () => {
    expect(exportHfCard(lineage, "x/q")).toBe("base_model: x/Tuned\nbase_model_relation: quantized\n");
    expect(exportHfCard(lineage, "x/M")).toBe("base_model:\n  - x/Tuned\n  - y/Other\nbase_model_relation: merge\n");
    expect(exportHfCard(lineage, "x/L")).toBe("base_model: x/Base\nbase_model_relation: adapter\n");
    expect(exportHfCard(lineage, "x/Base")).toBe("# x/Base: no base model recorded (a root of this lineage)\n");
  });
  it("round-trips: the exported lines import back as the same step", () => {
    const back = importCardText(`---\n${exportHfCard(lineage, "x/M")}---\n`, { file: "M/README.md", hubId: "x/M" });
    expect(back.steps[0]).toMatchObject({ from: ["x/Tuned", "y/Other"], step: { kind: "merge" } });
  });
  it("a model of a hand-written lineage: bases that are not Hub ids are flagged; an unknown model throws a clear error", () => {
    const embedded = load(EMBEDDED);
    expect(exportHfCard(embedded, "ChatGPT")).toBe(
      "# not Hub repo ids (org/name): text-davinci-002\nbase_model: text-davinci-002\nbase_model_relation: finetune\n",
    );
    expect(() => exportHfCard(embedded, "nope")).toThrow(UnknownModelError);
  });
});
