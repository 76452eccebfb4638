// `captrace import hf` in-process: the fixtures' real model cards to a lineage the other commands read.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/vocabulary.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import type { LineageFile } from "../../src/schema.js";
import { cli } from "../support/run-cli.js";

const ROOT = join(import.meta.dirname, "..", "..");
const CARDS = join(ROOT, "test", "fixtures", "hf-cards");
const dir = mkdtempSync(join(tmpdir(), "captrace-cli-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const loaded = (file: string): LineageFile => {
  const r = loadLineageText(readFileSync(file, "utf8"), file);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join("\n"));
  return r.lineage;
};
const json = (text: string) => JSON.parse(text) as Record<string, unknown>;
/** The model a Hub repo id stands for in a lineage (by id, else alias), ignoring case. */
const idOf = (lineage: LineageFile, hubId: string) =>
  Object.keys(lineage.models).find(
    (id) =>
      id.toLowerCase() === hubId.toLowerCase() ||
      lineage.models[id]!.aliases?.some((a) => a.toLowerCase() === hubId.toLowerCase()),
  );

describe("import hf of the fixtures' real cards", () => {
  const hub = join(dir, "hub.yaml");

  it("-o writes a lineage that validates, saying what it imported on stderr, nothing on stdout", async () => {
    const r = await cli(["import", "hf", CARDS, "-o", hub]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^imported 30 models \(\d+ external bases\), 29 steps; 0 errors, 0 warnings\nwrote .*hub\.yaml\n$/,
    );
    const v = await cli(["validate", hub]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/hub\.yaml: \d+ models, 29 steps/);
    // External bases are data (external: true, url), so "made by no step" is said only of the one described root.
    expect(v.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/warning: model 'FlareRebellion\/WeirdCompound-v1\.6-24b' is made by no step/),
    ]);
    const base = loaded(hub).models["Qwen/Qwen2.5-14B-Instruct"];
    expect(base).toEqual({
      name: "Qwen/Qwen2.5-14B-Instruct",
      external: true,
      url: "https://huggingface.co/Qwen/Qwen2.5-14B-Instruct",
    });
  });

  it("graph output stays valid with org/name ids: Mermaid node ids are plain, DOT ids quoted", async () => {
    const m = await cli(["--lineage", hub, "graph", "--format", "mermaid"]);
    expect(m.code).toBe(0);
    const body = m.stdout.split("\n").slice(2, -2);
    for (const line of body)
      expect(line, line).toMatch(
        /^\s*(m\d+\[".*"\]|m\d+ -(->|\.->)(\|".*"\|)? m\d+|subgraph s\d+\[".*"\]|end|style m\d+ .*)$/,
      );
    expect(m.stdout).toContain('["TECHNOPRAVIN01/Qwen2.5-14B-Valor"]');
    const d = await cli(["--lineage", hub, "graph", "--format", "dot"]);
    expect(d.stdout).toContain('"TECHNOPRAVIN01/Qwen2.5-14B-Valor" -> "mradermacher/Qwen2.5-14B-Valor-GGUF"');
  });

  it("tree gives the declared ancestry, the quantized and merged ones typed as such", async () => {
    const t = await cli(["--lineage", hub, "--json", "tree", "mradermacher/Qwen2.5-14B-Valor-i1-GGUF"]);
    expect(t.code).toBe(0);
    const lines = json(t.stdout).lines as { name: string; kind: string | null }[];
    // Each line's kind is that of the step that made its model: the GGUF is a quantization of a fine-tune.
    expect(lines.map((l) => [l.name, l.kind])).toEqual([
      ["mradermacher/Qwen2.5-14B-Valor-i1-GGUF", "quantization"],
      ["TECHNOPRAVIN01/Qwen2.5-14B-Valor", "fine-tuning"],
      ["Qwen/Qwen2.5-14B-Instruct", null],
    ]);
    const merged = await cli(["--lineage", hub, "--json", "tree", "sayakpaul/FLUX.1-merged"]);
    const mlines = json(merged.stdout).lines as { name: string; kind: string | null }[];
    expect(mlines[0]!.kind).toBe("merge");
    expect(mlines.slice(1).map((l) => l.name)).toEqual([
      "black-forest-labs/FLUX.1-dev",
      "black-forest-labs/FLUX.1-schnell",
    ]);
    const text = await cli(["--lineage", hub, "tree", "Qwen/Qwen2.5-14B-Instruct", "--descendants"]);
    expect(text.stdout.split("\n")[0]).toMatch(/^Qwen(--|\/)Qwen2\.5-14B-Instruct$/);
    expect(text.stdout).toContain("Qwen2.5-14B-Valor-GGUF");
  });

  it("diff of two quantizations of one model names it as their nearest common ancestor", async () => {
    const d = await cli([
      "--lineage",
      hub,
      "--json",
      "diff",
      "mradermacher/Qwen2.5-14B-Valor-GGUF",
      "mradermacher/Qwen2.5-14B-Valor-i1-GGUF",
    ]);
    expect(d.code).toBe(0);
    const lineage = loaded(hub);
    expect(JSON.stringify(json(d.stdout))).toContain(JSON.stringify(idOf(lineage, "TECHNOPRAVIN01/Qwen2.5-14B-Valor")));
  });

  it("trace follows the imported steps to a claim a person wrote, after --into their file", async () => {
    const mine = join(dir, "mine.yaml");
    writeFileSync(
      mine,
      [
        "# my notes: the claims no card records",
        "lineage: 1",
        "title: My models",
        "sources:",
        "  qwen-report: { title: Qwen2.5 Technical Report, year: 2024 }",
        "abilities:",
        "  chat: { name: Chat }",
        "models:",
        "  qwen-instruct:",
        "    name: Qwen2.5 14B Instruct",
        "    aliases: [Qwen/Qwen2.5-14B-Instruct]",
        "steps:",
        "  - id: qwen-instruct-tuning",
        "    kind: pretraining",
        "    from: []",
        "    to: qwen-instruct",
        "    confidence: established",
        "    claims:",
        "      - { ability: chat, effect: introduced, confidence: established, evidence: [{ source: qwen-report }] }",
        "",
      ].join("\n"),
    );
    const before = readFileSync(mine, "utf8");
    const r = await cli(["import", "hf", CARDS, "--into", mine]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/added \d+ models, 29 steps, \d+ sources to .*mine\.yaml\n$/);
    const after = readFileSync(mine, "utf8");
    // every line the person wrote is still there, in its order
    const rest = after.split("\n");
    for (const line of before.split("\n")) {
      const at = rest.indexOf(line);
      expect(at, line).toBeGreaterThanOrEqual(0);
      rest.splice(0, at + 1);
    }
    const t = await cli(["--lineage", mine, "--json", "trace", "mradermacher/Qwen2.5-14B-Valor-GGUF", "chat"]);
    expect(t.code).toBe(0);
    const out = JSON.stringify(json(t.stdout));
    expect(out).toContain("qwen-instruct-tuning");
    expect(out).toContain("TECHNOPRAVIN01");
  });
});

