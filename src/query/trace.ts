/** trace: where an ability of a model came from, by which path, how sure, and what changed it since. */
import { isPresent, SCHEMA_VERSION } from "../vocabulary.js";
import type { TraceResult } from "../contract.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { ancestorRanks } from "../graph/walk.js";
import { changeOut, entryOut, lacksOut, parentageOut } from "./convert.js";
import { foldAbility, pathOf, stateOf, type Reading } from "../graph/fold.js";
import { holders } from "../graph/presence.js";
import { resolve } from "../graph/names.js";
import { historyOf, introducerOf, laterChanges, originsOf, readingConfidence, readingConfidences, sizeOf, stateText, summarize } from "./summarize.js";

/** At most this many models are listed as having an absent ability elsewhere (`elsewhereTotal` counts all). */
export const MAX_ELSEWHERE = 20;

/** What to trace: a model and an ability, by id or alias. */
export interface TraceArgs {
  model: string;
  ability: string;
}

function readingOut(graph: LineageGraph, reading: Reading) {
  const state = stateOf(reading.history);
  const intro = introducerOf(reading);
  return {
    state,
    present: isPresent(state),
    introducedBy: intro ? entryOut(graph, intro) : null,
    history: historyOf(reading).map((a) => entryOut(graph, a)),
    path: pathOf(reading),
    confidence: readingConfidence(reading),
    ...readingConfidences(reading),
  };
}

/** Answers `trace MODEL ABILITY`. Throws UnknownNameError for an unknown name. */
export function trace(graph: LineageGraph, args: TraceArgs): TraceResult {
  const model = resolve(graph, "model", args.model);
  const ability = resolve(graph, "ability", args.ability);
  const lineageOfModel = ancestorRanks(graph, model);
  const fold = foldAbility(graph, ability, lineageOfModel);
  const summary = summarize(graph, fold.readings.get(model)!);
  // The primary reading is the first of the readings: converted once, it serves both.
  const readings = summary.readings.map((r) => readingOut(graph, r));
  const primary = readings[0]!;
  const parentage = primary.path.flatMap((id) => {
    const step = graph.madeBy.get(id);
    return step ? [parentageOut(graph, step)] : [];
  });
  // Records of absence explain an absent answer: the model's own first, then its ancestors', nearest first.
  const lacked = graph.lacking.get(ability);
  const lacks =
    summary.present || !lacked
      ? []
      : [...lineageOfModel].reverse().flatMap((r) => {
          const id = graph.modelOrder[r]!;
          return lacked.has(id) ? lacksOut(graph, id, graph.models.get(id)!, ability) : [];
        });
  const others = summary.present ? { first: [], total: 0 } : holders(graph, ability, MAX_ELSEWHERE);
  const elsewhere: TraceResult["elsewhere"] = [...others.first];
  const elsewhereTotal = others.total;
  return {
    schemaVersion: SCHEMA_VERSION,
    model,
    ability,
    present: summary.present,
    state: summary.state,
    size: summary.size,
    stateText: stateText(summary.state, sizeOf(summary.primary)),
    introducedBy: primary.introducedBy,
    origins: summary.present ? originsOf(summary).map((o) => entryOut(graph, o)) : [],
    changes: laterChanges(summary.primary).map(changeOut),
    history: primary.history,
    path: primary.path,
    confidence: primary.confidence,
    presenceConfidence: summary.presenceConfidence,
    originConfidence: summary.originConfidence,
    agreement: summary.agreement,
    readings,
    truncated: fold.truncated,
    parentage,
    lacks,
    elsewhere,
    elsewhereTotal,
  };
}
