// `captrace export hf-card MODEL` in-process: the card lines for a model of the lineage.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCHEMA_VERSION } from "../../src/vocabulary.js";
import { parse } from "yaml";
import { cli } from "../support/run-cli.js";

const CARDS = join(import.meta.dirname, "..", "fixtures", "hf-cards");
const dir = mkdtempSync(join(tmpdir(), "captrace-cli-export-"));
const hub = join(dir, "hub.yaml");
beforeAll(async () => {
  expect((await cli(["import", "hf", CARDS, "-o", hub])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("export hf-card", () => {
  it("prints the front matter a card would declare, which reads back as the same base and relation", async () => {
    const r = await cli(["--lineage", hub, "export", "hf-card", "mradermacher/Qwen2.5-14B-Valor-GGUF"]);
    expect(r.code).toBe(0);
    // The card's facts follow (the card's own values; its 'mradermacher' key is not a fact captrace records).
    expect(parse(r.stdout)).toEqual({
      base_model: "TECHNOPRAVIN01/Qwen2.5-14B-Valor",
      base_model_relation: "quantized",
      license: "apache-2.0",
      language: "en",
      library_name: "transformers",
      tags: ["qwen", "lora", "question-generation", "text-generation", "valor", "assumption-challenging"],
      quantized_by: "mradermacher",
    });
    const merge = await cli(["--lineage", hub, "export", "hf-card", "sayakpaul/flux.1-merged"]);
    expect(parse(merge.stdout)).toEqual({
      base_model: ["black-forest-labs/FLUX.1-dev", "black-forest-labs/FLUX.1-schnell"],
      base_model_relation: "merge",
      license: "other",
      license_name: "flux-1-dev-non-commercial-license",
      license_link: "LICENSE.md",
      language: "en",
      library_name: "diffusers",
    });
  });

  it("--json gives the fields; a root says it has no base", async () => {
    const r = await cli(["--lineage", hub, "--json", "export", "hf-card", "black-forest-labs/FLUX.1-dev"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      hubId: "black-forest-labs/FLUX.1-dev",
      baseModels: [],
      relation: null,
      card: null,
    });
    const facts = await cli(["--lineage", hub, "--json", "export", "hf-card", "bartowski/Codestral-22B-v0.1-GGUF"]);
    expect(JSON.parse(facts.stdout).card).toMatchObject({
      license: { id: "other", name: "mnpl", link: "https://mistral.ai/licences/MNPL-0.1.md" },
      quantizedBy: "bartowski",
    });
    const text = await cli(["--lineage", hub, "export", "hf-card", "black-forest-labs/FLUX.1-dev"]);
    expect(text.stdout).toBe("# black-forest-labs/FLUX.1-dev: no base model recorded (a root of this lineage)\n");
  });

  it("on the embedded lineage, flags bases that are not Hub repo ids", async () => {
    const r = await cli(["export", "hf-card", "chatgpt"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      "# not Hub repo ids (org/name): text-davinci-002\nbase_model: text-davinci-002\nbase_model_relation: finetune\n",
    );
  });

  it("an unknown model is a usage error with a suggestion (exit 2); --json an error object", async () => {
    const r = await cli(["export", "hf-card", "chatgtp"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^captrace: no model named "chatgtp" in this lineage.*chatgpt/);
    const j = await cli(["--json", "export", "hf-card", "nope"]);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).error).toMatchObject({ code: "usage", exitCode: 2 });
    expect((await cli(["export", "hf-card"])).code).toBe(2);
  });
});
