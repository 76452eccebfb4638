/** The model-card front matter (`base_model`, `base_model_relation`) for a model of a lineage, so a team can publish what it recorded. */
import { stringify } from "yaml";
import type { LineageFile, ModelEntry, StepEntry } from "../schema.js";
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
}

/** The card fields for `model` (id or alias, any case). Throws UnknownModelError when the lineage has no such model. */
export function hfCardFields(lineage: LineageFile, model: string): HfCardFields {
  const key = model.toLowerCase();
  const id = Object.keys(lineage.models).find(
    (m) => m.toLowerCase() === key || (lineage.models[m]!.aliases ?? []).some((a) => a.toLowerCase() === key),
  );
  if (id === undefined) throw new UnknownModelError(`no model named ${JSON.stringify(model)} in this lineage`);
  const hubId = hubIdOf(id, lineage.models[id]);
  const step = lineage.steps.find((s) => s.to === id);
  if (!step || step.from.length === 0) return { model: id, hubId, baseModels: [], relation: null, notHubIds: [] };
  const bases = step.from.map((p) => hubIdOf(p, lineage.models[p]));
  return {
    model: id,
    hubId,
    baseModels: bases,
    relation: relationOfStep(step),
    notHubIds: bases.filter((b) => !isHubId(b) || !b.includes("/")),
  };
}

/** Front-matter lines for the fields: the bases and the relation; a root gets a comment saying so. */
export function hfCardText(fields: HfCardFields): string {
  if (fields.relation === null) return `# ${fields.hubId}: no base model recorded (a root of this lineage)\n`;
  const bases = fields.baseModels;
  const head = fields.notHubIds.length > 0 ? `# not Hub repo ids (org/name): ${fields.notHubIds.join(", ")}\n` : "";
  return (
    head +
    stringify(
      { base_model: bases.length === 1 ? bases[0] : bases, base_model_relation: fields.relation },
      { lineWidth: 0 },
    )
  );
}

/** Front-matter lines for `model` (id or alias, any case): its bases as Hub ids and the relation; a root gets a comment saying so. */
export function exportHfCard(lineage: LineageFile, model: string): string {
  return hfCardText(hfCardFields(lineage, model));
}
