import { describe, expect, it } from "vitest";
import { DiffOut, TraceOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { diff } from "../../src/query/diff.js";
import { trace } from "../../src/query/trace.js";
import type { ClaimEntry, LineageFile } from "../../src/schema.js";
import { lineageFile, type StepSpec } from "../support/build.js";

/** A graph whose claims (by step id and ability) get extra fields: size, attribution. */
function graphWith(
  steps: StepSpec[],
  extra: Record<string, Partial<ClaimEntry>> = {},
  file: Partial<LineageFile> = {},
) {
  const lineage = lineageFile(steps, file);
  for (const step of lineage.steps)
    step.claims = step.claims.map((c) => ({ ...c, ...extra[`${step.id}/${c.ability}`] }));
  return buildGraph(lineage);
}

describe("trace's origin", () => {
  it("is where the ability first appeared on the path; a later give re-asserts it and is listed as a change", () => {
    const g = graphWith([
      ["pre", [], "base", []],
      ["code", ["base"], "coder", [["cot", "introduced", "hypothesis"]]],
      ["merge", ["coder"], "merged", [["cot", "introduced", "hypothesis"]]],
      ["tune", ["merged"], "tuned", [["cot", "strengthened"]]],
    ]);
    const r = TraceOut.parse(trace(g, { model: "tuned", ability: "cot" }));
    expect(r.introducedBy?.step).toBe("code");
    expect(r.changes.map((c) => [c.step, c.effect])).toEqual([
      ["merge", "introduced"],
      ["tune", "strengthened"],
    ]);
    expect(r.origins.map((o) => o.step)).toEqual(["code"]);
  });

  it("names both parents' origins when each brought the ability", () => {
    const g = graphWith([
      ["pre", [], "base", []],
      ["left", ["base"], "l", [["x", "introduced"]]],
      ["right", ["base"], "r", [["x", "unlocked", "likely"]]],
      ["merge", ["l", "r"], "m", []],
    ]);
    const r = trace(g, { model: "m", ability: "x" });
    expect(r.origins.map((o) => o.step)).toEqual(["left", "right"]);
    expect(r.introducedBy?.step).toBe("left");
  });

  it("keeps the origin across a loss and a restoration", () => {
    const g = graphWith([
      ["pre", [], "a", [["x", "introduced"]]],
      ["drop", ["a"], "b", [["x", "lost"]]],
      ["back", ["b"], "c", [["x", "restored"]]],
    ]);
    const r = trace(g, { model: "c", ability: "x" });
    expect(r.introducedBy?.step).toBe("pre");
    expect(r.changes.map((c) => c.effect)).toEqual(["lost", "restored"]);
  });
});

describe("sizes", () => {
  const g = graphWith(
    [
      ["pre", [], "a", [["icl", "introduced"]]],
      ["rl", ["a"], "b", [["icl", "weakened"]]],
      ["drop", ["a"], "c", [["icl", "lost"]]],
    ],
    { "rl/icl": { size: "great" } },
  );

  it("flow into trace: present, greatly weakened, in the article's notation", () => {
    const r = TraceOut.parse(trace(g, { model: "b", ability: "icl" }));
    expect(r).toMatchObject({
      present: true,
      state: "weakened",
      size: "great",
      stateText: "present, greatly weakened",
    });
    expect(r.changes).toEqual([
      {
        step: "rl",
        to: "b",
        effect: "weakened",
        size: "great",
        change: "greatly weakened",
        symbol: "--",
        confidence: "established",
      },
    ]);
    expect(r.history[1]).toMatchObject({ size: "great", change: "greatly weakened", symbol: "--" });
  });

  it("tell a great decrease from a loss", () => {
    const lost = trace(g, { model: "c", ability: "icl" });
    expect(lost).toMatchObject({ present: false, state: "lost", size: "normal", stateText: "lost" });
    expect(lost.history[1]).toMatchObject({ symbol: "x", change: "lost" });
  });

  it("flow into diff", () => {
    const d = DiffOut.parse(diff(g, { from: "a", to: "b" }));
    expect(d.changes[0]).toMatchObject({
      before: "introduced",
      after: "weakened",
      afterSize: "great",
      afterText: "present, greatly weakened",
    });
  });
});

describe("two confidences", () => {
  it("an uncertain edge makes the origin unsure, not the ability", () => {
    const g = graphWith([
      ["pre", [], "a", [["x", "introduced"]]],
      ["hedged", ["a"], "b", [], "hypothesis"],
    ]);
    const r = trace(g, { model: "b", ability: "x" });
    expect(r).toMatchObject({
      presenceConfidence: "established",
      originConfidence: "hypothesis",
      confidence: "hypothesis",
    });
  });

  it("the origin's attribution grades the origin; the claims grade the presence", () => {
    const g = graphWith(
      [
        ["pre", [], "a", []],
        ["code", ["a"], "b", [["x", "unlocked"]]],
        ["tune", ["b"], "c", [["x", "strengthened", "likely"]]],
      ],
      { "code/x": { attribution: "likely" } },
    );
    const r = trace(g, { model: "c", ability: "x" });
    expect(r).toMatchObject({ presenceConfidence: "likely", originConfidence: "likely" });
    expect(r.introducedBy).toMatchObject({ confidence: "established", attribution: "likely" });
    const b = trace(g, { model: "b", ability: "x" });
    expect(b).toMatchObject({ presenceConfidence: "established", originConfidence: "likely" });
  });

  it("the presence is as sure as the latest claim: an established strengthening of a hedged origin is established", () => {
    // As code-davinci-002's chain-of-thought: clearly there (§3.1), though where it came from is a hypothesis.
    const g = graphWith([
      ["pre", [], "a", []],
      ["code", ["a"], "b", [["x", "introduced", "hypothesis"]]],
      ["merge", ["b"], "c", [["x", "strengthened", "established"]]],
    ]);
    expect(trace(g, { model: "c", ability: "x" })).toMatchObject({
      presenceConfidence: "established",
      originConfidence: "hypothesis",
    });
    expect(trace(g, { model: "b", ability: "x" })).toMatchObject({ presenceConfidence: "hypothesis" });
  });

  it("counts the origin step's own parentage when the origin is not a root", () => {
    const g = graphWith([
      ["pre", [], "a", []],
      ["code", ["a"], "b", [["x", "introduced"]], "speculative"],
    ]);
    expect(trace(g, { model: "b", ability: "x" })).toMatchObject({
      presenceConfidence: "established",
      originConfidence: "speculative",
    });
  });

  it("are null when the ability is absent", () => {
    const g = graphWith([["pre", [], "a", []]], {}, { abilities: { x: { name: "X" } } });
    expect(trace(g, { model: "a", ability: "x" })).toMatchObject({
      presenceConfidence: null,
      originConfidence: null,
      origins: [],
      changes: [],
    });
  });
});

describe("diff's rows", () => {
  const g = graphWith(
    [
      ["pre", [], "root", [["kept", "introduced"]]],
      [
        "left",
        ["root"],
        "l",
        [
          ["kept", "introduced"],
          ["both", "introduced"],
        ],
      ],
      [
        "right",
        ["root"],
        "r",
        [
          ["both", "unlocked"],
          ["gone", "introduced"],
        ],
      ],
    ],
    {},
    {
      models: {
        root: { name: "Root" },
        l: { name: "L", lacks: [{ ability: "gone", confidence: "likely", evidence: [{ source: "src" }] }] },
        r: { name: "R" },
      },
    },
  );
  const d = DiffOut.parse(diff(g, { from: "l", to: "r" }));
  const rowOf = (ability: string) => d.changes.find((c) => c.ability === ability)!;

  it("put the rows that change state first", () => {
    expect(d.changes.map((c) => c.stateChanged)).toEqual(
      [...d.changes.map((c) => c.stateChanged)].sort((a, b) => Number(b) - Number(a)),
    );
    expect(d.changes[0]!.stateChanged).toBe(true);
  });

  it("say 'again' only where the common ancestor had the state and a later step re-asserted it", () => {
    expect(rowOf("kept")).toMatchObject({ common: "introduced", againFrom: true, againTo: false });
    expect(rowOf("both")).toMatchObject({ common: "absent", againFrom: false, againTo: false });
  });

  it("say when both sides gained an ability independently", () => {
    expect(rowOf("both").independent).toBe(true);
    expect(rowOf("kept").independent).toBe(false);
  });

  it("show a recorded lack as such", () => {
    expect(rowOf("gone")).toMatchObject({
      before: "absent",
      beforeLacked: true,
      after: "introduced",
      afterLacked: false,
    });
  });
});

describe("origins through a merge", () => {
  it("leave out a merge that re-asserts what one parent brought, reached through a parent that lacked it", () => {
    const g = graphWith([
      ["pre", [], "base", []],
      ["teach", ["base"], "teacher", []],
      ["code", ["base"], "coder", [["cot", "introduced", "hypothesis"]]],
      ["merge", ["teacher", "coder"], "merged", [["cot", "introduced", "hypothesis"]]],
    ]);
    const r = trace(g, { model: "merged", ability: "cot" });
    expect(r.origins.map((o) => o.step)).toEqual(["code"]);
    // The primary reading is the one through the code step, even though the teacher comes first among the parents.
    expect(r.introducedBy?.step).toBe("code");
    expect(r.path).toEqual(["base", "coder", "merged"]);
    expect(r.changes.map((c) => c.step)).toEqual(["merge"]);
  });
});
