/**
 * The model-card front matter for a model of a lineage, so a team can publish what it recorded: its bases
 * (`base_model`, `base_model_relation`) and its card facts (license, datasets, language, pipeline_tag,
 * library_name, tags, new_version, quantized_by, model-index), in the Hub's own key names.
 */
import { stringify } from "yaml";
import type { CardEntry, LineageFile, ModelEntry, StepEntry } from "../schema.js";
import { fromLineageId, isHubId } from "./hub-id.js";

/** Thrown when the model is not in the lineage. */
export class UnknownModelError extends Error {}

/** The Hub repo id a lineage model stands for: its name or an alias when one is an `org/name` id, else its id read back from `org--name`. */
export function hubIdOf(id: string, model: ModelEntry | undefined): string {
  for (const name of [model?.name, ...(model?.aliases ?? [])])
    if (name && name.includes("/") && isHubId(name)) return name;
  return fromLineageId(id);
}

/** The Hub relation a step kind stands for. */
export function relationOfStep(step: StepEntry): "finetune" | "adapter" | "merge" | "quantized" {
  if (step.kind === "quantization") return "quantized";
  if (step.kind === "merge") return "merge";
  if (step.method?.toLowerCase() === "adapter" || /^(lora|qlora|peft)$/i.test(step.method ?? "")) return "adapter";
  return "finetune";
}

/** What a model's card would declare: its Hub id, its bases as Hub ids and the relation (none for a root). */
export interface HfCardFields {
  /** The lineage id of the model. */
  model: string;
  hubId: string;
  baseModels: string[];
  relation: "finetune" | "adapter" | "merge" | "quantized" | null;
  /** Bases that are not Hub repo ids (`org/name`): a hand-written lineage's own ids. */
  notHubIds: string[];
  /** The model's card facts (its `newVersion` as a Hub id when it names a model of the lineage), or null. */
  card: CardEntry | null;
}

/** The lineage id of a model named by id or alias, any case, or undefined. */
function findModel(lineage: LineageFile, name: string): string | undefined {
  const key = name.toLowerCase();
  return Object.keys(lineage.models).find(
    (m) => m.toLowerCase() === key || (lineage.models[m]!.aliases ?? []).some((a) => a.toLowerCase() === key),
  );
}

/** The model's card block with its newer version written as a Hub id (as a card names it). */
function cardOf(lineage: LineageFile, model: ModelEntry | undefined): CardEntry | null {
  const card = model?.card;
  if (!card) return null;
  if (card.newVersion === undefined) return card;
  const next = findModel(lineage, card.newVersion);
  return next === undefined ? card : { ...card, newVersion: hubIdOf(next, lineage.models[next]) };
}

/** The card fields for `model` (id or alias, any case). Throws UnknownModelError when the lineage has no such model. */
export function hfCardFields(lineage: LineageFile, model: string): HfCardFields {
  const id = findModel(lineage, model);
  if (id === undefined) throw new UnknownModelError(`no model named ${JSON.stringify(model)} in this lineage`);
  const hubId = hubIdOf(id, lineage.models[id]);
  const card = cardOf(lineage, lineage.models[id]);
  const step = lineage.steps.find((s) => s.to === id);
  if (!step || step.from.length === 0) return { model: id, hubId, baseModels: [], relation: null, notHubIds: [], card };
  const bases = step.from.map((p) => hubIdOf(p, lineage.models[p]));
  return {
    model: id,
    hubId,
    baseModels: bases,
    relation: relationOfStep(step),
    notHubIds: bases.filter((b) => !isHubId(b) || !b.includes("/")),
    card,
  };
}

/** The card facts as front-matter keys, in the Hub's names and a card's usual order; empty for no facts. */
export function cardFrontMatter(hubId: string, card: CardEntry | null): Record<string, unknown> {
  if (!card) return {};
  const out: Record<string, unknown> = {};
  const one = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : xs);
  if (card.license) {
    out.license = card.license.id;
    if (card.license.name !== undefined) out.license_name = card.license.name;
    if (card.license.link !== undefined) out.license_link = card.license.link;
  }
  if (card.datasets) out.datasets = card.datasets;
  if (card.languages) out.language = one(card.languages);
  if (card.pipelineTag !== undefined) out.pipeline_tag = card.pipelineTag;
  if (card.library !== undefined) out.library_name = card.library;
  if (card.tags) out.tags = card.tags;
  if (card.quantizedBy !== undefined) out.quantized_by = card.quantizedBy;
  if (card.newVersion !== undefined) out.new_version = card.newVersion;
  if (card.evaluations && card.evaluations.length > 0)
    out["model-index"] = [
      {
        name: hubId,
        results: card.evaluations.map((e) => ({
          ...(e.task ? { task: e.task } : {}),
          ...(e.dataset ? { dataset: e.dataset } : {}),
          metrics: [{ ...e.metric, value: e.value }],
          ...(e.source ? { source: e.source } : {}),
        })),
      },
    ];
  return out;
}

/** Front-matter lines for the fields: the bases and the relation (a root gets a comment saying so), then the card facts. */
export function hfCardText(fields: HfCardFields): string {
  const facts = cardFrontMatter(fields.hubId, fields.card);
  const factLines = Object.keys(facts).length > 0 ? stringify(facts, { lineWidth: 0 }) : "";
  if (fields.relation === null)
    return `# ${fields.hubId}: no base model recorded (a root of this lineage)\n${factLines}`;
  const bases = fields.baseModels;
  const head = fields.notHubIds.length > 0 ? `# not Hub repo ids (org/name): ${fields.notHubIds.join(", ")}\n` : "";
  return (
    head +
    stringify(
      { base_model: bases.length === 1 ? bases[0] : bases, base_model_relation: fields.relation },
      { lineWidth: 0 },
    ) +
    factLines
  );
}

/** Front-matter lines for `model` (id or alias, any case): its bases as Hub ids and the relation (a root gets a comment saying so), then its card facts. */
export function exportHfCard(lineage: LineageFile, model: string): string {
  return hfCardText(hfCardFields(lineage, model));
}
