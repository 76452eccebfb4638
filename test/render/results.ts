/** Results built by hand for renderer tests: the smallest objects of each contract type, with overrides. */
import { changeSymbol, changeWords, SCHEMA_VERSION } from "../../src/vocabulary.js";
import type {
  DiffResult,
  EntryResult,
  EvidenceResult,
  ParentageResult,
  ShowModelResult,
  TraceResult,
} from "../../src/contract.js";

/** One piece of evidence. */
export function evidence(source: string, note: string | null = null, at: string | null = "§1"): EvidenceResult {
  return { source, title: null, at, note };
}

/** One claim applied by one step. */
export function entry(over: Partial<EntryResult> = {}): EntryResult {
  const effect = over.effect ?? "introduced";
  const size = over.size ?? "normal";
  const confidence = over.confidence ?? "established";
  return {
    step: "s1",
    kind: "fine-tuning",
    label: null,
    from: ["a"],
    to: "b",
    ability: "math",
    effect,
    size,
    change: changeWords(effect, size),
    symbol: changeSymbol(effect, size),
    confidence,
    attribution: confidence,
    evidence: [evidence("src")],
    note: null,
    ...over,
  };
}

/** One step as parentage. */
export function parentage(over: Partial<ParentageResult> = {}): ParentageResult {
  return {
    step: "s1",
    kind: "fine-tuning",
    label: null,
    method: null,
    from: ["a"],
    to: "b",
    confidence: "established",
    evidence: [],
    alternatives: [],
    note: null,
    ...over,
  };
}

/** A diff whose every change is explained by two steps, one on each side (two lines in its cell). */
export function diffOf(changes: number): DiffResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    from: "left",
    to: "right",
    relation: "related",
    reading: "",
    underReadings: [],
    commonAncestors: ["root"],
    changes: Array.from({ length: changes }, (_, i) => ({
      ability: `ability-${i}`,
      name: `Ability ${i}`,
      before: "introduced",
      after: "lost",
      beforePresent: true,
      afterPresent: false,
      stateChanged: true,
      steps: [
        { ...entry({ step: `l${i}`, from: ["root"], to: "left" }), side: "from" as const },
        { ...entry({ step: `r${i}`, from: ["root"], to: "right", effect: "lost" }), side: "to" as const },
      ],
      confidence: "likely",
      beforeSize: "normal",
      afterSize: null,
      beforeText: "present, introduced",
      afterText: "lost",
      presenceConfidence: "likely",
      originConfidence: "likely",
      common: "absent",
      againFrom: false,
      againTo: false,
      independent: false,
      beforeLacked: false,
      afterLacked: false,
    })),
  };
}

/** A trace of `ability` in `model`, present through one step, with overrides. */
export function traceOf(over: Partial<TraceResult> = {}): TraceResult {
  const e = entry({
    step: "tune",
    label: "Tuning",
    from: ["base"],
    to: "top",
    note: "A note on the claim.",
    evidence: [evidence("paper", "What the paper says.")],
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    model: "top",
    ability: "math",
    present: true,
    state: "introduced",
    size: "normal",
    stateText: "present, introduced",
    introducedBy: e,
    origins: [e],
    changes: [],
    history: [e],
    path: ["base", "top"],
    confidence: "established",
    presenceConfidence: "established",
    originConfidence: "established",
    agreement: true,
    readings: [],
    reading: "",
    underReadings: [],
    truncated: false,
    parentage: [parentage({ step: "tune", from: ["base"], to: "top" })],
    lacks: [],
    elsewhere: [],
    elsewhereTotal: 0,
    ...over,
  };
}

/** A model card with one ability, with overrides. */
export function showModelOf(over: Partial<ShowModelResult> = {}): ShowModelResult {
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "model",
    id: "top",
    name: "Top",
    aliases: [],
    series: null,
    family: null,
    api: null,
    released: null,
    params: null,
    context: null,
    paper: null,
    trainingData: null,
    approximations: [],
    description: null,
    evidence: [],
    parents: ["base"],
    children: [],
    madeBy: parentage({
      step: "tune",
      from: ["base"],
      to: "top",
      evidence: [evidence("paper", "Top is tuned from base.")],
    }),
    abilities: [
      {
        ability: "math",
        name: "Math",
        state: "introduced",
        size: "normal",
        present: true,
        confidence: "likely",
        introducedBy: "tune",
        agreement: true,
        lacked: false,
      },
    ],
    lacks: [],
    ...over,
  };
}
