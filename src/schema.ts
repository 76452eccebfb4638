/**
 * The lineage file format, version 1: the single source of truth for its shape.
 * Types come from `z.infer`; rules zod cannot express live in `src/load/rules/`.
 */
import { z } from "zod";

import { CONFIDENCE_LEVELS, EFFECTS, FORMAT_VERSION } from "./vocabulary.js";

export { CONFIDENCE_LEVELS, EFFECTS, FORMAT_VERSION, STEP_KINDS } from "./vocabulary.js";

/** An identifier: no whitespace, starts with a letter, digit or underscore; `/` is allowed so Hub repo ids (`org/name`) stay as they are. */
export const Id = z
  .string()
  .min(1, { abort: true })
  .max(200, { abort: true })
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.:+/-]*$/, {
    message: "must start with a letter, digit or '_' and hold only letters, digits and . _ : + - /",
  });

/** A URL as zod's `z.url()` checks one (a string `URL.canParse` accepts once trimmed; tabs and newlines taken out), without parsing the common kind. */
const SIMPLE_URL = /^https?:\/\/(?:[A-Za-z0-9]+\.)*[A-Za-z][A-Za-z0-9]*(?:\/[A-Za-z0-9._~/-]*)?$/;
const TAB_OR_NEWLINE = /[\t\n\r]/g;
/**
 * The same accepted set, value and issue (`invalid_format`, format `url`; JSON Schema `format: uri`) as
 * `z.url()`, which parses every URL: a plain `http(s)://host/path` of these characters always parses and
 * needs no trimming, so it is let through on a regex (a hub dump holds a million of them).
 */
const Url = z
  .stringFormat("url", (s) => SIMPLE_URL.test(s) || URL.canParse(s.trim()))
  .overwrite((s) => (SIMPLE_URL.test(s) ? s : s.trim().replace(TAB_OR_NEWLINE, "")));

/** A human-readable name or other short text: non-empty, one line. */
const Text = z
  .string()
  .min(1)
  .regex(/^[^\n]*$/, { message: "must be a single line" });

/** Free prose (descriptions, notes): any string. */
const Prose = z.string();

/** An alternative name the CLI accepts for a model or ability. */
const Alias = z
  .string()
  .min(1, { abort: true })
  .max(200)
  .regex(/^[^\n]*$/, { message: "must be a single line", abort: true })
  .regex(/^\S(.*\S)?$/s, { message: "must not start or end with whitespace" });

/** How sure a claim or a parentage is. */
export const Confidence = z.enum(CONFIDENCE_LEVELS);

/** What a step did to an ability. */
export const Effect = z.enum(EFFECTS);

/** A pointer into a source: which source, where in it, and what it shows. */
export const Evidence = z.strictObject({
  source: Id.describe("id of an entry under `sources`"),
  at: Text.optional().describe("where in the source: a section, page, table or figure, e.g. '§3.1'"),
  note: Prose.optional().describe("what this evidence shows, in a sentence"),
});

/** Everything evidence may cite. */
export const Source = z.strictObject({
  title: Text,
  authors: z.array(Text).optional(),
  year: z.number().int().min(1000).max(9999).optional(),
  url: Url.optional(),
  identifier: Text.optional().describe("a public identifier such as 'arXiv:2005.14165'"),
  note: Prose.optional(),
});

/** An ability a model may have. */
export const Ability = z.strictObject({
  name: Text,
  aliases: z.array(Alias).optional(),
  description: Prose.optional(),
});

/** One part of a training-data mixture. */
const DataPart = z.strictObject({
  name: Text,
  share: z.number().min(0).max(100).optional().describe("percent of the mixture"),
});

/** What a model was trained on. */
const TrainingData = z.strictObject({
  tokens: z
    .union([Text, z.number().nonnegative()], { error: "must be a count like '300B' or a number" })
    .optional()
    .describe("e.g. '300B'"),
  cutoff: Text.optional().describe("latest data, e.g. '2021-09' or 'before Q4 2021'"),
  mix: z.array(DataPart).optional(),
  note: Prose.optional(),
  evidence: z.array(Evidence).optional(),
});

