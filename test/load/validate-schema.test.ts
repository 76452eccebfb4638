/**
 * validateSchema and schemaHolds with zod's compiled schemas (used for large records) and without: the same
 * verdict, the same issues in the same order, the same output, on every invalid case of the catalogue, on the
 * embedded lineage, and on random lineages broken at random places.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { schemaHolds, validateSchema } from "../../src/load/validate-schema.js";
import { randomLineage } from "../support/random-lineage.js";

const INVALID = fileURLToPath(new URL("../fixtures/invalid/", import.meta.url));
const EMBEDDED = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));

/** The parsed data of a lineage file, or undefined when it does not parse (a case of the parse step). */
function parsed(path: string): unknown {
  try {
    const text = readFileSync(path, "utf8");
    return path.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, logLevel: "error" });
  } catch {
    return undefined;
  }
}

/** Both ways's results on a copy each of `data`, with the output written out (key order included). */
function bothWays(data: unknown) {
  const run = (compiled: boolean) => {
    const result = validateSchema(structuredClone(data), { compiled });
    const holds = schemaHolds(structuredClone(data), { compiled });
    return {
      ok: result.ok,
      issues: result.ok ? [] : result.issues,
      output: result.ok ? JSON.stringify(result.lineage) : undefined,
      holds: holds.ok ? [] : holds.issues,
    };
  };
  return { plain: run(false), compiled: run(true) };
}

/**
 * URLs at the edges of the schema's Url (which the compiled form checks with zod's own URL predicate, not the
 * schema's shortcut for a plain one): padded, with a tab or line feed inside, without slashes, of another scheme.
 */
const URLS = [
  " https://huggingface.co/a/b ",
  "https://exa\nmple.com/x",
  "https://huggingface.co/a\tb",
  "http:example.com",
  "https:/path",
  "mailto:someone@example.com",
  "https://a b.com",
  "https://xn--bcher-kva.example/ä",
  "//huggingface.co/a",
];

/** A lineage broken at a random place: a random field of a random entry set to a value of another kind. */
const broken = fc
  .tuple(
    randomLineage,
    fc.nat(),
    fc.constantFrom("name", "url", "released", "kind", "from", "evidence", "claims", "card", "extra", "confidence"),
    fc.constantFrom<unknown>(
      null,
      "",
      "a\nb",
      7,
      -1,
      1.5,
      [],
      {},
      ["x y"],
      { id: "" },
      "not a url",
      "2021-13",
      true,
      ...URLS,
    ),
  )
  .map(([lineage, pick, field, value]) => {
    const data = JSON.parse(JSON.stringify(lineage)) as {
      models: Record<string, Record<string, unknown>>;
      steps: Record<string, unknown>[];
    };
    const models = Object.keys(data.models);
    const entry =
      pick % 2 === 0 || data.steps.length === 0
        ? data.models[models[pick % models.length]!]!
        : data.steps[pick % data.steps.length]!;
    if (field === "card") entry.card = { license: value, pipelineTag: value };
    else entry[field] = value;
    return data;
  });

describe("validateSchema compiled", () => {
  it("gives every invalid case of the catalogue the same issues, in the same order", () => {
    let cases = 0;
    let failing = 0;
    for (const dir of readdirSync(INVALID, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      for (const file of readdirSync(INVALID + dir)) {
        if (!/^lineage\.(ya?ml|json)$/.test(file)) continue;
        const data = parsed(`${INVALID}${dir}/${file}`);
        if (data === undefined) continue;
        cases++;
        const { plain, compiled } = bothWays(data);
        expect(compiled, dir).toEqual(plain);
        expect(compiled.holds, dir).toEqual(plain.issues);
        if (!plain.ok) failing++;
      }
    }
    // The catalogue's schema cases (the rule cases pass the schema).
    expect(cases).toBeGreaterThan(50);
    expect(failing).toBeGreaterThan(25);
  });

  it("gives the embedded lineage the same output, key for key", () => {
    const { plain, compiled } = bothWays(parsed(EMBEDDED));
    expect(plain.ok).toBe(true);
    expect(compiled).toEqual(plain);
  });

  it("gives a random lineage, broken at a random place or not, the same result", () => {
    fc.assert(
      fc.property(fc.oneof(randomLineage, broken), (data) => {
        const { plain, compiled } = bothWays(data);
        expect(compiled).toEqual(plain);
        expect(compiled.holds).toEqual(plain.issues);
      }),
      { numRuns: 300 },
    );
  });

  it("gives every edge case of a URL the same verdict, issue and value", () => {
    for (const url of URLS) {
      const data = {
        lineage: 1,
        title: "t",
        sources: { s: { title: "S", url } },
        abilities: {},
        models: { m: { name: "m", url } },
        steps: [],
      };
      const { plain, compiled } = bothWays(data);
      expect(compiled, url).toEqual(plain);
    }
  });

  it("checks a card many models share as it checks each of their own, with the same issues", () => {
    const good = { license: { id: "mit" }, pipelineTag: "text-generation" };
    const bad = { license: { id: "mit", extra: 1 }, pipelineTag: "" };
    const models: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++) {
      const card = i % 1000 === 7 ? bad : i === 2000 ? "a card" : i % 3 === 0 ? undefined : good;
      const entry: Record<string, unknown> = { name: `org/m-${i}`, url: `https://huggingface.co/org/m-${i}`, card };
      if (i === 12) entry.name = "";
      models[`org/m-${i}`] = entry;
    }
    const data = { lineage: 1, title: "t", sources: {}, abilities: {}, models, steps: [] };
    const plain = validateSchema(structuredClone(data), { compiled: false });
    expect(plain.ok ? [] : plain.issues.map((i) => i.message)).toHaveLength(3 * 2 + 2);
    expect(schemaHolds(data)).toEqual(plain);
    const valid = {
      ...data,
      models: Object.fromEntries(Object.entries(models).filter(([, m]) => (m as { card: unknown }).card !== bad)),
    };
    delete valid.models["org/m-12"];
    delete valid.models["org/m-2000"];
    expect(validateSchema(structuredClone(valid), { compiled: false }).ok).toBe(true);
    expect(schemaHolds(valid)).toEqual({ ok: true });
  });

  it("is the default for a large record, with the same issues", () => {
    const models: Record<string, unknown> = {};
    for (let i = 0; i < 3000; i++)
      models[`org/m-${i}`] = { name: `org/m-${i}`, url: `https://huggingface.co/org/m-${i}` };
    models["org/m-17"] = { name: "org/m-17", url: "not a url", card: { license: { id: "" }, tags: "x" }, extra: 1 };
    const data = { lineage: 1, title: "t", sources: {}, abilities: {}, models, steps: [] };
    const auto = validateSchema(structuredClone(data));
    const plain = validateSchema(structuredClone(data), { compiled: false });
    expect(auto.ok).toBe(false);
    expect(auto).toEqual(plain);
    expect(schemaHolds(data)).toEqual(plain);
    const messages = auto.ok ? [] : auto.issues.map((i) => i.message);
    expect(messages).toEqual([
      "models[\"org/m-17\"].url must be a URL, got a string ('not a url')",
      'models["org/m-17"].card.license.id must not be empty',
      "models[\"org/m-17\"].card.tags must be a list, got a string ('x')",
      "unknown key 'extra' in models[\"org/m-17\"] (allowed: name, aliases, series, family, api, released, paper, params, context, trainingData, approximations, lacks, description, evidence, external, url, card)",
    ]);
  });
});
