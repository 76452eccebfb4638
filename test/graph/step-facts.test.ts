import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { compactParts } from "../../src/graph/compact.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { childModels, madeHow, MAX_HOWS, NOT_KEPT, relationOf } from "../../src/graph/step-facts.js";
import { CONFIDENCE_LEVELS } from "../../src/vocabulary.js";
import { lineageFile, type StepSpec } from "../support/build.js";
import { randomLineage } from "../support/random-lineage.js";

/** The lazy graph of `graph` (through its compact parts, no bytes) and the entries each read parses. */
function lazyOf(graph: LineageGraph) {
  const { ints, bytes, records, index } = compactParts(graph);
  const reads: string[] = [];
  const lazy = lazyGraph({
    header: index,
    ...ints,
    ...bytes,
    stepCount: records.steps.count,
    entry: (kind, i) => (reads.push(`${kind}#${i}`), JSON.parse(records[kind].text(i)) as unknown),
  });
  return { lazy, reads, stepHow: ints.stepHow };
}

/** Every model's making and children, as the functions answer. */
const facts = (g: LineageGraph) => g.modelOrder.map((m) => [m, madeHow(g, m), childModels(g, m)]);

/** What a graph's steps say of each model: the expected answer, from the steps themselves. */
const fromSteps = (g: LineageGraph) =>
  g.modelOrder.map((m) => {
    const step = g.madeBy.get(m);
    return [
      m,
      step ? { kind: step.kind, label: step.label, confidence: step.confidence, relation: relationOf(step) } : null,
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

describe("madeHow and childModels", () => {
  it("answer from a compact graph's index what its steps say, reading no step", () => {
    const labels = [
      undefined,
      "finetune (declared)",
      "relation unspecified (read as finetune)",
      "quantized (declared)",
    ];
    const eager = varied(80, (i) => labels[Math.floor(i / 4) % labels.length]);
    const { lazy, reads } = lazyOf(eager);
    const expected = fromSteps(eager);
    // The index told apart everything the steps do: kinds, labels, adapters, unspecified relations, confidences.
    expect(new Set(expected.map(([, how]) => JSON.stringify(how))).size).toBeGreaterThan(10);
    expect(facts(lazy)).toEqual(expected);
    expect(reads).toEqual([]);
    expect(facts(eager)).toEqual(expected);
  });

  it("read a step from its text when its making is past the table (a label per step), with the same answers", () => {
    const eager = varied(MAX_HOWS + 200, (i) => `step number ${i}`);
    const { lazy, reads, stepHow } = lazyOf(eager);
    const notKept = [...stepHow].filter((h) => h === NOT_KEPT).length;
    expect(notKept).toBeGreaterThan(100);
    expect(facts(lazy)).toEqual(fromSteps(eager));
    expect(reads.filter((r) => r.startsWith("steps#"))).toHaveLength(notKept);
  });

  it("agree with the steps on random lineages, built or compact", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const eager = buildGraph(lineage);
        const { lazy, reads } = lazyOf(eager);
        expect(facts(lazy)).toEqual(fromSteps(eager));
        expect(reads).toEqual([]);
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
    });
    const rootless = buildGraph(lineageFile([["s", ["base"], "child", []]]));
    expect(madeHow(lazyOf(rootless).lazy, "base")).toBeNull();
    expect(childModels(lazyOf(rootless).lazy, "no such model")).toEqual([]);
    expect(childModels(rootless, "no such model")).toEqual([]);
  });
});
