/** Imports one Hugging Face model card: the YAML front matter of its README.md. */
import matter from "gray-matter";
import { parse as parseYaml } from "yaml";
import { LIMITS } from "../limits.js";
import { CARD_LIMITS, type EvaluationEntry } from "../schema.js";
import { emptyFragment, type Fragment, type ImportProblem } from "./fragment.js";
import { cardText, modelEntry, type ModelFacts } from "./facts.js";
import { hubUrl, normalizeHubId, toLineageId } from "./hub-id.js";
import { inferRelation, parseRelation, stepKindFor } from "./relation.js";

/** Most evaluation results kept from one card's `model-index`. */
export const MAX_EVALUATIONS = CARD_LIMITS.maxEvaluations;

/** Where the card was read from and which model it describes. */
export interface CardOrigin {
  /** The file name used in problems. */
  file: string;
  /** The Hub repo id of the model the card describes. */
  hubId: string;
}

const refuse = (): never => {
  throw new Error("front matter in a programming language is not read (only YAML)");
};

/** Splits and parses front matter with gray-matter, with yaml@2 (as the lineage loader uses) as its YAML engine and no code engines. */
export function parseFrontMatter(
  text: string,
): { ok: true; data: Record<string, unknown>; hasFrontMatter: boolean } | { ok: false; message: string } {
  try {
    const parsed = matter(text, {
      engines: {
        yaml: (s: string) => parseYaml(s, { maxAliasCount: LIMITS.maxAliasCount, uniqueKeys: true }) as object,
        js: refuse,
        javascript: refuse,
        coffee: refuse,
        coffeescript: refuse,
        cson: refuse,
      },
    });
    const data = parsed.data as unknown;
    const hasFrontMatter = (parsed as { matter?: string }).matter !== undefined && /^\uFEFF?---/.test(text);
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      return { ok: false, message: "the front matter is not a mapping of keys to values" };
    }
    return { ok: true, data: data as Record<string, unknown>, hasFrontMatter };
  } catch (err) {
    const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
    return { ok: false, message: `bad YAML in the front matter: ${message}` };
  }
}

const isString = (x: unknown): x is string => typeof x === "string" && x.trim() !== "";

/** A string or list of strings, as cards write `datasets`, `language`, `tags`; other shapes give a problem. */
function stringList(
  data: Record<string, unknown>,
  key: string,
  file: string,
  problems: ImportProblem[],
): string[] | undefined {
  const v = data[key];
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const item of items) {
    if (isString(item)) out.push(item.trim().replace(/\s+/g, " "));
    else if (typeof item === "number" || typeof item === "boolean") out.push(String(item));
    else problems.push({ file, severity: "warning", message: `${key}: an entry is not text; ignored` });
  }
  return out.length > 0 ? out : undefined;
}

function oneString(
  data: Record<string, unknown>,
  key: string,
  file: string,
  problems: ImportProblem[],
): string | undefined {
  const v = data[key];
  if (v === undefined || v === null) return undefined;
  if (isString(v)) return v.trim().replace(/\s+/g, " ");
  if (typeof v === "number") return String(v);
  problems.push({ file, severity: "warning", message: `${key}: not text; ignored` });
  return undefined;
}

const httpUrl = (x: unknown): string | undefined => {
  if (typeof x !== "string") return undefined;
  try {
    const u = new URL(x.trim());
    const ok = (u.protocol === "http:" || u.protocol === "https:") && u.href.length <= CARD_LIMITS.maxUrl;
    return ok ? u.href : undefined;
  } catch {
    return undefined;
  }
};

const obj = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

/** The card's `model-index` results as evaluation facts, each with the `source` (url, name) the card gives for it. */
function evaluations(data: Record<string, unknown>, file: string, problems: ImportProblem[]): EvaluationEntry[] {
  const index = data["model-index"];
  if (index === undefined || index === null) return [];
  if (!Array.isArray(index)) {
    problems.push({ file, severity: "warning", message: "model-index: not a list; ignored" });
    return [];
  }
  const facts: EvaluationEntry[] = [];
  let nameless = 0;
  for (const entry of index) {
    for (const result of Array.isArray(obj(entry)?.results) ? (obj(entry)!.results as unknown[]) : []) {
      const r = obj(result);
      if (!r) continue;
      const t = obj(r.task);
      const task = { type: cardText(t?.type), name: cardText(t?.name) };
      const ds = obj(r.dataset);
      const dsName = cardText(ds?.name) ?? cardText(ds?.type);
      const src = obj(r.source);
      const source = { url: httpUrl(src?.url), name: cardText(src?.name) };
      for (const metric of Array.isArray(r.metrics) ? r.metrics : []) {
        const m = obj(metric);
        const value = typeof m?.value === "number" && Number.isFinite(m.value) ? m.value : cardText(m?.value);
        if (!m || value === undefined) continue;
        const type = cardText(m.type);
        const name = cardText(m.name);
        if (type === undefined && name === undefined) {
          nameless++;
          continue;
        }
        if (facts.length >= MAX_EVALUATIONS) {
          problems.push({
            file,
            severity: "warning",
            message: `model-index: more than ${MAX_EVALUATIONS} results; the rest ignored`,
          });
          return facts;
        }
        facts.push({
          ...(task.type || task.name ? { task: defined(task) } : {}),
          ...(dsName !== undefined
            ? { dataset: defined({ name: dsName, type: cardText(ds?.type), split: cardText(ds?.split) }) }
            : {}),
          metric: defined({ type, name }),
          value,
          ...(source.url || source.name ? { source: defined(source) } : {}),
        });
      }
    }
  }
  if (nameless > 0)
    problems.push({
      file,
      severity: "warning",
      message: `model-index: ${nameless} result${nameless === 1 ? "" : "s"} with neither a metric type nor a name; ignored`,
    });
  return facts;
}

