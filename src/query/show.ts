/** show: a card for a model (every ability with its state) or for an ability (every model's state). */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type { ShowAbilityResult, ShowModelResult } from "../contract.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { ancestors } from "../graph/walk.js";
import { approximationsOut, entryOut, evidenceOut, parentageOut, textOf } from "./convert.js";
import { foldAbility } from "./fold-ability.js";
import { resolve, resolveAny } from "./resolve.js";
import { introducerOf, summarize, type Summary } from "./summarize.js";

/** The shared part of a row of ability states: state, presence, confidence, introducer, agreement. */
function stateCells(s: Summary, lacked: boolean) {
  return {
    state: s.state,
    present: s.present,
    confidence: s.state === "absent" ? null : s.confidence,
    introducedBy: introducerOf(s.primary)?.step.id ?? null,
    agreement: s.agreement,
    lacked,
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
    ...stateCells(summarize(graph, fold.readings.get(model)!), (graph.models.get(model)!.lacks ?? []).some((l) => l.ability === id)),
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

/** `show NAME`: a model's card or an ability's, whichever the name is. */
export function show(graph: LineageGraph, name: string): ShowModelResult | ShowAbilityResult {
  const target = resolveAny(graph, name);
  return target.kind === "model" ? showModel(graph, target.id) : showAbility(graph, target.id);
}
