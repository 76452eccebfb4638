/** show: a card for a model (every ability with its state) or for an ability (every model's state). */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type {
  CardResult,
  ShowAbilityResult,
  ShowModelResult,
  ShowSourceResult,
  ShowStepResult,
  SupportResult,
} from "../contract.js";
import type { CardEntry, EvidenceEntry } from "../schema.js";
import {
  ancestors,
  foldAbility,
  type LineageGraph,
  resolve,
  resolveAny,
  stepById,
  UnknownNameError,
} from "../graph/index.js";
import { approximationsOut, entryOut, evidenceOut, parentageOut, textOf } from "./convert.js";
import { introducerOf, summarize, type Summary } from "./summarize.js";

/** The shared part of a row of ability states: state, presence, confidence, introducer, agreement. */
function stateCells(s: Summary, lacked: boolean) {
  return {
    state: s.state,
    size: s.size,
    present: s.present,
    confidence: s.state === "absent" ? null : s.confidence,
    introducedBy: introducerOf(s.primary)?.step.id ?? null,
    agreement: s.agreement,
    lacked,
  };
}

/** The lineage id a name stands for, or null when the lineage has no such model. */
function modelNamed(graph: LineageGraph, name: string): string | null {
  try {
    return resolve(graph, "model", name);
  } catch (err) {
    if (err instanceof UnknownNameError) return null;
    throw err;
  }
}

/** A model's card facts for output: each evaluation with where it was reported, or the card's source that cites it. */
function cardOut(graph: LineageGraph, card: CardEntry): CardResult {
  const source = card.source === undefined ? undefined : graph.sources.get(card.source);
  return {
    source:
      card.source === undefined ? null : { id: card.source, title: source?.title ?? null, url: source?.url ?? null },
    license: card.license
      ? { id: card.license.id, name: card.license.name ?? null, link: card.license.link ?? null }
      : null,
    datasets: [...(card.datasets ?? [])],
    languages: [...(card.languages ?? [])],
    pipelineTag: card.pipelineTag ?? null,
    library: card.library ?? null,
    tags: [...(card.tags ?? [])],
    newVersion:
      card.newVersion === undefined ? null : { name: card.newVersion, model: modelNamed(graph, card.newVersion) },
    quantizedBy: card.quantizedBy ?? null,
    evaluations: (card.evaluations ?? []).map((e) => ({
      task: e.task?.name ?? e.task?.type ?? null,
      dataset: e.dataset?.name ?? null,
      datasetType: e.dataset?.type ?? null,
      split: e.dataset?.split ?? null,
      metric: e.metric.name ?? e.metric.type!,
      metricType: e.metric.type ?? null,
      value: e.value,
      source: e.source
        ? { name: e.source.name ?? null, url: e.source.url ?? null, source: null }
        : { name: source?.title ?? null, url: source?.url ?? null, source: card.source ?? null },
    })),
  };
}

