/**
 * Facts about a model, and the one place that decides where they go: `external` and the Hub URL are model
 * fields; what a card states (license, datasets, languages, pipeline, library, tags, newer version, who
 * quantized it, evaluation results) is the model's `card` block, citing the source that states it.
 */
import { CARD_LIMITS, type CardEntry, type EvaluationEntry, type EvidenceEntry, type ModelEntry } from "../schema.js";
import { hubUrl } from "./hub-id.js";

/** What an input says about a model, beyond its parentage. */
export interface ModelFacts {
  /** The base is named by another model's input but described by none: a root outside the lineage. */
  external?: boolean;
  license?: string;
  licenseName?: string;
  licenseLink?: string;
  datasets?: string[];
  language?: string[];
  pipelineTag?: string;
  libraryName?: string;
  tags?: string[];
  newVersion?: string;
  quantizedBy?: string;
  released?: string;
  evaluations?: EvaluationEntry[];
  /** The source that states these facts (the card), cited as the model's evidence and the card block's source. */
  source?: string;
  /** What that source is, for the evidence note; the default is a card's front matter. */
  sourceNote?: string;
}

/** One line of card text within the schema's bounds: whitespace runs made one space, cut at the longest text allowed. */
export function cardText(x: unknown): string | undefined {
  const s = typeof x === "string" ? x : typeof x === "number" && Number.isFinite(x) ? String(x) : undefined;
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, " ").trim();
  if (one === "") return undefined;
  return one.length > CARD_LIMITS.maxText ? one.slice(0, CARD_LIMITS.maxText).trimEnd() : one;
}

/** A list of card texts: empty entries dropped, repeats (ignoring case) dropped, at most the schema's bound. */
function cardList(xs: readonly string[] | undefined): string[] | undefined {
  if (!xs) return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const x of xs) {
    const t = cardText(x);
    if (t === undefined || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
    if (out.length >= CARD_LIMITS.maxList) break;
  }
  return out.length > 0 ? out : undefined;
}

/** A license link as the schema takes it: an http(s) URL or a repository file name; anything else is dropped. */
function licenseLink(x: string | undefined): string | undefined {
  const t = x?.trim();
  // Never cut: a cut link points elsewhere.
  return t && t.length <= CARD_LIMITS.maxUrl && /^(https?:\/\/\S+|[^\s:]+)$/.test(t) ? t : undefined;
}

/** A model id as the schema takes it (`newVersion`), or undefined. */
function modelId(x: string | undefined): string | undefined {
  const t = cardText(x);
  return t !== undefined && t.length <= 200 && /^[A-Za-z0-9_][A-Za-z0-9_.:+/-]*$/.test(t) ? t : undefined;
}

/** The card block for the facts, or undefined when they state none. Key order is fixed (it is the file's order). */
export function cardBlock(facts: ModelFacts): CardEntry | undefined {
  const card: CardEntry = {};
  // Plain ifs, not a table: this runs once per model, a million times for a hub dump.
  const id = cardText(facts.license);
  const name = cardText(facts.licenseName);
  const link = licenseLink(facts.licenseLink);
  if (id !== undefined || name !== undefined || link !== undefined) {
    // A license named without an id is what the Hub calls `other`.
    card.license = { id: id ?? "other" };
    if (name !== undefined) card.license.name = name;
    if (link !== undefined) card.license.link = link;
  }
  const datasets = cardList(facts.datasets);
  if (datasets) card.datasets = datasets;
  const languages = cardList(facts.language);
  if (languages) card.languages = languages;
  const pipelineTag = cardText(facts.pipelineTag);
  if (pipelineTag !== undefined) card.pipelineTag = pipelineTag;
  const library = cardText(facts.libraryName);
  if (library !== undefined) card.library = library;
  const tags = cardList(facts.tags);
  if (tags) card.tags = tags;
  const newVersion = modelId(facts.newVersion);
  if (newVersion !== undefined) card.newVersion = newVersion;
  const quantizedBy = cardText(facts.quantizedBy);
  if (quantizedBy !== undefined) card.quantizedBy = quantizedBy;
  if (facts.evaluations && facts.evaluations.length > 0)
    card.evaluations = facts.evaluations.slice(0, CARD_LIMITS.maxEvaluations);
  if (Object.keys(card).length === 0) return undefined;
  return facts.source ? { source: facts.source, ...card } : card;
}

/**
 * The card block for one row of a hub dump (hub-stats' `license`, `pipeline_tag`, `tags`), or undefined when
 * the row gives none. Cells that are not text are ignored; the row's own `base_model:` tags should be taken
 * out first (they are its parentage, not facts). No source: at a million rows the step cites the row.
 */
export function dumpCard(row: {
  license?: unknown;
  pipelineTag?: unknown;
  tags?: readonly unknown[];
}): CardEntry | undefined {
  return cardBlock({
    license: typeof row.license === "string" ? row.license : undefined,
    pipelineTag: typeof row.pipelineTag === "string" ? row.pipelineTag : undefined,
    tags: row.tags?.filter((t): t is string => typeof t === "string"),
  });
}

/**
 * The model entry for a Hub model: its repo id as its name (and alias when the lineage id differs), its Hub
 * URL, `external` when no input describes it, its card block, and the card as its evidence.
 */
export function modelEntry(hubId: string, lineageId: string, facts: ModelFacts): ModelEntry {
  const entry: ModelEntry = { name: hubId };
  if (lineageId.toLowerCase() !== hubId.toLowerCase()) entry.aliases = [hubId];
  if (facts.external) entry.external = true;
  entry.url = hubUrl(hubId);
  if (facts.released) entry.released = facts.released;
  const evidence: EvidenceEntry[] = [];
  if (facts.source) evidence.push({ source: facts.source, note: facts.sourceNote ?? "the model card's front matter" });
  if (evidence.length > 0) entry.evidence = evidence;
  const card = cardBlock(facts);
  if (card) entry.card = card;
  return entry;
}

/** Whether a model entry is marked external (so a later description can replace it). */
export function isExternalEntry(entry: ModelEntry): boolean {
  return entry.external === true;
}
