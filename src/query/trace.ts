/** trace: where an ability of a model came from, by which path, how sure, and what changed it since. */
import { isPresent, SCHEMA_VERSION, TRACE_FIELDS, type TraceField } from "../vocabulary.js";
import type { EntryResult, TraceResult } from "../contract.js";
import { escapeJson } from "../json-text.js";
import {
  alternativesOn,
  ancestorRanks,
  foldAbility,
  holders,
  keptTexts,
  type LineageGraph,
  pathOf,
  type Reading,
  type ReadingChoice,
  readingKey,
  type StepClaim,
  resolve,
  resolveAny,
  stateOf,
  underReading,
  UnknownNameError,
} from "../graph/index.js";
import { changeOut, entryOut, lacksOut, parentageOut } from "./convert.js";
import {
  historyOf,
  introducerOf,
  laterChanges,
  originsOf,
  readingConfidence,
  readingConfidences,
  sizeOf,
  stateText,
  summarize,
} from "./summarize.js";

/** At most this many models are listed as having an absent ability elsewhere (`elsewhereTotal` counts all). */
export const MAX_ELSEWHERE = 20;

/** What to trace: a model and an ability, by id or alias; optionally under a parentage reading. */
export interface TraceArgs {
  model: string;
  ability: string;
  reading?: ReadingChoice;
}

/** The model and the ability asked for; when they were given the other way round, the error says so. */
function resolveBoth(graph: LineageGraph, args: TraceArgs): { model: string; ability: string } {
  try {
    return { model: resolve(graph, "model", args.model), ability: resolve(graph, "ability", args.ability) };
  } catch (e) {
    if (!(e instanceof UnknownNameError)) throw e;
    const swapped =
      resolveAny(graph, args.ability, true)?.kind === "model" &&
      resolveAny(graph, args.model, true)?.kind === "ability";
    if (swapped)
      throw new UnknownNameError(
        `'${args.model}' is an ability and '${args.ability}' a model: the model comes first (trace ${args.ability} ${args.model})`,
      );
    throw e;
  }
}

/** The short answer under one graph: presence, state and origin. */
function answerIn(graph: LineageGraph, model: string, ability: string) {
  const s = summarize(graph, foldAbility(graph, ability, ancestorRanks(graph, model)).readings.get(model)!);
  return {
    present: s.present,
    state: s.state,
    introducedBy: s.present ? (introducerOf(s.primary)?.step.id ?? null) : null,
  };
}

/**
 * The answer under each alternative reading of a step on the answer's path, and whether it differs. Only the
 * path's steps (already read for their parentage) are asked, so a lazy graph reads no more steps than before.
 */
function underReadings(
  primary: LineageGraph,
  graph: LineageGraph,
  args: TraceArgs,
  path: readonly string[],
  ability: string,
  main: ReturnType<typeof answerIn>,
): TraceResult["underReadings"] {
  const model = path[path.length - 1]!;
  // Each alternative is taken on top of the reading asked for, from the file's own graph.
  return alternativesOn(graph, path).flatMap((alt) => {
    if ((args.reading?.[alt.step.id] ?? 0) === alt.index) return [];
    let under: LineageGraph;
    try {
      under = underReading(primary, { ...args.reading, [alt.step.id]: alt.index }, [alt.step]);
    } catch (e) {
      // A reading that cannot hold (it makes the lineage cyclic) has no answer to compare.
      if (e instanceof UnknownNameError) return [];
      throw e;
    }
    const other = answerIn(under, model, ability);
    const differs =
      other.present !== main.present || other.state !== main.state || other.introducedBy !== main.introducedBy;
    return [{ step: alt.step.id, alternative: alt.index, from: [...alt.from], ...other, differs }];
  });
}

/**
 * How the answer shows applied claims and parentage: as the contract's objects, or (for `traceJson`) as marks
 * its text has the kept JSON of each spliced in for.
 */
interface Shown {
  entry(graph: LineageGraph, applied: StepClaim): EntryResult;
  parentage(graph: LineageGraph, path: readonly string[]): TraceResult["parentage"];
}

