/** The shared mapping of facts to a model's card block: bounds, clean-up, and the hub-dump row mapping. */
import { describe, expect, it } from "vitest";
import { cardBlock, cardText, dumpCard, modelEntry } from "../../src/import/facts.js";
import { CARD_LIMITS, Model } from "../../src/schema.js";

describe("cardBlock", () => {
  it("no facts, no block; a license named without an id is the Hub's 'other'", () => {
    expect(cardBlock({})).toBeUndefined();
    expect(cardBlock({ source: "card:x" })).toBeUndefined();
    expect(cardBlock({ licenseName: "my licence" })).toEqual({ license: { id: "other", name: "my licence" } });
  });

  it("keeps what the schema takes: one line, bounded, repeats and empty entries dropped, bad links and ids left out", () => {
    const long = "x".repeat(CARD_LIMITS.maxText + 50);
    const card = cardBlock({
      source: "card:x",
      license: "mit",
      licenseLink: "javascript:alert(1)",
      tags: [
        "a",
        "A",
        " ",
        "two\n  lines",
        long,
        ...Array.from({ length: CARD_LIMITS.maxList + 5 }, (_, i) => `t${i}`),
      ],
      newVersion: "not an id",
    })!;
    expect(card.license).toEqual({ id: "mit" });
    expect(card.tags!.slice(0, 3)).toEqual(["a", "two lines", "x".repeat(CARD_LIMITS.maxText)]);
    expect(card.tags).toHaveLength(CARD_LIMITS.maxList);
    expect(card.newVersion).toBeUndefined();
    // What it makes always validates.
    expect(
      Model.safeParse(modelEntry("x/M", "x/M", { source: "card:x", license: "mit", tags: card.tags })).success,
    ).toBe(true);
    // A link too long is left out, never cut (a cut link points elsewhere).
    const far = `https://example.org/${"l".repeat(CARD_LIMITS.maxUrl)}`;
    expect(cardBlock({ license: "mit", licenseLink: far })!.license).toEqual({ id: "mit" });
    expect(cardBlock({ license: "mit", licenseLink: "LICENSE.md" })!.license).toEqual({
      id: "mit",
      link: "LICENSE.md",
    });
    expect(cardText(Number.NaN)).toBeUndefined();
    expect(cardText(3.5)).toBe("3.5");
  });
});

describe("dumpCard (for a hub dump row)", () => {
  it("maps license, pipeline_tag and tags; cells that are not text are ignored; nothing gives no block", () => {
    expect(dumpCard({ license: "llama3.1", pipelineTag: "text-generation", tags: ["gguf", 3, "chat"] })).toEqual({
      license: { id: "llama3.1" },
      pipelineTag: "text-generation",
      tags: ["gguf", "chat"],
    });
    expect(dumpCard({ license: 5, pipelineTag: null, tags: [] })).toBeUndefined();
  });

  it("modelEntry still takes a dump's license and pipeline as facts, into the block", () => {
    expect(modelEntry("a/B", "a/B", { license: "mit", pipelineTag: "fill-mask" })).toEqual({
      name: "a/B",
      url: "https://huggingface.co/a/B",
      card: { license: { id: "mit" }, pipelineTag: "fill-mask" },
    });
  });
});
