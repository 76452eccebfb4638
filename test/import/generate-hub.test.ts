import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { ancestors } from "../../src/graph/walk.js";
import { importPaths } from "../../src/import/import-paths.js";
import { lineageJson } from "../../src/import/write-json.js";
import { loadLineageText } from "../../src/load/load-lineage.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "captrace-hubgen-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const generate = (out: string, ...extra: string[]) =>
  execFileSync(
    process.execPath,
    [join(ROOT, "bench", "generate-hub.mjs"), "--models", "5000", "--out", out, ...extra],
    { stdio: "pipe" },
  );

describe("bench/generate-hub.mjs", () => {
  generate(join(dir, "a.jsonl"), "--cards", join(dir, "cards"), "--card-count", "50");
  generate(join(dir, "b.jsonl"));
  const text = readFileSync(join(dir, "a.jsonl"), "utf8");
  const rows = text
    .trim()
    .split("\n")
    .map(
      (l) => JSON.parse(l) as { id: string; base_model?: string[]; base_model_relation?: string; claims?: unknown[] },
    );

  it("is deterministic and has the published shape: ~30% derived; ~79/19/2 finetune/quantized/merge; one big base; claims", () => {
    expect(readFileSync(join(dir, "b.jsonl"), "utf8")).toBe(text);
    expect(rows).toHaveLength(5000);
    const derived = rows.filter((r) => r.base_model);
    expect(derived.length / rows.length).toBeGreaterThan(0.28);
    expect(derived.length / rows.length).toBeLessThan(0.32);
    const share = (f: (r: (typeof rows)[number]) => boolean) => derived.filter(f).length / derived.length;
    expect(share((r) => r.base_model_relation === "quantized")).toBeGreaterThan(0.15);
    expect(share((r) => r.base_model_relation === "quantized")).toBeLessThan(0.23);
    expect(share((r) => r.base_model!.length > 1)).toBeGreaterThan(0.005);
    expect(share((r) => r.base_model!.length > 1)).toBeLessThan(0.04);
    const big = derived.filter((r) => r.base_model![0] === "meta-llama/Llama-3.1-8B").length;
    expect(big).toBeGreaterThan(200);
    expect(rows.filter((r) => r.claims).length).toBeGreaterThan(5);
    expect(readdirSync(join(dir, "cards"))).toHaveLength(50);
  });

  it("imports into a lineage that validates, with the 40-deep chain and no deeper one, and the claims on their steps", async () => {
    const r = await importPaths([join(dir, "a.jsonl")]);
    expect(r.problems).toEqual([]);
    const loaded = loadLineageText(lineageJson(r.lineage), "hub.json");
    if (!loaded.ok) throw new Error(loaded.problems[0]!.message);
    const graph = buildGraph(loaded.lineage, loaded.order);
    expect(ancestors(graph, "org1/model-40")).toHaveLength(41);
    const depth = new Map<string, number>();
    for (const id of graph.modelOrder) {
      const s = graph.madeBy.get(id);
      depth.set(id, s ? 1 + Math.max(...s.from.map((p) => depth.get(p)!)) : 0);
    }
    expect(Math.max(...depth.values())).toBe(40);
    const claims = loaded.lineage.steps.flatMap((s) => s.claims);
    expect(claims.length).toBe(rows.filter((x) => x.claims).length);
    expect(claims[0]!.evidence[0]!.source).toBe("dump:a.jsonl");
    expect(Object.keys(loaded.lineage.abilities).length).toBeGreaterThan(3);
  });

  it("writes beside the dump what the bench queries and the shape it has: the big base, a 40-deep model, the counts", async () => {
    const meta = JSON.parse(readFileSync(join(dir, "a.meta.json"), "utf8")) as Record<string, unknown>;
    const derived = rows.filter((r) => r.base_model);
    const relations: Record<string, number> = {};
    for (const r of derived)
      relations[r.base_model_relation ?? "unspecified"] = (relations[r.base_model_relation ?? "unspecified"] ?? 0) + 1;
    expect(meta).toMatchObject({
      models: 5000,
      derived: derived.length,
      relations,
      merges: derived.filter((r) => r.base_model!.length > 1).length,
      bigBase: "meta-llama/Llama-3.1-8B",
      bigBaseChildren: derived.filter((r) => r.base_model!.includes("meta-llama/Llama-3.1-8B")).length,
      deepModel: "org1/model-40",
      deepSteps: 40,
      deepest: 40,
      claims: rows.filter((r) => r.claims).length,
      bytes: Buffer.byteLength(text),
    });
    // The 40-deep model is 40 steps from a root in the lineage the dump makes.
    const r = await importPaths([join(dir, "a.jsonl")]);
    const graph = buildGraph(r.lineage);
    expect(ancestors(graph, meta.deepModel as string)).toHaveLength(41);
  });
});
