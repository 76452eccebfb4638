import { describe, expect, it } from "vitest";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { MAX_SUGGESTED } from "../../src/load/rules/references.js";

describe("unknown references", () => {
  it("get a suggestion for the first MAX_SUGGESTED distinct ids only (each compares with every id), the same one each time", () => {
    const n = MAX_SUGGESTED + 50;
    const models = Object.fromEntries(Array.from({ length: n }, (_, i) => [`model${i}`, { name: `M${i}` }]));
    const steps = Array.from({ length: n }, (_, i) => ({
      id: `s${i}`,
      kind: "fine-tuning",
      // Each step names a misspelt parent, and the first ten name theirs twice (in alternatives too).
      from: [`modle${i}`],
      to: `model${i}`,
      confidence: "likely",
      ...(i < 10
        ? { alternatives: [{ from: [`modle${i}`], confidence: "hypothesis", evidence: [{ source: "s" }] }] }
        : {}),
    }));
    const text = JSON.stringify({
      lineage: 1,
      title: "t",
      sources: { s: { title: "S" } },
      abilities: {},
      models,
      steps,
    });
    const result = loadLineageText(text, "refs.json");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const unknown = result.problems.filter((p) => p.message.startsWith("unknown model"));
    expect(unknown).toHaveLength(n + 10);
    const suggested = new Set(unknown.filter((p) => p.message.includes("did you mean")).map((p) => p.message));
    expect(suggested.size).toBe(MAX_SUGGESTED);
    expect([...suggested][0]).toMatch(/^unknown model 'modle\d+' \(did you mean model\d+\?\)$/);
    // A repeated unknown id has one message wherever it stands.
    for (let i = 0; i < 10; i++)
      expect(new Set(unknown.filter((p) => p.message.includes(`'modle${i}'`)).map((p) => p.message)).size).toBe(1);
  });
});
