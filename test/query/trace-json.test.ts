import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { alternativesOn } from "../../src/graph/readings.js";
import { loadLineageFile } from "../../src/load/load-lineage.js";
import { escapeJson } from "../../src/json-text.js";
import { traceFields, traceJson } from "../../src/query/trace.js";
import { TRACE_FIELDS, type TraceField } from "../../src/vocabulary.js";
import { lineageFile } from "../support/build.js";
import { lazyOf } from "../support/lazy-of.js";
import { randomLineage } from "../support/random-lineage.js";

/** The embedded lineage, built from its file: it has steps with alternative readings. */
async function embedded(): Promise<LineageGraph> {
  const loaded = await loadLineageFile(fileURLToPath(new URL("../../lineage.yaml", import.meta.url)));
  if (!loaded.ok) throw new Error("the embedded lineage is invalid");
  return buildGraph(loaded.lineage, loaded.order);
}

/** Asks `graph` for every model and ability pair, each answer twice (the second from the kept texts). */
function expectSameText(graph: LineageGraph, fields: readonly TraceField[] = TRACE_FIELDS, reading = {}) {
  for (let round = 0; round < 2; round++)
    for (const model of graph.modelOrder)
      for (const ability of graph.abilityOrder) {
        const args = { model, ability, reading };
        expect(traceJson(graph, args, fields)).toBe(escapeJson(JSON.stringify(traceFields(graph, args, fields))));
      }
}

/** A lineage of two steps, a claim of each about x, for texts set by hand. */
function twoSteps() {
  return lineageFile([
    ["s0", [], "a", [["x", "introduced"]]],
    ["s1", ["a"], "b", [["x", "strengthened"]]],
  ]);
}

describe("traceJson: the answer's JSON text, escaped, with each step's parentage and claim made once", () => {
  it("is JSON.stringify of the answer for every pair of the embedded lineage, built or compact", async () => {
    const graph = await embedded();
    expectSameText(graph);
    expectSameText(lazyOf(graph).lazy);
  });

  it("is the same text under each alternative reading, whose steps' parentage differs", async () => {
    const graph = await embedded();
    const alternatives = alternativesOn(graph, graph.modelOrder);
    expect(alternatives.length).toBeGreaterThan(0);
    for (const alt of alternatives) {
      const reading = { [alt.step.id]: alt.index };
      expectSameText(graph, TRACE_FIELDS, reading);
      // The file's reading again, after the other: its kept texts are the file's.
      expectSameText(graph, ["parentage"]);
    }
  });

  it("is the same text for any choice of fields, parentage among them or not", async () => {
    const graph = await embedded();
    fc.assert(
      fc.property(fc.subarray([...TRACE_FIELDS], { minLength: 1 }), (fields) => {
        const model = graph.modelOrder[graph.modelOrder.length - 1]!;
        for (const ability of graph.abilityOrder) {
          const args = { model, ability };
          expect(traceJson(graph, args, fields)).toBe(escapeJson(JSON.stringify(traceFields(graph, args, fields))));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("is the same text on random lineages, built or compact", () => {
    fc.assert(
      fc.property(randomLineage, (lineage) => {
        const graph = buildGraph(lineage);
        expectSameText(graph);
        expectSameText(lazyOf(graph).lazy);
      }),
      { numRuns: 60 },
    );
  });

  it("splices at its marks even when a text of the lineage holds their characters", () => {
    const lineage = twoSteps();
    lineage.steps[0]!.label = '"parentage":0,"x":"y"';
    lineage.steps[0]!.claims[0]!.note = '{"parentage":0}';
    lineage.steps[1]!.note = '"parentage":[]';
    // An applied claim's mark too, as text and with the character its key holds.
    lineage.steps[1]!.claims[0]!.note = '{"\\u0000entry":0} {"\u0000entry":0}';
    const graph = buildGraph(lineage);
    const args = { model: "b", ability: "x" };
    const text = traceJson(graph, args);
    expect(text).toBe(escapeJson(JSON.stringify(traceFields(graph, args, TRACE_FIELDS))));
    expect((JSON.parse(text) as { parentage: { step: string }[] }).parentage.map((p) => p.step)).toEqual(["s0", "s1"]);
  });

  it("escapes what would act on a terminal, in kept texts and in the rest alike", () => {
    const lineage = twoSteps();
    lineage.steps[0]!.label = "zero\u200bwidth \u0085next \u{e0041}tag";
    lineage.steps[1]!.claims[0]!.note = "line\u2028separator, variation\ufe0f, DEL\u007f";
    lineage.abilities.x!.name = "bidi\u202eoverride";
    const graph = buildGraph(lineage);
    const args = { model: "b", ability: "x" };
    const text = traceJson(graph, args);
    expect(text).toBe(escapeJson(JSON.stringify(traceFields(graph, args, TRACE_FIELDS))));
    for (const hidden of ["\u007f", "\u0085", "\u200b", "\u2028", "\u202e", "\ufe0f", "\u{e0041}"])
      expect(text).not.toContain(hidden);
    expect(text).toContain("zero\\u200bwidth");
    // The same answer again, its texts kept: still escaped.
    expect(traceJson(graph, args)).toBe(text);
    expect((JSON.parse(text) as { history: { label: string }[] }).history[0]!.label).toBe(lineage.steps[0]!.label);
  });
});
