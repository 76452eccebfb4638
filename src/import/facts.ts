/**
 * Facts about a model, and the one place that decides where they go: `external` and the Hub URL are model
 * fields; those format 1 has no field for (license, datasets, language, pipeline, tags, newer version,
 * evaluation results) go into `description` and `evidence`; when the schema gains fields, only `modelEntry` changes.
 */
import type { EvidenceEntry, ModelEntry } from "../schema.js";
import { hubUrl } from "./hub-id.js";

/** One evaluation result from a card's `model-index`, citing the source it gives (or the card). */
export interface EvalFact {
  source: string;
  at: string;
  note: string;
}

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
  evaluations?: EvalFact[];
  /** The source that states these facts (the card), cited as the model's evidence. */
  source?: string;
  /** What that source is, for the evidence note; the default is a card's front matter. */
  sourceNote?: string;
}

const list = (xs: readonly string[] | undefined): string | undefined =>
  xs && xs.length > 0 ? xs.join(", ") : undefined;

/** The description lines for the facts, in a fixed order, each `key: value`. */
export function factLines(facts: ModelFacts): string[] {
  const lines: string[] = [];
  // Plain ifs, not a table: this runs once per model, a million times for a hub dump.
  if (facts.license !== undefined || facts.licenseName !== undefined || facts.licenseLink !== undefined) {
    lines.push(
      `license: ${[facts.license, facts.licenseName, facts.licenseLink].filter((x) => x !== undefined).join(" · ")}`,
    );
  }
  const datasets = list(facts.datasets);
  if (datasets !== undefined) lines.push(`datasets: ${datasets}`);
  const language = list(facts.language);
  if (language !== undefined) lines.push(`language: ${language}`);
  if (facts.pipelineTag !== undefined) lines.push(`pipeline: ${facts.pipelineTag}`);
  if (facts.libraryName !== undefined) lines.push(`library: ${facts.libraryName}`);
  if (facts.quantizedBy !== undefined) lines.push(`quantized by: ${facts.quantizedBy}`);
  if (facts.newVersion !== undefined) lines.push(`new version: ${facts.newVersion}`);
  const tags = list(facts.tags);
  if (tags !== undefined) lines.push(`tags: ${tags}`);
  return lines;
}

/**
 * The model entry for a Hub model: its repo id as its name (and alias when the lineage id differs), its Hub
 * URL, `external` when no input describes it, the other facts as above.
 */
export function modelEntry(hubId: string, lineageId: string, facts: ModelFacts): ModelEntry {
  const entry: ModelEntry = { name: hubId };
  if (lineageId.toLowerCase() !== hubId.toLowerCase()) entry.aliases = [hubId];
  if (facts.external) entry.external = true;
  entry.url = hubUrl(hubId);
  if (facts.released) entry.released = facts.released;
  const lines = factLines(facts);
  if (lines.length > 0) entry.description = lines.join("\n");
  const evidence: EvidenceEntry[] = [];
  if (facts.source) evidence.push({ source: facts.source, note: facts.sourceNote ?? "the model card's front matter" });
  for (const e of facts.evaluations ?? []) evidence.push({ source: e.source, at: e.at, note: e.note });
  if (evidence.length > 0) entry.evidence = evidence;
  return entry;
}

/** Whether a model entry is marked external (so a later description can replace it). */
export function isExternalEntry(entry: ModelEntry): boolean {
  return entry.external === true;
}