/** The card of one model. Throws UnknownNameError for an unknown name. */
export function showModel(graph: LineageGraph, name: string): ShowModelResult {
  const id = resolve(graph, "model", name);
  const model = graph.models.get(id)!;
  const step = graph.madeBy.get(id);
  const lineageOfModel = ancestors(graph, id);
  const lacked = new Set((model.lacks ?? []).map((l) => l.ability));
  const abilities = graph.abilityOrder.map((ability) => ({
    ability,
    name: graph.abilities.get(ability)!.name,
    ...stateCells(summarize(graph, foldAbility(graph, ability, lineageOfModel).readings.get(id)!), lacked.has(ability)),
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "model",
    id,
    name: model.name,
    aliases: [...(model.aliases ?? [])],
    series: model.series ?? null,
    family: model.family ?? null,
    api: model.api ?? null,
    released: textOf(model.released),
    params: textOf(model.params),
    context: model.context ?? null,
    paper: model.paper ?? null,
    trainingData: model.trainingData ?? null,
    approximations: approximationsOut(model),
    description: model.description ?? null,
    evidence: evidenceOut(graph, model.evidence),
    parents: [...(step?.from ?? [])],
    children: (graph.childSteps.get(id) ?? []).map((s) => s.to),
    madeBy: step ? parentageOut(graph, step) : null,
    abilities,
    lacks: (model.lacks ?? []).map((l) => ({
      ability: l.ability,
      model: id,
      confidence: l.confidence,
      evidence: evidenceOut(graph, l.evidence),
      note: l.note ?? null,
    })),
    ...(model.card ? { card: cardOut(graph, model.card) } : {}),
  };
}

/** Every model's state for one ability. Throws UnknownNameError for an unknown name. */
export function showAbility(graph: LineageGraph, name: string): ShowAbilityResult {
  const id = resolve(graph, "ability", name);
  const ability = graph.abilities.get(id)!;
  const fold = foldAbility(graph, id, graph.modelOrder);
  const models = graph.modelOrder.map((model) => ({
    model,
    name: graph.models.get(model)!.name,
    ...stateCells(
      summarize(graph, fold.readings.get(model)!),
      (graph.models.get(model)!.lacks ?? []).some((l) => l.ability === id),
    ),
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "ability",
    id,
    name: ability.name,
    aliases: [...(ability.aliases ?? [])],
    description: ability.description ?? null,
    models,
    claims: (graph.claimsByAbility.get(id) ?? []).map((c) => entryOut(graph, c)),
  };
}

/** What one step did: its parentage and its claims. Throws UnknownNameError for an unknown step. */
export function showStep(graph: LineageGraph, name: string): ShowStepResult {
  const step = stepById(graph, resolve(graph, "step", name))!;
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "step",
    id: step.id,
    parentage: parentageOut(graph, step),
    claims: step.claims.map((claim) => entryOut(graph, { step, claim })),
  };
}

type Support = Omit<SupportResult, "at" | "note">;

/** Everything a source is cited for, in file order: steps (parentage, alternatives, claims), then models. */
function supportsOf(graph: LineageGraph, source: string): SupportResult[] {
  const out: SupportResult[] = [];
  const cite = (list: readonly EvidenceEntry[] | undefined, what: Support) => {
    for (const e of list ?? []) if (e.source === source) out.push({ ...what, at: e.at ?? null, note: e.note ?? null });
  };
  const none = { step: null, model: null, ability: null, effect: null };
  for (const step of graph.steps) {
    cite(step.evidence, { ...none, what: "parentage", step: step.id, model: step.to });
    for (const alt of step.alternatives ?? [])
      cite(alt.evidence, { ...none, what: "alternative", step: step.id, model: step.to });
    for (const c of step.claims)
      cite(c.evidence, { what: "claim", step: step.id, model: step.to, ability: c.ability, effect: c.effect });
  }
  for (const [id, m] of graph.models) {
    cite(m.evidence, { ...none, what: "model", model: id });
    // A card block's source, unless the model's evidence already cites it (an imported card does both).
    if (m.card?.source === source && !(m.evidence ?? []).some((e) => e.source === source))
      out.push({ ...none, what: "model", model: id, at: "card", note: null });
    cite(m.trainingData?.evidence, { ...none, what: "model", model: id });
    for (const l of m.lacks ?? []) cite(l.evidence, { ...none, what: "lack", model: id, ability: l.ability });
    if (m.paper === source) out.push({ ...none, what: "paper", model: id, at: null, note: null });
    for (const a of m.approximations ?? [])
      if (a.source === source) out.push({ ...none, what: "approximation", model: id, at: null, note: a.name });
  }
  return out;
}

/** A source and what it supports. Throws UnknownNameError for an unknown source. */
export function showSource(graph: LineageGraph, name: string): ShowSourceResult {
  const id = resolve(graph, "source", name);
  const source = graph.sources.get(id)!;
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: "source",
    id,
    title: source.title,
    authors: [...(source.authors ?? [])],
    year: source.year ?? null,
    identifier: source.identifier ?? null,
    url: source.url ?? null,
    supports: supportsOf(graph, id),
  };
}

/** Any `show` result. */
export type ShowResult = ShowModelResult | ShowAbilityResult | ShowStepResult | ShowSourceResult;

/** `show NAME`: the card of a model, an ability, a step or a source, whichever the name is (did-you-mean across all four). */
export function showAny(graph: LineageGraph, name: string): ShowResult {
  const target = resolveAny(graph, name);
  switch (target.kind) {
    case "model":
      return showModel(graph, target.id);
    case "ability":
      return showAbility(graph, target.id);
    case "step":
      return showStep(graph, target.id);
    case "source":
      return showSource(graph, target.id);
  }
}

/** `show NAME` for a model or an ability (as before `showAny`); a step's or a source's name is refused by what it is. */
export function show(graph: LineageGraph, name: string): ShowModelResult | ShowAbilityResult {
  const r = showAny(graph, name);
  if (r.kind === "step" || r.kind === "source")
    throw new UnknownNameError(`'${name}' is a ${r.kind}, not a model or ability`);
  return r;
}
