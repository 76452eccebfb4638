import { describe, expect, it } from "vitest";
import { ShowAbilityOut, ShowSourceOut, ShowStepOut } from "../../src/contract.js";
import { UnknownNameError } from "../../src/graph/names.js";
import { show, showAny, showSource, showStep } from "../../src/query/show.js";
import { graphOf } from "../support/build.js";

const g = graphOf(
  [
    ["pretraining-base", [], "base", [["gen", "introduced"]]],
    [
      "code-training",
      ["base"],
      "coder",
      [
        ["code", "introduced", "likely"],
        ["gen", "strengthened"],
      ],
      "likely",
    ],
  ],
  {
    sources: { src: { title: "Source" }, paper2022: { title: "A paper", year: 2022 } },
    models: {
      base: { name: "Base", paper: "paper2022", evidence: [{ source: "paper2022", at: "§1" }] },
      coder: {
        name: "Coder",
        lacks: [{ ability: "gen", confidence: "hypothesis", evidence: [{ source: "paper2022" }] }],
      },
    },
  },
);

describe("show STEP", () => {
  it("gives what the step did: its parentage and every claim", () => {
    const r = ShowStepOut.parse(showStep(g, "code-training"));
    expect(r.parentage).toMatchObject({ kind: "fine-tuning", from: ["base"], to: "coder", confidence: "likely" });
    expect(r.claims.map((c) => [c.ability, c.effect, c.confidence])).toEqual([
      ["code", "introduced", "likely"],
      ["gen", "strengthened", "established"],
    ]);
    expect(showAny(g, "code-training").kind).toBe("step");
  });
});

describe("show SOURCE", () => {
  it("gives what the source supports: claims, parentage, model facts, lacks, papers", () => {
    const r = ShowSourceOut.parse(showSource(g, "paper2022"));
    expect(r).toMatchObject({ title: "A paper", year: 2022 });
    expect(r.supports.map((s) => [s.what, s.model, s.at])).toEqual([
      ["model", "base", "§1"],
      ["paper", "base", null],
      ["lack", "coder", null],
    ]);
    const src = showSource(g, "src");
    expect(src.supports.filter((s) => s.what === "claim").map((s) => `${s.step}/${s.ability}`)).toEqual([
      "pretraining-base/gen",
      "code-training/code",
      "code-training/gen",
    ]);
  });
});

describe("show ABILITY", () => {
  it("includes its claims", () => {
    const r = ShowAbilityOut.parse(showAny(g, "gen"));
    expect(r.claims.map((c) => c.step)).toEqual(["pretraining-base", "code-training"]);
  });
});

describe("did-you-mean across every kind of name", () => {
  it.each([
    ["coderr", "coder"],
    ["gn", "gen"],
    ["code-trainin", "code-training"],
    ["paper2021", "paper2022"],
  ])("suggests %s -> %s", (typed, meant) => {
    expect(() => showAny(g, typed)).toThrow(`(did you mean ${meant}?)`);
  });

  it("refuses a step or source where only models and abilities are shown (show), by what it is", () => {
    expect(() => show(g, "src")).toThrow(new UnknownNameError("'src' is a source, not a model or ability"));
    expect(() => showStep(g, "coder")).toThrow("'coder' is a model, not a step");
  });
});
