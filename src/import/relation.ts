/** Hub `base_model_relation` values and the step kinds they map to. */

/** The relations the Hub documents for `base_model_relation`. */
export const HUB_RELATIONS = ["finetune", "adapter", "merge", "quantized"] as const;

/** A declared relation, or "unspecified" when the card leaves it to the Hub to infer. */
export type HubRelation = (typeof HUB_RELATIONS)[number] | "unspecified";

/** How a relation is recorded on a step. `adapter` has no kind of its own in format 1: fine-tuning, method "adapter". */
export interface KindAndMethod {
  kind: string;
  method?: string;
}

/** The step kind (and method) for a relation. */
export function stepKindFor(relation: Exclude<HubRelation, "unspecified">): KindAndMethod {
  switch (relation) {
    case "finetune":
      return { kind: "fine-tuning" };
    case "adapter":
      return { kind: "fine-tuning", method: "adapter" };
    case "merge":
      return { kind: "merge" };
    case "quantized":
      return { kind: "quantization" };
  }
}

/** Reads a relation value; anything but the four documented ones is null. */
export function parseRelation(value: unknown): Exclude<HubRelation, "unspecified"> | null {
  if (typeof value !== "string") return null;
  const v = value.trim().toLowerCase();
  return (HUB_RELATIONS as readonly string[]).includes(v) ? (v as Exclude<HubRelation, "unspecified">) : null;
}

/**
 * The relation the Hub would infer when a card states none, from what the card itself shows: several bases
 * or a mergekit tag make a merge; GGUF/GPTQ/AWQ/EXL2 tags or a `quantized_by` a quantization; a PEFT
 * library an adapter; anything else a finetune. (The Hub also looks at the repo's files, which a card
 * alone does not show.)
 */
export function inferRelation(
  baseCount: number,
  tags: readonly string[],
  libraryName: string | undefined,
  quantizedBy?: string,
): Exclude<HubRelation, "unspecified"> {
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  const lib = libraryName?.toLowerCase();
  if (baseCount > 1 || lower.has("mergekit") || lower.has("merge")) return "merge";
  if (
    lib === "gguf" ||
    quantizedBy !== undefined ||
    ["gguf", "quantized", "gptq", "awq", "exl2"].some((t) => lower.has(t))
  )
    return "quantized";
  if (lib === "peft") return "adapter";
  return "finetune";
}

/** Maps a reverse relation read from a Hub tag `base_model:RELATION:ID` (the Hub writes these) to a relation. */
export function relationFromTag(
  tag: string,
): { relation: Exclude<HubRelation, "unspecified"> | null; base: string } | null {
  const m = /^base_model:(?:(finetune|adapter|merge|quantized):)?(.+)$/i.exec(tag);
  if (!m) return null;
  return { relation: m[1] ? parseRelation(m[1]) : null, base: m[2]! };
}
