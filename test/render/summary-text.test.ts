import { describe, expect, it } from "vitest";
import type { SummaryResult } from "../../src/contract.js";
import { renderSummaryText } from "../../src/render/summary-text.js";
import { CHANGES_LEGEND, SCHEMA_VERSION } from "../../src/vocabulary.js";

const marker = (name: string, symbol: string) => ({ ability: name.toLowerCase(), name, effect: "strengthened" as const, size: "great" as const, symbol, confidence: "likely" as const, text: `${symbol} ${name}` });

const result: SummaryResult = {
  schemaVersion: SCHEMA_VERSION,
  legend: CHANGES_LEGEND,
  rows: [
    { model: "davinci", name: "GPT-3", api: "davinci", method: "Pre-training", step: "pre", markers: [marker("Generation", "+")], approximations: [{ name: "OPT-175B", source: null, note: null }, { name: "BLOOM", source: null, note: null }] },
    {
      model: "code-davinci-002",
      name: "Codex",
      api: "code-davinci-002-api",
      method: "Training on text and code (mixed)",
      step: "code",
      markers: ["Code Generation", "Code Understanding", "Chain of Thought", "Long-term Dependency", "Complex Reasoning"].map((n) => marker(n, "++")),
      approximations: [],
    },
    { model: "root", name: "Root", api: null, method: null, step: null, markers: [], approximations: [] },
  ],
};

describe("renderSummaryText", () => {
  const text = renderSummaryText(result, { color: false, width: 60 });
  const lines = text.split("\n");

  it("puts the answer first: what the table is, and how many models", () => {
    expect(lines[0]).toBe("Summary: what each model's own step changed (3 models)");
  });

  it("gives each model its API name (when it differs), training method, markers and approximations", () => {
    expect(text).toContain("code-davinci-002 (API code-davinci-002-api)\n  Training on text and code (mixed)\n  ++ Code Generation,");
    expect(text).toContain("davinci\n  Pre-training\n  + Generation\n  open-source approximations: OPT-175B, BLOOM");
    expect(text).toContain("root\n  a root: no training step recorded\n  (its step records no change)");
  });

  it("wraps to the width, keeping each marker whole, and ends with the legend", () => {
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    expect(text).toMatch(/\+\+ Chain of Thought/);
    expect(text.trimEnd().split("\n").slice(-3).join(" ")).toContain("blank: the step said nothing");
  });

  it("does not wrap at width 0", () => {
    const wide = renderSummaryText(result, { color: false, width: 0 });
    expect(wide).toContain("++ Code Generation, ++ Code Understanding, ++ Chain of Thought, ++ Long-term Dependency, ++ Complex Reasoning");
  });

  it("shows text from the file escaped", () => {
    const hostile = renderSummaryText({ ...result, rows: [{ ...result.rows[2]!, model: "evil\u001b[31m" }] }, { color: false });
    expect(hostile).toContain("evil\\x1b[31m");
  });
});
