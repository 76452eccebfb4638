/** list: the models, abilities, steps or sources of a lineage, as rows. */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type { ListResult } from "../contract.js";
import { holders, type LineageGraph } from "../graph/index.js";
import type { EvidenceEntry } from "../schema.js";
import { textOf } from "./convert.js";

/** What `list` can list. */
export const LISTABLE = ["models", "abilities", "steps", "sources"] as const;
/** One of LISTABLE. */
export type Listable = (typeof LISTABLE)[number];

function citations(graph: LineageGraph): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (list: readonly EvidenceEntry[] | undefined) =>
    list?.forEach((e) => counts.set(e.source, (counts.get(e.source) ?? 0) + 1));
  for (const step of graph.steps) {
    add(step.evidence);
    step.alternatives?.forEach((a) => add(a.evidence));
    step.claims.forEach((c) => add(c.evidence));
  }
  for (const model of graph.models.values()) {
    add(model.evidence);
    add(model.trainingData?.evidence);
    model.lacks?.forEach((l) => add(l.evidence));
    if (model.paper) counts.set(model.paper, (counts.get(model.paper) ?? 0) + 1);
    model.approximations?.forEach((a) => a.source && counts.set(a.source, (counts.get(a.source) ?? 0) + 1));
  }
  return counts;
}

/** Answers `list WHAT`. */
export function list(graph: LineageGraph, what: Listable): ListResult {
  switch (what) {
    case "models":
      return {
        schemaVersion: SCHEMA_VERSION,
        what,
        items: graph.modelOrder.map((id) => {
          const m = graph.models.get(id)!;
          return {
            id,
            name: m.name,
            aliases: [...(m.aliases ?? [])],
            series: m.series ?? null,
            api: m.api ?? null,
            released: textOf(m.released),
            params: textOf(m.params),
            context: m.context ?? null,
            parents: [...(graph.madeBy.get(id)?.from ?? [])],
          };
        }),
      };
    case "abilities":
      return {
        schemaVersion: SCHEMA_VERSION,
        what,
        items: graph.abilityOrder.map((id) => {
          const a = graph.abilities.get(id)!;
          const models = holders(graph, id, 0).total;
          return {
            id,
            name: a.name,
            aliases: [...(a.aliases ?? [])],
            claims: graph.claimsByAbility.get(id)?.length ?? 0,
            models,
          };
        }),
      };
    case "steps":
      return {
        schemaVersion: SCHEMA_VERSION,
        what,
        items: graph.steps.map((s) => ({
          id: s.id,
          kind: s.kind,
          label: s.label ?? null,
          from: [...s.from],
          to: s.to,
          confidence: s.confidence,
          claims: s.claims.length,
          alternatives: s.alternatives?.length ?? 0,
        })),
      };
    case "sources": {
      const cited = citations(graph);
      return {
        schemaVersion: SCHEMA_VERSION,
        what,
        items: [...graph.sources].map(([id, s]) => ({
          id,
          title: s.title,
          authors: [...(s.authors ?? [])],
          year: s.year ?? null,
          identifier: s.identifier ?? null,
          url: s.url ?? null,
          cited: cited.get(id) ?? 0,
        })),
      };
    }
  }
}
