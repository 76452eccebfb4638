/** graph: the lineage as nodes and edges, the structure DOT and Mermaid pictures are drawn from. */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type { GraphResult } from "../contract.js";
import { foldAbility, type LineageGraph, resolve } from "../graph/index.js";
import { summarize } from "./summarize.js";

/** Answers `graph`: every model and step, alternative parentage readings as extra edges, and optionally an ability's state per model. */
export function graphView(graph: LineageGraph, args: { ability?: string } = {}): GraphResult {
  const ability = args.ability === undefined ? undefined : resolve(graph, "ability", args.ability);
  const fold = ability === undefined ? undefined : foldAbility(graph, ability, graph.modelOrder);
  return {
    schemaVersion: SCHEMA_VERSION,
    title: graph.title,
    ability: ability ?? null,
    nodes: graph.modelOrder.map((id) => {
      const m = graph.models.get(id)!;
      return {
        id,
        name: m.name,
        series: m.series ?? null,
        family: m.family ?? null,
        state: fold ? summarize(graph, fold.readings.get(id)!).state : null,
      };
    }),
    edges: graph.steps.flatMap((step) => [
      ...step.from.map((from) => ({
        from,
        to: step.to,
        step: step.id,
        kind: step.kind,
        label: step.label ?? null,
        confidence: step.confidence,
        primary: true,
      })),
      ...(step.alternatives ?? []).flatMap((alt) =>
        alt.from
          .filter((from) => !step.from.includes(from))
          .map((from) => ({
            from,
            to: step.to,
            step: step.id,
            kind: step.kind,
            label: step.label ?? null,
            confidence: alt.confidence,
            primary: false,
          })),
      ),
    ]),
  };
}
