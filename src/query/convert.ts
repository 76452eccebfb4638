/** Converts lineage entries into the plain objects of the JSON contract. */
import { changeSymbol, changeWords } from "../vocabulary.js";
import type { ChangeResult, EntryResult, EvidenceResult, LackResult, ParentageResult } from "../contract.js";
import type { LineageGraph, StepClaim } from "../graph/index.js";
import type { EvidenceEntry, ModelEntry, StepEntry } from "../schema.js";

/** Evidence with the title of its source. */
export function evidenceOut(graph: LineageGraph, list: readonly EvidenceEntry[] | undefined): EvidenceResult[] {
  return (list ?? []).map((e) => ({
    source: e.source,
    title: graph.sources.get(e.source)?.title ?? null,
    at: e.at ?? null,
    note: e.note ?? null,
  }));
}

/** One applied claim. */
export function entryOut(graph: LineageGraph, { step, claim }: StepClaim): EntryResult {
  const size = claim.size ?? "normal";
  return {
    step: step.id,
    kind: step.kind,
    label: step.label ?? null,
    from: [...step.from],
    to: step.to,
    ability: claim.ability,
    effect: claim.effect,
    size,
    change: changeWords(claim.effect, size),
    symbol: changeSymbol(claim.effect, size),
    confidence: claim.confidence,
    attribution: claim.attribution ?? claim.confidence,
    evidence: evidenceOut(graph, claim.evidence),
    note: claim.note ?? null,
  };
}

/** A step as parentage, with its alternative readings. */
export function parentageOut(graph: LineageGraph, step: StepEntry): ParentageResult {
  return {
    step: step.id,
    kind: step.kind,
    label: step.label ?? null,
    method: step.method ?? null,
    from: [...step.from],
    to: step.to,
    confidence: step.confidence,
    evidence: evidenceOut(graph, step.evidence),
    alternatives: (step.alternatives ?? []).map((a) => ({
      from: [...a.from],
      confidence: a.confidence,
      evidence: evidenceOut(graph, a.evidence),
      note: a.note ?? null,
    })),
    note: step.note ?? null,
  };
}

/** The records on one model that it lacks `ability`. */
export function lacksOut(graph: LineageGraph, modelId: string, model: ModelEntry, ability: string): LackResult[] {
  return (model.lacks ?? [])
    .filter((l) => l.ability === ability)
    .map((l) => ({
      model: modelId,
      confidence: l.confidence,
      evidence: evidenceOut(graph, l.evidence),
      note: l.note ?? null,
    }));
}

/** A model field that may be a number or a string, as a string. */
export function textOf(value: string | number | undefined): string | null {
  return value === undefined ? null : String(value);
}

/** The open models named as approximations of a model. */
export function approximationsOut(model: ModelEntry): { name: string; source: string | null; note: string | null }[] {
  return (model.approximations ?? []).map((a) => ({ name: a.name, source: a.source ?? null, note: a.note ?? null }));
}

/** A later change, short: what a script reads without re-folding. */
export function changeOut({ step, claim }: StepClaim): ChangeResult {
  const size = claim.size ?? "normal";
  return {
    step: step.id,
    to: step.to,
    effect: claim.effect,
    size,
    change: changeWords(claim.effect, size),
    symbol: changeSymbol(claim.effect, size),
    confidence: claim.confidence,
  };
}
