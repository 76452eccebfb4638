/**
 * diff: the abilities that differ between two models (their state, or the claims made about them past the
 * common ancestry, as when RLHF strengthens further what was already strengthened), and the steps that explain each.
 */
import { SCHEMA_VERSION, weakest } from "../vocabulary.js";
import type { DiffResult } from "../contract.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { ancestors, byRank, nearestOf } from "../graph/walk.js";
import { entryOut } from "./convert.js";
import { foldAbility } from "../graph/fold.js";
import { resolve } from "../graph/names.js";
import { historyOf, summarize } from "./summarize.js";

/** The two models to compare, by id or alias. */
export interface DiffArgs {
  from: string;
  to: string;
}

/** Answers `diff A B`. Throws UnknownNameError for an unknown name. */
export function diff(graph: LineageGraph, args: DiffArgs): DiffResult {
  const a = resolve(graph, "model", args.from);
  const b = resolve(graph, "model", args.to);
  const ancA = ancestors(graph, a);
  const ancB = ancestors(graph, b);
  const setA = new Set(ancA);
  const setB = new Set(ancB);
  const common = new Set(ancA.filter((id) => setB.has(id)));
  const relation: DiffResult["relation"] =
    a === b ? "same" : setB.has(a) ? "ancestor" : setA.has(b) ? "descendant" : common.size > 0 ? "related" : "unrelated";
  // Only abilities claimed somewhere on either ancestry can differ.
  const touched = new Set<string>();
  for (const id of new Set([...ancA, ...ancB])) {
    for (const claim of graph.madeBy.get(id)?.claims ?? []) touched.add(claim.ability);
  }
  const union = byRank(graph, new Set([...ancA, ...ancB]));
  const changes: DiffResult["changes"] = [];
  for (const ability of graph.abilityOrder) {
    if (!touched.has(ability)) continue;
    const fold = foldAbility(graph, ability, union);
    const sa = summarize(graph, fold.readings.get(a)!);
    const sb = summarize(graph, fold.readings.get(b)!);
    // The steps that explain a difference: claims past the common ancestors on either side, and
    // claims one side's reading rests on that the other's does not (a merge can pick either parent).
    const ha = historyOf(sa.primary);
    const hb = historyOf(sb.primary);
    const inA = new Set(ha.map((x) => x.claim));
    const inB = new Set(hb.map((x) => x.claim));
    const explains = (h: typeof ha, other: Set<object>, name: "from" | "to") =>
      h
        .filter((applied) => !common.has(applied.step.to) || !other.has(applied.claim))
        .map((applied) => ({ ...entryOut(graph, applied), side: name }));
    const steps = [...explains(ha, inB, "from"), ...explains(hb, inA, "to")];
    // Same state and no claim past the common ancestry: nothing to tell.
    if (sa.state === sb.state && steps.length === 0) continue;
    changes.push({
      ability,
      name: graph.abilities.get(ability)!.name,
      before: sa.state,
      after: sb.state,
      beforePresent: sa.present,
      afterPresent: sb.present,
      stateChanged: sa.state !== sb.state,
      steps,
      confidence: weakest([sa.confidence, sb.confidence]),
    });
  }
  return {
    schemaVersion: SCHEMA_VERSION,
    from: a,
    to: b,
    relation,
    commonAncestors: nearestOf(graph, common),
    changes,
  };
}
