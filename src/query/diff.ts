/**
 * diff: the abilities that differ between two models (their state, or the claims made about them past the
 * common ancestry, as when RLHF strengthens further what was already strengthened), and the steps that explain each.
 */
import { SCHEMA_VERSION, weakest, type AbilityState, type Confidence } from "../vocabulary.js";
import type { DiffResult } from "../contract.js";
import {
  alternativesOn,
  ancestors,
  byRank,
  foldAbility,
  type LineageGraph,
  nearestOf,
  type ReadingChoice,
  readingKey,
  resolve,
  type StepClaim,
  underReading,
  UnknownNameError,
} from "../graph/index.js";
import { entryOut } from "./convert.js";
import { historyOf, introducerOf, stateText, summarize } from "./summarize.js";

/** The two models to compare, by id or alias. */
export interface DiffArgs {
  from: string;
  to: string;
  /** A parentage reading to answer under (the steps' own parents by default). */
  reading?: ReadingChoice;
}

type Row = DiffResult["changes"][number];

/** The weakest of some confidences that are known; null when none is. */
function weakestKnown(levels: readonly (Confidence | null)[]): Confidence | null {
  const known = levels.filter((l): l is Confidence => l !== null);
  return known.length ? weakest(known) : null;
}

/** True when the model records lacking the ability. */
function lacks(graph: LineageGraph, model: string, ability: string): boolean {
  return graph.lacking.get(ability)?.has(model) ?? false;
}

/** One row of the diff for one ability, or null when there is nothing to tell. */
function row(
  graph: LineageGraph,
  ability: string,
  a: string,
  b: string,
  scope: readonly string[],
  common: ReadonlySet<string>,
  nearest: readonly string[],
): Row | null {
  const fold = foldAbility(graph, ability, scope);
  const sa = summarize(graph, fold.readings.get(a)!);
  const sb = summarize(graph, fold.readings.get(b)!);
  // The steps that explain a difference: claims past the common ancestors on either side, and
  // claims one side's reading rests on that the other's does not (a merge can pick either parent).
  const ha = historyOf(sa.primary);
  const hb = historyOf(sb.primary);
  const inA = new Set(ha.map((x) => x.claim));
  const inB = new Set(hb.map((x) => x.claim));
  const explains = (h: StepClaim[], other: Set<object>, side: "from" | "to") =>
    h
      .filter((applied) => !common.has(applied.step.to) || !other.has(applied.claim))
      .map((applied) => ({ ...entryOut(graph, applied), side }));
  const steps = [...explains(ha, inB, "from"), ...explains(hb, inA, "to")];
  // Same state and no claim past the common ancestry: nothing to tell.
  if (sa.state === sb.state && steps.length === 0) return null;
  const atCommon = nearest.length ? summarize(graph, fold.readings.get(nearest[0]!)!) : null;
  // "Again" only where the common ancestor had the state and a step on that side re-asserted it.
  const again = (state: AbilityState, side: "from" | "to") =>
    atCommon !== null && atCommon.state === state && steps.some((st) => st.side === side && st.effect === state);
  const pastCommon = (origin: StepClaim | null) => origin !== null && !common.has(origin.step.to);
  const independent =
    sa.present &&
    sb.present &&
    !(atCommon?.present ?? false) &&
    pastCommon(introducerOf(sa.primary)) &&
    pastCommon(introducerOf(sb.primary));
  return {
    ability,
    name: graph.abilities.get(ability)!.name,
    before: sa.state,
    after: sb.state,
    beforePresent: sa.present,
    afterPresent: sb.present,
    stateChanged: sa.state !== sb.state,
    steps,
    confidence: weakest([sa.confidence, sb.confidence]),
    beforeSize: sa.size,
    afterSize: sb.size,
    beforeText: stateText(sa.state, sa.size),
    afterText: stateText(sb.state, sb.size),
    presenceConfidence: weakestKnown([sa.presenceConfidence, sb.presenceConfidence]),
    originConfidence: weakestKnown([sa.originConfidence, sb.originConfidence]),
    common: atCommon?.state ?? null,
    againFrom: again(sa.state, "from"),
    againTo: again(sb.state, "to"),
    independent,
    beforeLacked: lacks(graph, a, ability),
    afterLacked: lacks(graph, b, ability),
  };
}

/** What a row says, for comparing readings: the states of both sides. */
const gist = (r: Row) => `${r.before}/${r.after}`;

/** The abilities whose row changes under each alternative reading of a step on either ancestry (each on its own). */
function underReadings(
  primary: LineageGraph,
  graph: LineageGraph,
  args: DiffArgs,
  union: readonly string[],
  rows: readonly Row[],
): DiffResult["underReadings"] {
  const main = new Map(rows.map((r) => [r.ability, gist(r)]));
  return alternativesOn(graph, union).flatMap((alt) => {
    if ((args.reading?.[alt.step.id] ?? 0) === alt.index) return [];
    let other: DiffResult;
    try {
      other = diffUnder(primary, { ...args, reading: { ...args.reading, [alt.step.id]: alt.index } }, false);
    } catch (e) {
      // A reading that cannot hold (it makes the lineage cyclic) has no answer to compare.
      if (e instanceof UnknownNameError) return [];
      throw e;
    }
    const theirs = new Map(other.changes.map((r) => [r.ability, gist(r)]));
    const abilities = graph.abilityOrder.filter((a) => main.get(a) !== theirs.get(a));
    return [{ step: alt.step.id, alternative: alt.index, from: [...alt.from], abilities }];
  });
}

/** Answers `diff A B`: rows that change state first, then those changed again past the common ancestry. Throws UnknownNameError for an unknown name. */
export function diff(graph: LineageGraph, args: DiffArgs): DiffResult {
  return diffUnder(graph, args, true);
}

/** The diff under the reading asked for; `compareReadings` adds what each alternative reading would change. */
function diffUnder(primary: LineageGraph, args: DiffArgs, compareReadings: boolean): DiffResult {
  const graph = underReading(primary, args.reading);
  const a = resolve(graph, "model", args.from);
  const b = resolve(graph, "model", args.to);
  const ancA = ancestors(graph, a);
  const ancB = ancestors(graph, b);
  const setA = new Set(ancA);
  const setB = new Set(ancB);
  const common = new Set(ancA.filter((id) => setB.has(id)));
  const relation: DiffResult["relation"] =
    a === b
      ? "same"
      : setB.has(a)
        ? "ancestor"
        : setA.has(b)
          ? "descendant"
          : common.size > 0
            ? "related"
            : "unrelated";
  // Only abilities claimed somewhere on either ancestry can differ.
  const touched = new Set<string>();
  for (const id of new Set([...ancA, ...ancB])) {
    for (const claim of graph.madeBy.get(id)?.claims ?? []) touched.add(claim.ability);
  }
  const union = byRank(graph, new Set([...ancA, ...ancB]));
  const nearest = nearestOf(graph, common);
  const rows = graph.abilityOrder.flatMap((ability) =>
    touched.has(ability) ? [row(graph, ability, a, b, union, common, nearest)] : [],
  );
  const changes = rows.filter((r): r is Row => r !== null);
  // Rows that change state first (a stable sort keeps file order within each group).
  changes.sort((x, y) => Number(y.stateChanged) - Number(x.stateChanged));
  const readings = compareReadings ? underReadings(primary, graph, args, union, changes) : [];
  return {
    schemaVersion: SCHEMA_VERSION,
    from: a,
    to: b,
    relation,
    reading: readingKey(args.reading ?? {}),
    underReadings: readings,
    commonAncestors: nearest,
    changes,
  };
}