/** One reading as the contract shows it. */
function readingOut(graph: LineageGraph, reading: Reading, shown: Shown): TraceResult["readings"][number] {
  const state = stateOf(reading.history);
  const intro = introducerOf(reading);
  return {
    state,
    present: isPresent(state),
    introducedBy: intro ? shown.entry(graph, intro) : null,
    history: historyOf(reading).map((a) => shown.entry(graph, a)),
    path: pathOf(reading),
    confidence: readingConfidence(reading),
    ...readingConfidences(reading),
  };
}

/** Answers `trace MODEL ABILITY`. Throws UnknownNameError for an unknown name. */
export function trace(primaryGraph: LineageGraph, args: TraceArgs): TraceResult {
  return traceFields(primaryGraph, args, TRACE_FIELDS) as TraceResult;
}

/**
 * The fields `fields` of the answer to `trace MODEL ABILITY` (in the contract's order, whatever the order
 * asked), computing only what they need: without `parentage`, `underReadings`, `lacks` or `elsewhere` those
 * passes are not run. Throws UnknownNameError for an unknown name.
 */
export function traceFields(
  primaryGraph: LineageGraph,
  args: TraceArgs,
  fields: readonly TraceField[],
): Partial<TraceResult> {
  return answerFields(primaryGraph, args, fields, AS_OBJECTS) as Partial<TraceResult>;
}

/** The contract's objects. */
const AS_OBJECTS: Shown = {
  entry: entryOut,
  parentage: (graph, path) =>
    path.flatMap((id) => {
      const step = graph.madeBy.get(id);
      return step ? [parentageOut(graph, step)] : [];
    }),
};

/**
 * Where the JSON text of the answer has its parentage spliced in, and the key of the object that stands for
 * an applied claim (`{"\u0000entry":N}`, N its place in the answer's list): keys, which no text of the
 * lineage can stand for inside a JSON string (its quotes are escaped there), and no field of the contract has.
 */
const PARENTAGE_MARK = '"parentage":[]';
const ENTRY_MARK = /\{"\\u0000entry":(\d+)\}/g;

/**
 * The answer's fields as the contract's compact JSON text, safe for a terminal: the same text as
 * `escapeJson(JSON.stringify(traceFields(...)))`, but each step's parentage and each applied claim is made
 * into that text once per graph and spliced in (escaping a batch's 66 MB again was 7% of its work). A batch
 * shows the same ones again and again: its 10,000 answers on the bench's 100k lineage show 25,000 steps'
 * parentage 170,000 times (half of its output) and 8,000 claims 60,000 times (a third). Throws
 * UnknownNameError for an unknown name.
 */
export function traceJson(
  primaryGraph: LineageGraph,
  args: TraceArgs,
  fields: readonly TraceField[] = TRACE_FIELDS,
): string {
  let texts: string[] | undefined;
  const entries: string[] = [];
  // The kept texts of applied claims, looked up once an answer (every entry of one is of the same graph).
  let keptFor: LineageGraph | undefined;
  let keptEntries: Map<string, string> | undefined;
  const answer = answerFields(primaryGraph, args, fields, {
    // A mark in the text only: JSON.stringify is all that reads it.
    entry: (graph, applied) => {
      const { step, claim } = applied;
      if (keptFor !== graph) keptEntries = keptTexts((keptFor = graph), "entry-json");
      const kept = keptEntries!;
      const key = `${step.id}\u0000${step.claims.indexOf(claim)}`;
      let text = kept.get(key);
      if (text === undefined) kept.set(key, (text = escapeJson(JSON.stringify(entryOut(graph, applied)))));
      return { "\u0000entry": entries.push(text) - 1 } as unknown as EntryResult;
    },
    parentage: (graph, path) => {
      const kept = keptTexts(graph, "parentage-json");
      texts = [];
      for (const id of path) {
        let text = kept.get(id);
        if (text === undefined) {
          const step = graph.madeBy.get(id);
          // A root's is empty: it has no step.
          kept.set(id, (text = step ? escapeJson(JSON.stringify(parentageOut(graph, step))) : ""));
        }
        if (text !== "") texts.push(text);
      }
      return [];
    },
  });
  // Escaped by the piece: an escape is of one character, and the pieces meet at ASCII punctuation.
  let json = escapeJson(JSON.stringify(answer));
  if (entries.length > 0) json = json.replace(ENTRY_MARK, (_, k: string) => entries[Number(k)]!);
  if (texts === undefined) return json;
  const at = json.indexOf(PARENTAGE_MARK);
  return `${json.slice(0, at)}"parentage":[${texts.join(",")}]${json.slice(at + PARENTAGE_MARK.length)}`;
}