describe("import hf --into the embedded lineage", () => {
  it("keeps the graph of the original (models, steps, claims) unchanged and adds the cards", async () => {
    const into = join(dir, "lineage.yaml");
    cpSync(join(ROOT, "lineage.yaml"), into);
    const original = loaded(into);
    const r = await cli(["import", "hf", CARDS, "--into", into, "--json"]);
    expect(r.code).toBe(0);
    const summary = json(r.stdout);
    expect(summary).toMatchObject({ schemaVersion: SCHEMA_VERSION, conflicts: [], problems: [], written: into });
    const merged = loaded(into);
    for (const [id, m] of Object.entries(original.models)) expect(merged.models[id]).toEqual(m);
    expect(merged.steps.slice(0, original.steps.length)).toEqual(original.steps);
    expect(merged.abilities).toEqual(original.abilities);
    expect(merged.steps.length).toBe(original.steps.length + 29);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });

  it("a card naming another base for a model of the file is a conflict: reported, not applied", async () => {
    const into = join(dir, "conflict.yaml");
    cpSync(join(ROOT, "lineage.yaml"), into);
    const cards = join(dir, "conflict-cards");
    mkdirSync(join(cards, "text-davinci-002"), { recursive: true });
    writeFileSync(
      join(cards, "text-davinci-002", "README.md"),
      "---\nbase_model: openai/gpt-4\nbase_model_relation: finetune\n---\n",
    );
    const before = readFileSync(into, "utf8");
    const r = await cli(["import", "hf", cards, "--into", into]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("conflict (not applied): text-davinci-002: the import names openai");
    expect(r.stderr).toContain("nothing new to add: the file is unchanged");
    expect(readFileSync(into, "utf8")).toBe(before);
    const j = await cli(["import", "hf", cards, "--into", into, "--json"]);
    const conflicts = json(j.stdout).conflicts as { model: string; inFile: string[] }[];
    expect(conflicts.map((c) => [c.model, c.inFile])).toEqual([["text-davinci-002", ["code-davinci-002"]]]);
  });

  it("an invalid --into file is left as it was: exit 3 with its located problem", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "lineage: 1\nmodels: [\n");
    const r = await cli(["import", "hf", CARDS, "--into", bad]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error: /);
    expect(readFileSync(bad, "utf8")).toBe("lineage: 1\nmodels: [\n");
    const j = await cli(["import", "hf", CARDS, "--into", bad, "--json"]);
    expect(j.code).toBe(3);
    expect(json(j.stdout).error).toMatchObject({ code: "invalid-lineage", exitCode: 3 });
  });
});

