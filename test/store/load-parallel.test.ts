/**
 * The parallel load of large JSON lineages (a worker checks the schema and some rules while this thread
 * checks the rest and builds): it must give exactly what loadLineageText gives, keep the speculation only
 * when the lineage is valid, and fall back when the worker fails. The worker is the built script (npm test
 * builds first).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildGraph } from "../../src/graph/build-graph.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { loadInParallel } from "../../src/store/load-parallel.js";
import { openLineage } from "../../src/store/open-lineage.js";
import { schemaVerdict } from "../../src/store/validate-worker.js";
import { trace } from "../../src/query/trace.js";
import { bigLineage } from "../support/big-lineage.js";
import { tempDirs } from "./temp-dirs.js";

const tempDir = tempDirs("parallel");

const WORKER = fileURLToPath(new URL("../../dist/bundle/validate-worker.cjs", import.meta.url));
const INVALID = fileURLToPath(new URL("../fixtures/invalid/", import.meta.url));

/** JSON texts of the invalid catalogue's YAML cases that parse (schema and rule errors), and of valid lineages. */
function jsonCases(): { name: string; text: string }[] {
  const cases: { name: string; text: string }[] = [];
  for (const dir of readdirSync(INVALID)) {
    const yaml = join(INVALID, dir, "lineage.yaml");
    if (!existsSync(yaml)) continue;
    let data: unknown;
    try {
      data = parseYaml(readFileSync(yaml, "utf8"), { schema: "core", uniqueKeys: false });
    } catch {
      continue;
    }
    if (data === undefined) continue;
    cases.push({ name: dir, text: JSON.stringify(data, null, 2) });
  }
  for (const f of ["../../lineage.yaml", "../fixtures/small/lineage.yaml", "../fixtures/diamond/lineage.yaml"]) {
    cases.push({
      name: f,
      text: JSON.stringify(parseYaml(readFileSync(fileURLToPath(new URL(f, import.meta.url)), "utf8")), null, 2),
    });
  }
  return cases;
}

describe("loadInParallel", () => {
  it("gives loadLineageText's result, problems and all, on valid and invalid lineages", async () => {
    const cases = jsonCases();
    expect(cases.length).toBeGreaterThan(30);
    for (const { name, text } of cases) {
      const file = `${name}.json`;
      const expected = loadLineageText(text, file);
      const outcome = await loadInParallel(text, Buffer.from(text), file, WORKER, (lineage, order) =>
        buildGraph(lineage, order),
      );
      expect(outcome.result, name).toStrictEqual(expected);
      if (expected.ok) {
        expect(outcome.built, name).toBeDefined();
        expect(outcome.discarded).toBeUndefined();
        expect(outcome.built!.modelOrder).toEqual(buildGraph(expected.lineage, expected.order).modelOrder);
      } else expect(outcome.built, name).toBeUndefined();
    }
  });

  it("hands back the speculation as discarded when the schema check fails after it", async () => {
    // Valid to this thread's rules, invalid to the schema: an unknown key in a source.
    const data = JSON.parse(jsonCases().find((c) => c.name === "../fixtures/small/lineage.yaml")!.text);
    const first = Object.keys(data.sources)[0]!;
    data.sources[first].unknownKey = 1;
    const text = JSON.stringify(data);
    const outcome = await loadInParallel(text, Buffer.from(text), "x.json", WORKER, () => "built");
    expect(outcome.result?.ok).toBe(false);
    expect(outcome.discarded).toBe("built");
    expect(outcome.built).toBeUndefined();
    expect(outcome.result).toStrictEqual(loadLineageText(text, "x.json"));
  });

  it("gives no result when the worker fails, so that the caller loads the usual way", async () => {
    const dir = tempDir();
    const crashing = join(dir, "crash.cjs");
    writeFileSync(crashing, "throw new Error('worker down');");
    const text = cases0();
    for (const file of [crashing, join(dir, "missing.cjs")]) {
      const outcome = await loadInParallel(text, Buffer.from(text), "x.json", file, () => "built");
      // This thread's speculation ran on the valid lineage; with no verdict it is not kept.
      expect(outcome).toEqual({ discarded: "built" });
    }
  });
});

function cases0(): string {
  return jsonCases().find((c) => c.name === "../fixtures/small/lineage.yaml")!.text;
}

describe("the worker's verdict", () => {
  it("is the schema step's on a broken file: bad UTF-8, bad JSON", () => {
    expect(schemaVerdict(Buffer.from([0x7b, 0xff, 0x7d]), "x.json")).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining("UTF-8") }],
    });
    expect(schemaVerdict(Buffer.from('{"a": }'), "x.json")).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining("JSON syntax error") }],
    });
  });
});

describe("openLineage on a JSON lineage past the parallel size", () => {
  it("answers as a plain load does, writes the cache entry, and reads it next time", async () => {
    const dir = tempDir();
    const file = join(dir, "big.json");
    writeFileSync(file, JSON.stringify(bigLineage(7000)));
    const env = { XDG_CACHE_HOME: join(dir, "cache") };
    // The worker, wrapped so that it leaves a mark: the parallel path is the one taken.
    const marker = join(dir, "worker-ran");
    const wrapper = join(dir, "worker.cjs");
    writeFileSync(
      wrapper,
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "yes"); require(${JSON.stringify(WORKER)});`,
    );
    const parallel = await openLineage(file, { cache: true, env, worker: wrapper, parallelMinBytes: 1 << 20 });
    expect(existsSync(marker)).toBe(true);
    const plain = await openLineage(file, { cache: false, env, worker: false });
    expect(parallel.ok && plain.ok).toBe(true);
    if (!parallel.ok || !plain.ok) return;
    const query = { model: "m6999", ability: "a3" };
    expect(trace(parallel.graph, query)).toEqual(trace(plain.graph, query));
    expect(readdirSync(join(dir, "cache", "captrace")).filter((f) => f.endsWith(".captrace"))).toHaveLength(1);
    expect(readdirSync(join(dir, "cache", "captrace")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const cached = await openLineage(file, { cache: true, env, worker: join(dir, "no-worker-needed.cjs") });
    expect(cached.ok && cached.via).toBe("cache");
    expect(cached.ok && trace(cached.graph, query)).toEqual(trace(plain.graph, query));
  });

  it("reports an invalid one as a plain load does, and caches nothing", async () => {
    const dir = tempDir();
    const file = join(dir, "big.json");
    const lineage = bigLineage(7000);
    (lineage.steps[6500] as { from: string[] }).from = ["m-missing"];
    writeFileSync(file, JSON.stringify(lineage));
    const env = { XDG_CACHE_HOME: join(dir, "cache") };
    const parallel = await openLineage(file, { cache: true, env, worker: WORKER, parallelMinBytes: 1 << 20 });
    const plain = await openLineage(file, { cache: false, env, worker: false });
    expect(parallel.ok).toBe(false);
    expect(parallel).toStrictEqual(plain);
    expect(
      existsSync(join(dir, "cache", "captrace"))
        ? readdirSync(join(dir, "cache", "captrace")).filter((f) => f.endsWith(".captrace"))
        : [],
    ).toEqual([]);
  });
});