/** The fields asked for, in the contract's order, applied claims and parentage shown as `shown` makes them. */
function answerFields(
  primaryGraph: LineageGraph,
  args: TraceArgs,
  fields: readonly TraceField[],
  shown: Shown,
): Partial<Record<TraceField, unknown>> {
  const graph = underReading(primaryGraph, args.reading);
  const { model, ability } = resolveBoth(graph, args);
  const lineageOfModel = ancestorRanks(graph, model);
  const fold = foldAbility(graph, ability, lineageOfModel);
  const summary = summarize(graph, fold.readings.get(model)!);
  // The primary reading is the first of the readings: converted once, it serves both.
  let readings: TraceResult["readings"] | undefined;
  let primaryOut: TraceResult["readings"][number] | undefined;
  const primary = () => (primaryOut ??= readings?.[0] ?? readingOut(graph, summary.primary, shown));
  const allReadings = () =>
    (readings ??= summary.readings.map((r, i) => (i === 0 && primaryOut ? primaryOut : readingOut(graph, r, shown))));
  let others: ReturnType<typeof holders> | undefined;
  const elsewhere = () =>
    (others ??= summary.present ? { first: [], total: 0 } : holders(graph, ability, MAX_ELSEWHERE));
  const field: { [F in TraceField]: () => TraceResult[F] } = {
    schemaVersion: () => SCHEMA_VERSION,
    model: () => model,
    ability: () => ability,
    present: () => summary.present,
    state: () => summary.state,
    size: () => summary.size,
    stateText: () => stateText(summary.state, sizeOf(summary.primary)),
    introducedBy: () => primary().introducedBy,
    origins: () => (summary.present ? originsOf(graph, summary.readings).map((o) => shown.entry(graph, o)) : []),
    changes: () => laterChanges(summary.primary).map(changeOut),
    history: () => primary().history,
    path: () => primary().path,
    confidence: () => primary().confidence,
    presenceConfidence: () => summary.presenceConfidence,
    originConfidence: () => summary.originConfidence,
    agreement: () => summary.agreement,
    readings: allReadings,
    reading: () => readingKey(args.reading ?? {}),
    underReadings: () =>
      underReadings(primaryGraph, graph, args, primary().path, ability, {
        present: summary.present,
        state: summary.state,
        introducedBy: summary.present ? (introducerOf(summary.primary)?.step.id ?? null) : null,
      }),
    truncated: () => fold.truncated,
    parentage: () => shown.parentage(graph, primary().path),
    // Records of absence explain an absent answer: the model's own first, then its ancestors', nearest first.
    lacks: () => {
      const lacked = graph.lacking.get(ability);
      return summary.present || !lacked
        ? []
        : [...lineageOfModel].reverse().flatMap((r) => {
            const id = graph.modelOrder[r]!;
            return lacked.has(id) ? lacksOut(graph, id, graph.models.get(id)!, ability) : [];
          });
    },
    elsewhere: () => [...elsewhere().first],
    elsewhereTotal: () => elsewhere().total,
  };
  const wanted = new Set(fields);
  const out: Partial<Record<TraceField, unknown>> = {};
  for (const f of TRACE_FIELDS) if (wanted.has(f)) out[f] = field[f]();
  return out;
}