/** An open model that approximates this one. */
const Approximation = z.strictObject({
  name: Text,
  source: Id.optional().describe("id of an entry under `sources`"),
  note: Prose.optional(),
});

/** A recorded absence: the model lacks this ability, and why we think so. */
const Lack = z.strictObject({
  ability: Id,
  confidence: Confidence,
  evidence: z.array(Evidence).min(1),
  note: Prose.optional(),
});

/** A year, year-month or date: 2020, "2020-07", "2020-07-11". */
const DateLike = z.union(
  [
    z.number().int().min(1000).max(9999),
    z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
      message: "must be a date: YYYY, YYYY-MM or YYYY-MM-DD",
    }),
  ],
  { error: "must be a date: YYYY, YYYY-MM or YYYY-MM-DD" },
);

/** Bounds of a model's card facts, so that a card (or a hostile file) cannot make one model's block unbounded. */
export const CARD_LIMITS = {
  /** Most entries in one list (datasets, languages, tags). */
  maxList: 1000,
  /** Most evaluation results kept for one model. */
  maxEvaluations: 500,
  /** Longest single text (a tag, a dataset id, a metric name), in characters. */
  maxText: 500,
  /** Longest link (a license link, a result's source URL), in characters. */
  maxUrl: 2000,
} as const;

/** A short card value: one line, bounded. */
const CardText = Text.max(CARD_LIMITS.maxText);

/** A list of short card values, bounded. */
const CardList = z.array(CardText).max(CARD_LIMITS.maxList);

/** Where a license is: an http(s) URL, or a file of the model's repository as cards write it (`LICENSE.md`). */
const LicenseLink = Text.max(CARD_LIMITS.maxUrl).regex(/^(https?:\/\/\S+|[^\s:]+)$/, {
  message: "must be an http(s) URL or a file of the model's repository, e.g. 'LICENSE.md'",
});

/** A model's license, as a card gives it (`license`, `license_name`, `license_link`). */
const CardLicense = z.strictObject({
  id: CardText.describe("the license identifier, e.g. 'apache-2.0', or 'other' with a name"),
  name: CardText.optional().describe("the license's own name when `id` is 'other', e.g. 'deepseek'"),
  link: LicenseLink.optional().describe("where its text is"),
});

/** What a result was measured on: a dataset (`name`, its Hub `type`, `split`). */
const EvalDataset = z.strictObject({
  name: CardText,
  type: CardText.optional().describe("the dataset's Hub id, e.g. 'openai/gsm8k'"),
  split: CardText.optional(),
});

/** What was measured: the metric's `type` (e.g. 'accuracy') and/or its `name` as shown. */
const EvalMetric = z
  .strictObject({ type: CardText.optional(), name: CardText.optional() })
  .refine((m) => m.type !== undefined || m.name !== undefined, { message: "needs a type or a name" });

/** Where a result was reported, as the card's `model-index` gives it. */
const EvalSource = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(CARD_LIMITS.maxUrl)
      .optional(),
    name: CardText.optional(),
  })
  .refine((s) => s.url !== undefined || s.name !== undefined, { message: "needs a url or a name" });

/**
 * One evaluation result (a `model-index` entry): evidence-bearing, so it cites where it was reported
 * (`source`) or, without one, the block's `source` (the card); the rules check that one of them is there.
 */
export const Evaluation = z.strictObject({
  task: z.strictObject({ type: CardText.optional(), name: CardText.optional() }).optional(),
  dataset: EvalDataset.optional(),
  metric: EvalMetric,
  value: z.union([z.number(), CardText], { error: "must be a number or a short text" }),
  source: EvalSource.optional().describe("where the result was reported; absent: the card's `source`"),
});

/** The facts a model card (or a GGUF header, or a hub dump) states about a model, as data. */
export const Card = z.strictObject({
  source: Id.optional().describe("id of the source that states these facts, e.g. the model card"),
  license: CardLicense.optional(),
  datasets: CardList.optional().describe("datasets it was trained or tuned on, as Hub dataset ids or names"),
  languages: CardList.optional().describe("languages, e.g. 'en'"),
  pipelineTag: CardText.optional().describe("the Hub's task, e.g. 'text-generation'"),
  library: CardText.optional().describe("the library it runs with, e.g. 'transformers'"),
  tags: CardList.optional(),
  newVersion: Id.optional().describe("the model that supersedes this one (a Hub repo id or a model of this lineage)"),
  quantizedBy: CardText.optional().describe("who made this quantization"),
  evaluations: z.array(Evaluation).max(CARD_LIMITS.maxEvaluations).optional(),
});

