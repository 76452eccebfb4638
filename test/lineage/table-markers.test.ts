/**
 * The article's summary table, from the data: every signed marker of its ability column (supplement.md, "its
 * ability column"), typed here in the table's own words, must be what the model's own step changed in
 * lineage.yaml, symbol for symbol.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { Lineage } from "../../src/schema.js";
import { TABLE, WORDS } from "./article-table.js";
import { markerOf, ownStepMarkers } from "./own-step-markers.js";

const lineage = Lineage.parse(
  YAML.parse(readFileSync(fileURLToPath(new URL("../../lineage.yaml", import.meta.url)), "utf8")),
);

describe("the article's summary table, from lineage.yaml", () => {
  const rows = ownStepMarkers(lineage);

  it("has 24 signed markers", () => {
    expect(TABLE.reduce((n, [, markers]) => n + markers.length, 0)).toBe(24);
  });

  it.each(TABLE)("reproduces the %s row: each marker is what that model's own step changed", (model, markers) => {
    const derived = markers.map(([, words]) => `${rows.get(model)?.get(WORDS[words]!) ?? "(no claim)"} ${words}`);
    expect(derived).toEqual(markers.map(([sign, words]) => `${sign} ${words}`));
  });

  it("finds each of the table's words as the name or an alias of its ability, so the CLI accepts them", () => {
    for (const [words, id] of Object.entries(WORDS)) {
      const ability = lineage.abilities[id]!;
      const names = [ability.name, ...(ability.aliases ?? [])].map((n) => n.toLowerCase());
      expect(names, `${words} -> ${id}`).toContain(words.toLowerCase());
    }
  });

  it("cites the summary table on every claim that makes one of its markers", () => {
    for (const [model, markers] of TABLE) {
      const step = lineage.steps.find((s) => s.to === model)!;
      for (const [, words] of markers) {
        const claim = step.claims.find((c) => c.ability === WORDS[words])!;
        expect(
          claim.evidence.some((e) => e.source === "fu2022gptroadmap" && e.at === "§5, summary table"),
          `${model} ${words}`,
        ).toBe(true);
      }
    }
  });

  it("gives a great size only where the table marks ++ or --", () => {
    const great = new Set(
      TABLE.flatMap(([model, markers]) =>
        markers.filter(([sign]) => sign.length === 2).map(([, w]) => `${model} ${WORDS[w]}`),
      ),
    );
    for (const step of lineage.steps) {
      for (const claim of step.claims) {
        if (claim.size === "great")
          expect(great.has(`${step.to} ${claim.ability}`), `${step.to} ${claim.ability}`).toBe(true);
      }
    }
  });
});

describe("ownStepMarkers", () => {
  it("writes each effect and size in the article's notation", () => {
    expect(markerOf({ effect: "introduced" })).toBe("+");
    expect(markerOf({ effect: "unlocked", size: "great" })).toBe("++");
    expect(markerOf({ effect: "restored", size: "normal" })).toBe("+");
    expect(markerOf({ effect: "strengthened", size: "great" })).toBe("++");
    expect(markerOf({ effect: "weakened" })).toBe("-");
    expect(markerOf({ effect: "weakened", size: "great" })).toBe("--");
    expect(markerOf({ effect: "lost" })).toBe("x");
  });

  it("keeps to each model's own step: nothing inherited, the last claim about an ability standing", () => {
    const claim = (ability: string, effect: "introduced" | "weakened" | "strengthened", size?: "great") => ({
      ability,
      effect,
      confidence: "likely" as const,
      evidence: [{ source: "s" }],
      ...(size ? { size } : {}),
    });
    const steps = [
      {
        id: "a",
        kind: "pretraining",
        from: [],
        to: "base",
        confidence: "established" as const,
        evidence: [],
        claims: [claim("x", "introduced")],
      },
      {
        id: "b",
        kind: "fine-tuning",
        from: ["base"],
        to: "tuned",
        confidence: "likely" as const,
        evidence: [],
        claims: [claim("y", "introduced"), claim("y", "weakened", "great")],
      },
    ];
    const rows = ownStepMarkers({ steps });
    expect([...rows.get("base")!]).toEqual([["x", "+"]]);
    expect([...rows.get("tuned")!]).toEqual([["y", "--"]]);
  });
});
