/** Imports what the Hub's API (or huggingface_hub's `model_info`) returns for models, saved to a file: one object or a list. */
import { emptyFragment, type Fragment } from "./fragment.js";
import { importCardData } from "./card.js";
import { normalizeHubId } from "./hub-id.js";
import { parseRelation, relationFromTag } from "./relation.js";

const obj = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

/** The bases and relation the API states outside the card: `baseModels` ({relation, models: [{id}]}) or `base_model:REL:ID` tags. */
function apiBases(info: Record<string, unknown>): { bases: string[]; relation?: string } | null {
  const bm = info.baseModels ?? info.base_models;
  const b = obj(bm);
  if (b && Array.isArray(b.models)) {
    const bases = b.models
      .map((m) => (typeof m === "string" ? m : obj(m)?.id))
      .filter((x): x is string => typeof x === "string");
    if (bases.length > 0) return { bases, ...(typeof b.relation === "string" ? { relation: b.relation } : {}) };
  }
  if (Array.isArray(bm)) {
    const bases = bm.filter((x): x is string => typeof x === "string");
    if (bases.length > 0) return { bases };
  }
  if (Array.isArray(info.tags)) {
    const bases: string[] = [];
    let relation: string | undefined;
    for (const t of info.tags) {
      const r = typeof t === "string" ? relationFromTag(t) : null;
      if (!r || !r.relation) continue;
      relation ??= r.relation;
      if (!bases.includes(r.base)) bases.push(r.base);
    }
    if (bases.length > 0) return { bases, ...(relation ? { relation } : {}) };
  }
  return null;
}

/** Imports one model object: its `cardData` is the card; `baseModels` or Hub tags fill in a base the card omits. */
export function importApiModel(info: unknown, file: string, index: number | null): Fragment {
  const where = index === null ? file : `${file} [${index}]`;
  const o = obj(info);
  if (!o)
    return emptyFragment({
      file: where,
      severity: "error",
      message: "not a model object (expected {id, cardData, ...})",
    });
  const raw = typeof o.id === "string" ? o.id : typeof o.modelId === "string" ? o.modelId : undefined;
  const hubId = raw === undefined ? null : normalizeHubId(raw);
  if (hubId === null)
    return emptyFragment({
      file: where,
      severity: "error",
      message: `no valid model id (id or modelId): ${JSON.stringify(raw ?? null)}`,
    });
  const card = obj(o.cardData) ?? obj(o.card_data) ?? {};
  const data: Record<string, unknown> = { ...card };
  if (data.base_model === undefined) {
    const api = apiBases(o);
    if (api) {
      data.base_model = api.bases;
      if (data.base_model_relation === undefined && api.relation && parseRelation(api.relation))
        data.base_model_relation = api.relation;
    }
  }
  if (data.tags === undefined && Array.isArray(o.tags))
    data.tags = o.tags.filter((t) => typeof t === "string" && !/^(base_model|license|dataset):/.test(t));
  // The Hub tags a model `license:ID` and `dataset:ID` from its card; they stand in for a card that is not there.
  const hubTags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === "string") : [];
  if (data.license === undefined) {
    const tag = hubTags.find((t) => t.startsWith("license:"));
    if (tag) data.license = tag.slice("license:".length);
  }
  if (data.datasets === undefined) {
    const ds = hubTags.filter((t) => t.startsWith("dataset:")).map((t) => t.slice("dataset:".length));
    if (ds.length > 0) data.datasets = ds;
  }
  if (data.pipeline_tag === undefined && typeof o.pipeline_tag === "string") data.pipeline_tag = o.pipeline_tag;
  if (data.library_name === undefined && typeof o.library_name === "string") data.library_name = o.library_name;
  const created = typeof o.createdAt === "string" ? /^\d{4}-\d{2}-\d{2}/.exec(o.createdAt)?.[0] : undefined;
  return importCardData(data, { file: where, hubId }, created ? { released: created } : {});
}

/** Imports a saved API answer: a model object or a list of them. */
export function importApiJsonText(text: string, file: string): Fragment[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return [
      emptyFragment({
        file,
        severity: "error",
        message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
      }),
    ];
  }
  if (Array.isArray(data)) return data.map((m, i) => importApiModel(m, file, i));
  return [importApiModel(data, file, null)];
}
