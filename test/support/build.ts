/** Builds small lineages in code for unit tests. */
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import type { ConfidenceLevel, EffectName, LineageFile } from "../../src/schema.js";

/** A claim as a tuple: ability, effect, confidence (default established). */
export type ClaimSpec = [string, EffectName, ConfidenceLevel?];

/** A step as a tuple: id, parents, child, claims, parentage confidence (default established). */
export type StepSpec = [string, string[], string, ClaimSpec[], ConfidenceLevel?];

/** The lineage file a list of steps describes (models and abilities inferred). */
export function lineageFile(steps: StepSpec[], extra: Partial<LineageFile> = {}): LineageFile {
  const models: LineageFile["models"] = {};
  const abilities: LineageFile["abilities"] = {};
  for (const [, from, to, claims] of steps) {
    for (const m of [...from, to]) models[m] ??= { name: m.toUpperCase() };
    for (const [a] of claims) abilities[a] ??= { name: `Ability ${a}` };
  }
  return {
    lineage: 1,
    title: "test",
    sources: { src: { title: "Source" } },
    abilities,
    models,
    steps: steps.map(([id, from, to, claims, confidence]) => ({
      id,
      kind: "fine-tuning",
      from,
      to,
      confidence: confidence ?? "established",
      evidence: [],
      claims: claims.map(([ability, effect, conf]) => ({
        ability,
        effect,
        confidence: conf ?? "established",
        evidence: [{ source: "src", at: `§${id}` }],
      })),
    })),
    ...extra,
  };
}

/** The graph of a list of steps. */
export function graphOf(steps: StepSpec[], extra: Partial<LineageFile> = {}): LineageGraph {
  return buildGraph(lineageFile(steps, extra));
}