/** A model: a node of the lineage. */
export const Model = z.strictObject({
  name: Text,
  aliases: z.array(Alias).optional(),
  series: Text.optional().describe("the family band it belongs to, e.g. 'GPT-3.5'"),
  family: Text.optional().describe("a finer group drawn as one box, e.g. 'Codex Initial'"),
  api: Text.optional().describe("the name it is served under"),
  released: DateLike.optional(),
  paper: Id.optional().describe("id of the source that introduced it"),
  params: z
    .union([Text, z.number().positive()], { error: "must be a count like '175B' or a number" })
    .optional()
    .describe("parameter count, e.g. '175B'"),
  context: z.number().int().positive().optional().describe("context window in tokens"),
  trainingData: TrainingData.optional(),
  approximations: z.array(Approximation).optional(),
  lacks: z.array(Lack).optional(),
  description: Prose.optional(),
  evidence: z.array(Evidence).optional().describe("sources for the facts about this model"),
  external: z
    .boolean()
    .optional()
    .describe(
      "true for a model this lineage names (as a parent) but does not describe, such as an imported Hub base; no step need make it",
    ),
  url: Url.optional().describe("the model's page, e.g. its Hugging Face Hub URL"),
  card: Card.optional().describe("what its model card states: license, datasets, languages, tags, evaluations"),
});

/**
 * What a step did to one ability. `size` is how large the change is (absent: normal; `great` is the
 * article's `++`/`--`; never on `lost`); `attribution` is how sure it is that this step brought the change
 * the way the effect says (absent: the same as `confidence`, which is how sure the change happened).
 */
export const Claim = z.strictObject({
  ability: Id,
  effect: Effect,
  size: z.enum(["normal", "great"]).optional(),
  confidence: Confidence,
  attribution: Confidence.optional(),
  evidence: z.array(Evidence).min(1),
  note: Prose.optional(),
});

/** Another reading of a step's parentage that some source gives. */
export const Alternative = z.strictObject({
  from: z.array(Id).describe("the parents in this reading; empty when the base is unknown"),
  confidence: Confidence,
  evidence: z.array(Evidence).min(1),
  note: Prose.optional(),
});

/** A training step: the edge that makes one model from zero or more parents. */
export const Step = z.strictObject({
  id: Id,
  kind: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "must be kebab-case, e.g. 'code-training'" })
    .describe("one of the documented step kinds, or your own kebab-case kind"),
  label: Text.optional(),
  method: Text.optional().describe("the method's own name, e.g. 'FeedME' or 'PPO'"),
  from: z.array(Id).default([]),
  to: Id,
  confidence: Confidence.describe("how sure the parentage itself is"),
  evidence: z.array(Evidence).default([]),
  alternatives: z.array(Alternative).optional(),
  claims: z.array(Claim).default([]),
  note: Prose.optional(),
});

/** A whole lineage file. */
export const Lineage = z.strictObject({
  lineage: z.literal(FORMAT_VERSION),
  title: Text,
  description: Prose.optional(),
  sources: z.record(Id, Source),
  abilities: z.record(Id, Ability),
  models: z.record(Id, Model),
  steps: z.array(Step),
});

export type ConfidenceLevel = z.infer<typeof Confidence>;
export type EffectName = z.infer<typeof Effect>;
export type EvidenceEntry = z.infer<typeof Evidence>;
export type SourceEntry = z.infer<typeof Source>;
export type AbilityEntry = z.infer<typeof Ability>;
export type ModelEntry = z.infer<typeof Model>;
export type CardEntry = z.infer<typeof Card>;
export type EvaluationEntry = z.infer<typeof Evaluation>;
export type ClaimEntry = z.infer<typeof Claim>;
export type AlternativeEntry = z.infer<typeof Alternative>;
export type StepEntry = z.infer<typeof Step>;
export type LineageFile = z.infer<typeof Lineage>;
