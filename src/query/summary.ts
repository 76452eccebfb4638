/** summary: the article's summary table from the data: each model, its API name, how it was trained, what its own step changed. */
import type { SummaryResult } from "../contract.js";
import type { LineageGraph } from "../graph/index.js";
import { CHANGES_LEGEND, changeSymbol, SCHEMA_VERSION } from "../vocabulary.js";
import { approximationsOut } from "./convert.js";

/** The training method as the table names it: the step's label (else its kind), with the method's own name. */
function methodOf(graph: LineageGraph, model: string): string | null {
  const step = graph.madeBy.get(model);
  if (!step) return null;
  const name = step.label ?? step.kind;
  return step.method && !name.includes(step.method) ? `${name} (${step.method})` : name;
}

/** Answers `summary`: one row per model, in lineage order, with the markers of its own step's claims in the step's order. */
export function summary(graph: LineageGraph): SummaryResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    legend: CHANGES_LEGEND,
    rows: graph.modelOrder.map((model) => {
      const m = graph.models.get(model)!;
      const step = graph.madeBy.get(model);
      return {
        model,
        name: m.name,
        api: m.api ?? null,
        method: methodOf(graph, model),
        step: step?.id ?? null,
        markers: (step?.claims ?? []).map((claim) => {
          const size = claim.size ?? "normal";
          const symbol = changeSymbol(claim.effect, size);
          const name = graph.abilities.get(claim.ability)!.name;
          return {
            ability: claim.ability,
            name,
            effect: claim.effect,
            size,
            symbol,
            confidence: claim.confidence,
            text: `${symbol} ${name}`,
          };
        }),
        approximations: approximationsOut(m),
      };
    }),
  };
}
