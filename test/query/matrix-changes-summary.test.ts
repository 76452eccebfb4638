import { describe, expect, it } from "vitest";
import { MatrixOut, SummaryOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { matrix } from "../../src/query/matrix.js";
import { summary } from "../../src/query/summary.js";
import type { ClaimEntry } from "../../src/schema.js";
import { CHANGES_LEGEND, STATE_LEGEND } from "../../src/vocabulary.js";
import { lineageFile, type StepSpec } from "../support/build.js";

function graphWith(steps: StepSpec[], extra: Record<string, Partial<ClaimEntry>>, models: Record<string, object> = {}) {
  const lineage = lineageFile(steps);
  for (const step of lineage.steps)
    step.claims = step.claims.map((c) => ({ ...c, ...extra[`${step.id}/${c.ability}`] }));
  for (const [id, m] of Object.entries(models)) lineage.models[id] = { ...lineage.models[id]!, ...m };
  lineage.steps[1]!.label = "Supervised instruction tuning";
  lineage.steps[1]!.method = "FeedME";
  return buildGraph(lineage);
}

const g = graphWith(
  [
    [
      "pre",
      [],
      "base",
      [
        ["gen", "introduced"],
        ["icl", "introduced"],
      ],
    ],
    [
      "sft",
      ["base"],
      "tuned",
      [
        ["follow", "introduced"],
        ["icl", "weakened"],
        ["gen", "strengthened"],
      ],
    ],
    [
      "rl",
      ["tuned"],
      "chat",
      [
        ["icl", "weakened"],
        ["follow", "strengthened"],
      ],
    ],
    ["drop", ["base"], "small", [["gen", "lost"]]],
  ],
  { "sft/gen": { size: "great" }, "rl/icl": { size: "great" }, "rl/follow": { size: "great" } },
  { tuned: { api: "tuned-api", approximations: [{ name: "Open-1" }] } },
);

const cell = (r: ReturnType<typeof matrix>, model: string, ability: string) =>
  r.rows.find((x) => x.model === model)!.cells.find((c) => c.ability === ability)!;

describe("matrix --changes", () => {
  const r = MatrixOut.parse(matrix(g, { changes: true }));

  it("marks what each model's own step changed, in the article's notation, blank where it said nothing", () => {
    expect(r.view).toBe("changes");
    expect(cell(r, "tuned", "gen").symbol).toBe("++");
    expect(cell(r, "tuned", "icl").symbol).toBe("-");
    expect(cell(r, "chat", "icl").symbol).toBe("--");
    expect(cell(r, "small", "gen").symbol).toBe("x");
    expect(cell(r, "chat", "gen")).toMatchObject({ symbol: "", change: null, size: null, state: "strengthened" });
    expect(cell(r, "chat", "follow")).toMatchObject({ change: "strengthened", size: "great" });
  });

  it("says in its legend which view it is", () => {
    expect(r.legend).toBe(CHANGES_LEGEND);
    expect(matrix(g).legend).toBe(STATE_LEGEND);
    expect(matrix(g).view).toBe("state");
  });

  it("differs from the plain matrix, which shows the accumulated state", () => {
    const plain = matrix(g);
    expect(cell(plain, "chat", "gen").symbol).toBe("++");
    expect(cell(plain, "small", "icl").symbol).toBe("+");
    expect(cell(r, "small", "icl").symbol).toBe("");
  });

  it("keeps the cell shape for chosen models", () => {
    const part = matrix(g, { changes: true, models: ["chat"] });
    expect(part.rows).toEqual([r.rows.find((x) => x.model === "chat")]);
  });
});

describe("summary", () => {
  const s = SummaryOut.parse(summary(g));
  const row = (model: string) => s.rows.find((x) => x.model === model)!;

  it("gives one row per model in lineage order", () => {
    expect(s.rows.map((x) => x.model)).toEqual(g.modelOrder);
  });

  it("names the training method with its own name, the API name and the approximations", () => {
    expect(row("tuned")).toMatchObject({
      api: "tuned-api",
      method: "Supervised instruction tuning (FeedME)",
      step: "sft",
      approximations: [{ name: "Open-1", source: null, note: null }],
    });
    expect(row("base").method).toBe("fine-tuning");
  });

  it("writes the markers as the article does, with ability names, in the step's order", () => {
    expect(row("tuned").markers.map((m) => m.text)).toEqual(["+ Ability follow", "- Ability icl", "++ Ability gen"]);
    expect(row("chat").markers.map((m) => m.text)).toEqual(["-- Ability icl", "++ Ability follow"]);
    expect(row("small").markers.map((m) => m.text)).toEqual(["x Ability gen"]);
  });
});