/** The object without its undefined values (the lineage's YAML and JSON hold none). */
function defined<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** The base models a card names, normalised to repo ids; what is not one gives a problem. */
export function readBaseModels(value: unknown, file: string, problems: ImportProblem[]): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== "string") {
      problems.push({
        file,
        severity: "error",
        message: `base_model: ${JSON.stringify(item) ?? typeof item} is not a repo id (org/name); ignored`,
      });
      continue;
    }
    const id = normalizeHubId(item);
    if (id === null)
      problems.push({
        file,
        severity: "warning",
        message: `base_model: ${JSON.stringify(item)} is not a Hub repo id (org/name); ignored`,
      });
    else if (!out.some((o) => o.toLowerCase() === id.toLowerCase())) out.push(id);
  }
  return out;
}

/** The source id for a model's card. */
export function cardSourceId(hubId: string): string {
  return `card:${toLineageId(hubId)}`;
}

/** Imports the parsed front matter of the card of `origin.hubId`. Pure. */
export function importCardData(
  data: Record<string, unknown>,
  origin: CardOrigin,
  extra: Partial<ModelFacts> = {},
): Fragment {
  const { file, hubId } = origin;
  const fragment = emptyFragment();
  const { problems, sources } = fragment;
  const source = cardSourceId(hubId);
  sources[source] = {
    title: `Model card of ${hubId}`,
    url: hubUrl(hubId),
    note: "the YAML front matter of its README.md",
  };
  const tags = stringList(data, "tags", file, problems);
  const libraryName = oneString(data, "library_name", file, problems);
  const facts: ModelFacts = {
    ...extra,
    source,
    license: oneString(data, "license", file, problems),
    licenseName: oneString(data, "license_name", file, problems),
    licenseLink: oneString(data, "license_link", file, problems),
    datasets: stringList(data, "datasets", file, problems),
    language: stringList(data, "language", file, problems),
    pipelineTag: oneString(data, "pipeline_tag", file, problems),
    libraryName,
    tags,
    newVersion: oneString(data, "new_version", file, problems),
    quantizedBy: oneString(data, "quantized_by", file, problems),
    evaluations: evaluations(data, file, problems),
  };
  fragment.models.push({ hubId, entry: modelEntry(hubId, toLineageId(hubId), facts) });
  const bases = readBaseModels(data.base_model, file, problems).filter((b) => {
    if (b.toLowerCase() !== hubId.toLowerCase()) return true;
    problems.push({ file, severity: "warning", message: `base_model: names the model itself (${b}); ignored` });
    return false;
  });
  if (bases.length === 0) {
    if (data.base_model_relation !== undefined)
      problems.push({ file, severity: "warning", message: "base_model_relation without base_model; ignored" });
    return fragment;
  }
  const declared = parseRelation(data.base_model_relation);
  if (data.base_model_relation !== undefined && declared === null) {
    problems.push({
      file,
      severity: "warning",
      message: `base_model_relation: ${JSON.stringify(data.base_model_relation)} is not finetune, adapter, merge or quantized; recorded as unspecified`,
    });
  }
  const relation = declared ?? inferRelation(bases.length, tags ?? [], libraryName, facts.quantizedBy);
  const { kind, method } = stepKindFor(relation);
  const notes: string[] = [];
  if (!declared)
    notes.push(
      `The card gives no base_model_relation: the Hub infers it; recorded as unspecified and read as ${relation} from what the card shows.`,
    );
  if (facts.quantizedBy && relation === "quantized") notes.push(`Quantized by ${facts.quantizedBy}.`);
  const where = bases.length > 1 ? "base_model (a list)" : "base_model";
  fragment.steps.push({
    to: hubId,
    from: bases,
    file,
    step: {
      kind,
      ...(method ? { method } : {}),
      label: declared ? `${declared} (declared)` : `relation unspecified (read as ${relation})`,
      confidence: "established",
      evidence: [
        {
          source,
          at: declared ? `front matter: ${where}, base_model_relation` : `front matter: ${where}`,
          note: `the card names ${bases.join(", ")} as its base`,
        },
      ],
      claims: [],
      ...(notes.length > 0 ? { note: notes.join(" ") } : {}),
    },
  });
  return fragment;
}

/** Imports a card from its text (a README.md). Missing front matter or bad YAML give a problem, never a throw. */
export function importCardText(text: string, origin: CardOrigin): Fragment {
  const parsed = parseFrontMatter(text);
  if (!parsed.ok) return emptyFragment({ file: origin.file, severity: "error", message: parsed.message });
  if (!parsed.hasFrontMatter) {
    return emptyFragment({
      file: origin.file,
      severity: "warning",
      message: "no YAML front matter (a card's metadata sits between two --- lines at the top); skipped",
    });
  }
  return importCardData(parsed.data, origin);
}
