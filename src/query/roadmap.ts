/** roadmap: the ordered steps that make a model, what each contributes, and the open approximations named for it. */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type { RoadmapResult } from "../contract.js";
import { ancestors, type LineageGraph, resolve } from "../graph/index.js";
import { approximationsOut, parentageOut } from "./convert.js";

/** Answers `roadmap MODEL`: every step on its ancestry in lineage order (both branches of a merge). */
export function roadmap(graph: LineageGraph, name: string): RoadmapResult {
  const model = resolve(graph, "model", name);
  const steps = ancestors(graph, model).flatMap((id) => {
    const step = graph.madeBy.get(id);
    return step ? [step] : [];
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    model,
    steps: steps.map((step, i) => ({
      ...parentageOut(graph, step),
      order: i + 1,
      contributes: step.claims.map((c) => ({ ability: c.ability, effect: c.effect, confidence: c.confidence })),
      approximations: approximationsOut(graph.models.get(step.to)!),
    })),
  };
}
