import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { childModels, knownName, madeHow, MAX_HOWS, NOT_KEPT, relationOf } from "../../src/graph/step-facts.js";
import { CONFIDENCE_LEVELS } from "../../src/vocabulary.js";
import { lineageFile, type StepSpec } from "../support/build.js";
import { randomLineage } from "../support/random-lineage.js";
import { lazyOf } from "../support/lazy-of.js";

/** Every model's making, children and name known unread, as the functions answer. */
const answers = (g: LineageGraph) =>
  g.modelOrder.map((m) => ({ m, how: madeHow(g, m), children: childModels(g, m), name: knownName(g, m) }));

/**
 * The answers with the step ids and names known unread checked against the steps' and models' own (which
 * reads them), and then left out.
 */
const checked = (g: LineageGraph, got: ReturnType<typeof answers>) =>
  got.map(({ m, how, children, name }) => {
    if (how?.step !== undefined) expect(how.step).toBe(g.madeBy.get(m)!.id);
    if (name !== undefined) expect(name).toBe(g.models.get(m)!.name);
    return [m, how && { ...how, step: undefined }, children];
  });

/** The answers of a graph, checked: all but unread step ids and names. */
const facts = (g: LineageGraph) => checked(g, answers(g));

/** What a graph's steps say of each model: the expected answer, from the steps themselves. */
const fromSteps = (g: LineageGraph) =>
  g.modelOrder.map((m) => {
    const step = g.madeBy.get(m);
    return [
      m,
      step
        ? {
            kind: step.kind,
            label: step.label,
            confidence: step.confidence,
            relation: relationOf(step),
            step: undefined,
          }
        : null,
      (g.childSteps.get(m) ?? []).map((s) => s.to),
    ];
  });

/** A lineage of `n` chained steps with labels, methods and confidences varied by `labelOf`. */
function varied(n: number, labelOf: (i: number) => string | undefined) {
  const specs: StepSpec[] = [["root", [], "m0", []]];
  for (let i = 1; i < n; i++) specs.push([`s${i}`, [`m${Math.floor((i - 1) / 3)}`], `m${i}`, []]);
  const file = lineageFile(specs);
  file.steps.forEach((step, i) => {
    step.kind = ["fine-tuning", "quantization", "merge", "my-own-kind"][i % 4]!;
    const label = labelOf(i);
    if (label !== undefined) step.label = label;
    if (i % 5 === 0) step.method = " Adapter ";
    step.confidence = CONFIDENCE_LEVELS[i % CONFIDENCE_LEVELS.length]!;
  });
  return buildGraph(file);
}

describe("madeHow, childModels and knownName", () => {
  it("know unread a step id made of a kept prefix and its model's id, and a name that is the model's id", () => {
    const file = lineageFile([
      ["hf:base", [], "base", []],
      ["hf:a", ["base"], "a", []],
      ["b-from-base", ["base"], "b", []],
      ["own", ["a"], "c", []],
    ]);
    file.models.a!.name = "a";
    file.models.c!.name = "c";
    const eager = buildGraph(file);
    const { lazy, reads } = lazyOf(eager);
    expect(["base", "a", "b", "c"].map((m) => [madeHow(lazy, m)?.step, knownName(lazy, m)])).toEqual([
      ["hf:base", undefined],
      ["hf:a", "a"],
      [undefined, undefined],
      [undefined, "c"],
    ]);
    expect(reads).toEqual([]);
    // A built graph keeps its steps: it knows every step id, and leaves names to its models.
    expect(madeHow(eager, "b")?.step).toBe("b-from-base");
    expect(knownName(eager, "a")).toBeUndefined();
  });

  it("answer from a compact graph's index what its steps say, reading no step", () => {
    const labels = [
      undefined,
      "finetune (declared)",
      "relation unspecified (read as finetune)",
      "quantized (declared)",
    ];
    const eager = varied(80, (i) => labels[Math.floor(i / 4) % labels.length]);
    const { lazy, reads } = lazyOf(eager);
    const got = answers(lazy);
    expect(reads).toEqual([]);
    const expected = fromSteps(eager);
    // The index told apart everything the steps do: kinds, labels, adapters, unspecified relations, confidences.
    expect(new Set(expected.map(([, how]) => JSON.stringify(how))).size).toBeGreaterThan(10);
    expect(checked(lazy, got)).toEqual(expected);
    expect(facts(eager)).toEqual(expected);
  });

  it("read a step from its text when its making is past the table (a label per step), with the same answers", () => {
    const eager = varied(MAX_HOWS + 200, (i) => `step number ${i}`);
    const { lazy, reads, stepHow } = lazyOf(eager);
    const notKept = [...stepHow].filter((h) => h === NOT_KEPT).length;
    expect(notKept).toBeGreaterThan(100);
    const got = answers(lazy);
    expect(reads.filter((r) => r.startsWith("steps#"))).toHaveLength(notKept);
    expect(checked(lazy, got)).toEqual(fromSteps(eager));
  });

  it("agree with the steps on random lineages, built or compact", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        const { lazy, reads } = lazyOf(eager);
        const got = answers(lazy);
        expect(reads).toEqual([]);
        expect(checked(lazy, got)).toEqual(fromSteps(eager));
      }),
      { numRuns: 150 },
    );
  });

  it("say a root has no making and an unknown model no children", () => {
    const { lazy } = lazyOf(varied(4, () => undefined));
    expect(madeHow(lazy, "m0")).toEqual({
      kind: "fine-tuning",
      label: undefined,
      confidence: "established",
      relation: "adapter",
      step: undefined,
    });
    const rootless = buildGraph(lineageFile([["s", ["base"], "child", []]]));
    expect(madeHow(lazyOf(rootless).lazy, "base")).toBeNull();
    expect(childModels(lazyOf(rootless).lazy, "no such model")).toEqual([]);
    expect(childModels(rootless, "no such model")).toEqual([]);
  });
});
