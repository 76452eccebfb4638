import { describe, expect, it } from "vitest";
import type { SummaryResult } from "../../src/contract.js";
import { PLAIN } from "../../src/render/options.js";
import { renderSummaryText } from "../../src/render/summary-text.js";
import { measure } from "../../src/render/wrap.js";
import { CHANGES_LEGEND, SCHEMA_VERSION } from "../../src/vocabulary.js";

const marker = (name: string, symbol: string) => ({
  ability: name.toLowerCase(),
  name,
  effect: "strengthened" as const,
  size: "great" as const,
  symbol,
  confidence: "likely" as const,
  text: `${symbol} ${name}`,
});

const result: SummaryResult = {
  schemaVersion: SCHEMA_VERSION,
  legend: CHANGES_LEGEND,
  rows: [
    {
      model: "davinci",
      name: "GPT-3",
      api: "davinci",
      method: "Pre-training",
      step: "pre",
      markers: [marker("Generation", "+")],
      approximations: [
        { name: "OPT-175B", source: null, note: null },
        { name: "BLOOM", source: null, note: null },
      ],
    },
    {
      model: "code-davinci-002",
      name: "Codex",
      api: "code-davinci-002-api",
      method: "Training on text and code (mixed)",
      step: "code",
      markers: ["Code Generation", "Code Understanding", "Chain of Thought"].map((n) => marker(n, "++")),
      approximations: [],
    },
    { model: "root\u001b[2J", name: "Root", api: null, method: null, step: null, markers: [], approximations: [] },
  ],
};

describe("renderSummaryText", () => {
  const text = renderSummaryText(result, { painter: PLAIN, width: 80, detail: false });
  const lines = text.split("\n");

  it("puts the answer first: what the table is, and how many models", () => {
    expect(lines[0]).toBe("What each model's own training step changed (3 models)");
  });

  it("gives each model a row: API name when it differs, method, one marker a line, approximations", () => {
    const wide = renderSummaryText(result, { painter: PLAIN, width: 120, detail: false });
    const lines = wide.split("\n");
    const text = wide;
    const row = lines.find((l) => l.includes("code-davinci-002 "))!;
    expect(row).toMatch(/code-davinci-002\s+│ Training on text/);
    expect(row).toContain("│ ++ Code Generation");
    expect(text).toContain("(code-davinci-002-api)");
    expect(text).toContain("++ Chain of Thought");
    expect(lines.find((l) => l.includes("davinci ") && l.includes("+ Generation"))).toContain("OPT-175B, BLOOM");
    expect(text).toContain("(a root)");
    expect(text).toContain("(no change recorded)");
    expect(text).toContain("none named");
  });

  it("escapes text from the file and fits the width, ending with the legend", () => {
    expect(text).not.toContain("\u001b");
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(80);
    expect(text.trimEnd().endsWith(CHANGES_LEGEND.split(" ").slice(-1)[0]!)).toBe(true);
    const narrow = renderSummaryText(result, { painter: PLAIN, width: 50, detail: false });
    for (const line of narrow.split("\n")) expect(measure(line)).toBeLessThanOrEqual(50);
  });
});