describe("import hf output and refusals", () => {
  const cards = join(dir, "small");
  mkdirSync(join(cards, "x--Tuned"), { recursive: true });
  writeFileSync(join(cards, "x--Tuned", "README.md"), "---\nbase_model: x/Base\nbase_model_relation: finetune\n---\n");

  it("no -o: the lineage as YAML on stdout, the summary on stderr; --json: one summary object holding the lineage", async () => {
    const r = await cli(["import", "hf", "small"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(loadLineageText(r.stdout, "stdout.yaml").ok).toBe(true);
    expect(r.stderr).toBe("imported 1 model (1 external base), 1 step; 0 errors, 0 warnings\n");
    const j = await cli(["import", "hf", "small", "--json"], { cwd: dir });
    expect(j.stderr).toBe("");
    const body = json(j.stdout);
    expect(body.imported).toEqual({ models: 1, externalBases: 1, steps: 1, errors: 0, warnings: 0 });
    expect(body.written).toBeNull();
    expect(Object.keys((body.lineage as LineageFile).models)).toHaveLength(2);
  });

  it("-o never overwrites: an existing file is a usage error and stays as it was", async () => {
    const out = join(dir, "taken.yaml");
    writeFileSync(out, "mine\n");
    const r = await cli(["import", "hf", cards, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("taken.yaml exists; use --into");
    expect(readFileSync(out, "utf8")).toBe("mine\n");
    const j = await cli(["import", "hf", cards, "-o", out, "--json"]);
    expect(json(j.stdout).error).toMatchObject({ code: "usage", exitCode: 2 });
    expect((await cli(["import", "hf", cards, "-o", join(dir, "a.yaml"), "--into", out])).code).toBe(2);
  });

  it("-o into a directory that does not exist: exit 5, nothing left behind", async () => {
    const r = await cli(["import", "hf", cards, "-o", join(dir, "no", "such", "x.yaml")]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/cannot write .*x\.yaml \(ENOENT\)/);
  });

  it("with no PATH reads the Hub cache HF_HUB_CACHE names", async () => {
    const cache = join(dir, "hf-cache");
    const snap = join(cache, "models--acme--Chat-7B", "snapshots", "abc123");
    mkdirSync(snap, { recursive: true });
    mkdirSync(join(cache, "models--acme--Chat-7B", "refs"), { recursive: true });
    writeFileSync(join(cache, "models--acme--Chat-7B", "refs", "main"), "abc123");
    writeFileSync(join(snap, "README.md"), "---\nbase_model: acme/Base-7B\nbase_model_relation: adapter\n---\n");
    const r = await cli(["import", "hf", "--json"], { env: { HF_HUB_CACHE: cache } });
    expect(r.code).toBe(0);
    const lineage = json(r.stdout).lineage as LineageFile;
    expect(lineage.steps.map((s) => [s.to, s.from, s.method])).toEqual([
      [idOf(lineage, "acme/Chat-7B"), [idOf(lineage, "acme/Base-7B")], "adapter"],
    ]);
    const empty = await cli(["import", "hf"], { env: { HF_HUB_CACHE: join(dir, "empty-cache") } });
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("captrace: nothing could be imported from the Hub cache");
    const ej = await cli(["import", "hf", "--json"], { env: { HF_HUB_CACHE: join(dir, "empty-cache") } });
    expect(ej.code).toBe(3);
    expect(JSON.parse(ej.stdout).error).toMatchObject({ code: "invalid-lineage", exitCode: 3 });
  });

  it("hostile cards give problems, escaped, never a crash", async () => {
    const bad = join(dir, "hostile");
    const put = (folder: string, text: string) => {
      mkdirSync(join(bad, folder), { recursive: true });
      writeFileSync(join(bad, folder, "README.md"), text);
    };
    put("a--Js", "---js\nrequire('child_process').execSync('touch PWNED')\n---\n");
    put(
      "a--Bomb",
      `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nbase_model: a/b\n---\n`,
    );
    put("a--Esc", '---\nbase_model: "evil\\e[31m/x"\nlicense: "\\e]0;title\\a"\n---\n');
    put("a--Types", "---\nbase_model: {nested: [1, 2]}\nbase_model_relation: 7\n---\n");
    put("a--Ok", "---\nbase_model: a/Base\n---\n");
    put("a--Name\u001b]0;pwned\u0007", "---\nbase_model: a/Base\n---\n");
    const r = await cli(["import", "hf", bad], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain("internal error");
    for (const c of ["\u001b", "\u0007"]) expect(r.stderr + r.stdout).not.toContain(c);
    expect(r.stderr).toMatch(/a--Js\/README\.md: error: /);
    expect(r.stderr).toMatch(/a--Bomb\/README\.md: error: /);
    expect(r.stderr).toMatch(/a--Types\/README\.md: (error|warning): /);
    expect(r.stderr).toContain("a--Name\\x1b]0;pwned\\x07/README.md: error: cannot tell which model");
    expect(existsSync(join(dir, "PWNED"))).toBe(false);
    expect(loadLineageText(r.stdout, "out.yaml").ok).toBe(true);
  });

  it("--into says how many card blocks it added to models the file already had", async () => {
    const card = join(CARDS, "bartowski--Codestral-22B-v0.1-GGUF");
    const mine = join(dir, "cards-into.json");
    expect((await cli(["import", "hf", card, "-o", mine])).code).toBe(0);
    // The person's file: the same models, without the facts of the card.
    const lineage = JSON.parse(readFileSync(mine, "utf8")) as { models: Record<string, { card?: unknown }> };
    const withCard = Object.values(lineage.models).filter((m) => m.card !== undefined);
    expect(withCard.length).toBe(1);
    for (const m of withCard) delete m.card;
    writeFileSync(mine, JSON.stringify(lineage, null, 2));
    const r = await cli(["import", "hf", card, "--into", mine]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/added 0 models, 0 steps, \d+ sources?, 1 card block to .*cards-into\.json\n$/);
  });
});
