/**
 * The JSON output contract, version 2: what `--json` prints for every command. Version 2 (from 1): the origin
 * (`introducedBy`) is the step where the ability first appeared on the path, not the last step that re-asserted
 * it; `confidence` is the weakest of the presence and origin confidences (the origin's attribution counts);
 * a lost state's symbol is `x` (`--` is a great decrease); fields were added (sizes, confidences, changes).
 * Queries return exactly these objects; tests validate every command's output against them.
 */
import { z } from "zod";
import { CONFIDENCE_LEVELS, EFFECTS, SCHEMA_VERSION, SIZES, type TraceField } from "./vocabulary.js";

export { SCHEMA_VERSION } from "./vocabulary.js";

const Version = z.literal(SCHEMA_VERSION);
const Confidence = z.enum(CONFIDENCE_LEVELS);
/** How large a change is. */
export const SizeOut = z.enum(SIZES);
/** An ability's state in a model. */
export const StateOut = z.enum([...EFFECTS, "absent"]);

/** One piece of evidence, with the cited source's title. */
export const EvidenceOut = z.strictObject({
  source: z.string(),
  title: z.string().nullable(),
  at: z.string().nullable(),
  note: z.string().nullable(),
});

/** One claim applied by one step. */
export const EntryOut = z.strictObject({
  step: z.string(),
  kind: z.string(),
  label: z.string().nullable(),
  from: z.array(z.string()),
  to: z.string(),
  /** The ability the claim is about. */
  ability: z.string(),
  effect: z.enum(EFFECTS),
  /** How large the change is (`normal` when the file says nothing). */
  size: SizeOut,
  /** The change in words: "strengthened", "greatly weakened". */
  change: z.string(),
  /** The change in the article's notation: `+`, `++`, `-`, `--`, `x`. */
  symbol: z.string(),
  /** How sure it is that the change happened. */
  confidence: Confidence,
  /** How sure it is that this step brought the change in the way the effect says (its confidence when the file says nothing). */
  attribution: Confidence,
  evidence: z.array(EvidenceOut),
  note: z.string().nullable(),
});

/** A step as parentage: who it made from whom, how sure, and other readings. */
export const ParentageOut = z.strictObject({
  step: z.string(),
  kind: z.string(),
  label: z.string().nullable(),
  method: z.string().nullable(),
  from: z.array(z.string()),
  to: z.string(),
  confidence: Confidence,
  evidence: z.array(EvidenceOut),
  alternatives: z.array(
    z.strictObject({
      from: z.array(z.string()),
      confidence: Confidence,
      evidence: z.array(EvidenceOut),
      note: z.string().nullable(),
    }),
  ),
  note: z.string().nullable(),
});

/** A recorded absence. */
export const LackOut = z.strictObject({
  model: z.string(),
  confidence: Confidence,
  evidence: z.array(EvidenceOut),
  note: z.string().nullable(),
});

/** One way the ability reaches the model. */
export const ReadingOut = z.strictObject({
  state: StateOut,
  present: z.boolean(),
  introducedBy: EntryOut.nullable(),
  history: z.array(EntryOut),
  path: z.array(z.string()),
  confidence: Confidence,
  presenceConfidence: Confidence.nullable(),
  originConfidence: Confidence.nullable(),
});

/** A later change on the path (after the origin): what a script needs without re-folding. */
export const ChangeOut = z.strictObject({
  step: z.string(),
  to: z.string(),
  effect: z.enum(EFFECTS),
  size: SizeOut,
  change: z.string(),
  symbol: z.string(),
  confidence: Confidence,
});

/** `captrace trace MODEL ABILITY --json`. */
export const TraceOut = z.strictObject({
  schemaVersion: Version,
  model: z.string(),
  ability: z.string(),
  present: z.boolean(),
  state: StateOut,
  /** The size of the change that left the state (null when absent). */
  size: SizeOut.nullable(),
  /** The state in words: "present, greatly weakened"; "absent"; "lost". */
  stateText: z.string(),
  /** The origin: the step where the ability first appeared on the path (not a later step that re-asserted it). */
  introducedBy: EntryOut.nullable(),
  /** Every origin when parents brought it each their own way (two parents of a merge), the primary first. */
  origins: z.array(EntryOut),
  /** What each step after the origin did, in path order. */
  changes: z.array(ChangeOut),
  history: z.array(EntryOut),
  path: z.array(z.string()),
  /** The weakest of the two below. */
  confidence: Confidence,
  /** How sure it is that the model is in its state: the confidence of the latest claim about it (each asserts the state after its step). */
  presenceConfidence: Confidence.nullable(),
  /** How sure the way it came is: the origin's attribution and the parentage of every step from the origin to the model. */
  originConfidence: Confidence.nullable(),
  /** False when paths from the roots disagree; `readings` then shows each. */
  agreement: z.boolean(),
  readings: z.array(ReadingOut),
  /** The parentage reading the answer is under: "" for the steps' own parents, else "STEP=N,...". */
  reading: z.string(),
  /** The answer under each alternative parentage reading of a step on the path (each on its own). */
  underReadings: z.array(
    z.strictObject({
      step: z.string(),
      /** 1-based: the step's alternative reading. */
      alternative: z.number().int(),
      from: z.array(z.string()),
      present: z.boolean(),
      state: StateOut,
      introducedBy: z.string().nullable(),
      /** True when this reading changes the answer (presence, state or origin). */
      differs: z.boolean(),
    }),
  ),
  /** True when more distinct readings existed than are kept. */
  truncated: z.boolean(),
  /** The steps along `path`, with their parentage confidence and alternative readings. */
  parentage: z.array(ParentageOut),
  /** When absent: records, on the model or its ancestors (nearest first), that it lacks the ability. */
  lacks: z.array(LackOut),
  /** When absent: models elsewhere in the lineage that have it, in lineage order (the first 20). */
  elsewhere: z.array(z.strictObject({ model: z.string(), state: StateOut })),
  /** How many models elsewhere have it in all. */
  elsewhereTotal: z.number().int(),
});

/** `captrace diff A B --json`. */
export const DiffOut = z.strictObject({
  schemaVersion: Version,
  from: z.string(),
  to: z.string(),
  relation: z.enum(["same", "ancestor", "descendant", "related", "unrelated"]),
  /** The parentage reading the answer is under: "" for the steps' own parents, else "STEP=N,...". */
  reading: z.string(),
  /** Under each alternative parentage reading of a step on either ancestry (each on its own): the abilities whose row it changes. */
  underReadings: z.array(
    z.strictObject({
      step: z.string(),
      alternative: z.number().int(),
      from: z.array(z.string()),
      abilities: z.array(z.string()),
    }),
  ),
  commonAncestors: z.array(z.string()),
  changes: z.array(
    z.strictObject({
      ability: z.string(),
      name: z.string(),
      before: StateOut,
      after: StateOut,
      beforePresent: z.boolean(),
      afterPresent: z.boolean(),
      /** False when both sides end in the same state but steps past the common ancestry changed it again. */
      stateChanged: z.boolean(),
      steps: z.array(EntryOut.extend({ side: z.enum(["from", "to"]) })),
      confidence: Confidence,
      /** The size of the change that left each side's state (null when absent). */
      beforeSize: SizeOut.nullable(),
      afterSize: SizeOut.nullable(),
      /** Each side's state in words ("greatly weakened"). */
      beforeText: z.string(),
      afterText: z.string(),
      /** The weakest presence and origin confidences of the two sides. */
      presenceConfidence: Confidence.nullable(),
      originConfidence: Confidence.nullable(),
      /** The state at the nearest common ancestor (the first, when several); null when there is none. */
      common: StateOut.nullable(),
      /** True on a side where the common ancestor had that state and a later step on the side re-asserted it. */
      againFrom: z.boolean(),
      againTo: z.boolean(),
      /** True when both sides have it and each gained it past the common ancestry, independently. */
      independent: z.boolean(),
      /** True when the model records lacking the ability. */
      beforeLacked: z.boolean(),
      afterLacked: z.boolean(),
    }),
  ),
});

const AbilityStateRow = z.strictObject({
  ability: z.string(),
  name: z.string(),
  state: StateOut,
  /** The size of the change that left the state (null when absent): ChatGPT's in-context learning is "great"ly weakened. */
  size: SizeOut.nullable(),
  present: z.boolean(),
  confidence: Confidence.nullable(),
  introducedBy: z.string().nullable(),
  agreement: z.boolean(),
  lacked: z.boolean(),
});

/** An open model that approximates a closed one. */
export const ApproximationOut = z.strictObject({
  name: z.string(),
  source: z.string().nullable(),
  note: z.string().nullable(),
});

/** Where an evaluation result was reported: the card's `source` (url, name), or the lineage source that cites it. */
export const EvaluationSourceOut = z.strictObject({
  name: z.string().nullable(),
  url: z.string().nullable(),
  /** The lineage source id (the card's `source`) when the result gives no source of its own. */
  source: z.string().nullable(),
});

/** One evaluation result recorded on a model. */
export const EvaluationOut = z.strictObject({
  /** The task's name (else its type). */
  task: z.string().nullable(),
  dataset: z.string().nullable(),
  /** The dataset's Hub id. */
  datasetType: z.string().nullable(),
  split: z.string().nullable(),
  /** The metric's name (else its type). */
  metric: z.string(),
  metricType: z.string().nullable(),
  value: z.union([z.number(), z.string()]),
  source: EvaluationSourceOut,
});

/** What a model's card states (its `card` block), with the source that states it. */
export const CardOut = z.strictObject({
  source: z.strictObject({ id: z.string(), title: z.string().nullable(), url: z.string().nullable() }).nullable(),
  license: z.strictObject({ id: z.string(), name: z.string().nullable(), link: z.string().nullable() }).nullable(),
  datasets: z.array(z.string()),
  languages: z.array(z.string()),
  pipelineTag: z.string().nullable(),
  library: z.string().nullable(),
  tags: z.array(z.string()),
  /** The newer version as written, and its lineage id when the lineage has it (else null: outside the lineage). */
  newVersion: z.strictObject({ name: z.string(), model: z.string().nullable() }).nullable(),
  quantizedBy: z.string().nullable(),
  evaluations: z.array(EvaluationOut),
});

/** `captrace show MODEL --json`. */
export const ShowModelOut = z.strictObject({
  schemaVersion: Version,
  kind: z.literal("model"),
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  series: z.string().nullable(),
  family: z.string().nullable(),
  api: z.string().nullable(),
  released: z.string().nullable(),
  params: z.string().nullable(),
  context: z.number().nullable(),
  paper: z.string().nullable(),
  trainingData: z.unknown().nullable(),
  approximations: z.array(ApproximationOut),
  description: z.string().nullable(),
  evidence: z.array(EvidenceOut),
  parents: z.array(z.string()),
  children: z.array(z.string()),
  madeBy: ParentageOut.nullable(),
  abilities: z.array(AbilityStateRow),
  lacks: z.array(LackOut.extend({ ability: z.string() })),
  /** Present when the model records card facts (an optional field: schemaVersion 2 unchanged). */
  card: CardOut.optional(),
});

/** `captrace show ABILITY --json`. */
export const ShowAbilityOut = z.strictObject({
  schemaVersion: Version,
  kind: z.literal("ability"),
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  models: z.array(
    z.strictObject({
      model: z.string(),
      name: z.string(),
      state: StateOut,
      /** The size of the change that left the state (null when absent). */
      size: SizeOut.nullable(),
      present: z.boolean(),
      confidence: Confidence.nullable(),
      introducedBy: z.string().nullable(),
      agreement: z.boolean(),
      lacked: z.boolean(),
    }),
  ),
  claims: z.array(EntryOut),
});

/** One row of `captrace list models`. */
export const ModelRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  series: z.string().nullable(),
  api: z.string().nullable(),
  released: z.string().nullable(),
  params: z.string().nullable(),
  context: z.number().nullable(),
  parents: z.array(z.string()),
});

/** One row of `captrace list abilities`. */
export const AbilityRow = z.strictObject({
  id: z.string(),
  name: z.string(),
  aliases: z.array(z.string()),
  claims: z.number().int(),
  models: z.number().int(),
});

/** One row of `captrace list steps`. */
export const StepRow = z.strictObject({
  id: z.string(),
  kind: z.string(),
  label: z.string().nullable(),
  from: z.array(z.string()),
  to: z.string(),
  confidence: Confidence,
  claims: z.number().int(),
  alternatives: z.number().int(),
});

/** One row of `captrace list sources`. */
export const SourceRow = z.strictObject({
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().nullable(),
  identifier: z.string().nullable(),
  url: z.string().nullable(),
  cited: z.number().int(),
});

/** `captrace list WHAT --json`. */
export const ListOut = z.discriminatedUnion("what", [
  z.strictObject({ schemaVersion: Version, what: z.literal("models"), items: z.array(ModelRow) }),
  z.strictObject({ schemaVersion: Version, what: z.literal("abilities"), items: z.array(AbilityRow) }),
  z.strictObject({ schemaVersion: Version, what: z.literal("steps"), items: z.array(StepRow) }),
  z.strictObject({ schemaVersion: Version, what: z.literal("sources"), items: z.array(SourceRow) }),
]);

/** `captrace show STEP --json`: what the step did (its parentage) and its claims. */
export const ShowStepOut = z.strictObject({
  schemaVersion: Version,
  kind: z.literal("step"),
  id: z.string(),
  /** The step's kind, label, method, parents, child, parentage confidence, evidence and alternative readings. */
  parentage: ParentageOut,
  claims: z.array(EntryOut),
});

/** One thing a source is cited for. */
export const SupportOut = z.strictObject({
  /** What it supports: a step's claim, a step's parentage or an alternative reading of it, a model's facts, a recorded lack, an approximation, or a model's paper. */
  what: z.enum(["claim", "parentage", "alternative", "model", "lack", "approximation", "paper"]),
  step: z.string().nullable(),
  model: z.string().nullable(),
  ability: z.string().nullable(),
  effect: z.enum(EFFECTS).nullable(),
  at: z.string().nullable(),
  note: z.string().nullable(),
});

/** `captrace show SOURCE --json`: the source and everything it is cited for. */
export const ShowSourceOut = z.strictObject({
  schemaVersion: Version,
  kind: z.literal("source"),
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  year: z.number().nullable(),
  identifier: z.string().nullable(),
  url: z.string().nullable(),
  supports: z.array(SupportOut),
});

/** One problem of `captrace validate --json` (which prints an array of these). */
export const ProblemOut = z.strictObject({
  file: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
});

/** What any command prints under `--json` when it fails. */
export const ErrorOut = z.strictObject({
  error: z.strictObject({
    code: z.enum(["usage", "invalid-lineage", "not-found", "internal"]),
    exitCode: z.number().int(),
    message: z.string(),
    file: z.string().nullable(),
    line: z.number().int().nullable(),
    column: z.number().int().nullable(),
  }),
  problems: z.array(ProblemOut).optional(),
  /** With `trace --batch`: the 1-based input line the error is about. */
  input: z.number().int().optional(),
});

export type TraceResult = z.infer<typeof TraceOut>;
export { TRACE_FIELDS, type TraceField } from "./vocabulary.js";
/** The field list and the schema name the same fields (a field added to one and not the other fails to compile). */
type SameKeys<A, B> = [Exclude<A, B> | Exclude<B, A>] extends [never] ? true : never;
true satisfies SameKeys<TraceField, keyof TraceResult>;
export type DiffResult = z.infer<typeof DiffOut>;
export type ShowModelResult = z.infer<typeof ShowModelOut>;
export type CardResult = z.infer<typeof CardOut>;
export type ShowAbilityResult = z.infer<typeof ShowAbilityOut>;
export type ListResult = z.infer<typeof ListOut>;
export type ShowStepResult = z.infer<typeof ShowStepOut>;
export type ShowSourceResult = z.infer<typeof ShowSourceOut>;
export type SupportResult = z.infer<typeof SupportOut>;
export type EntryResult = z.infer<typeof EntryOut>;
export type ChangeResult = z.infer<typeof ChangeOut>;
export type EvidenceResult = z.infer<typeof EvidenceOut>;
export type ParentageResult = z.infer<typeof ParentageOut>;
export type LackResult = z.infer<typeof LackOut>;
export type ErrorResult = z.infer<typeof ErrorOut>;
export type ProblemResult = z.infer<typeof ProblemOut>;
export type State = z.infer<typeof StateOut>;

/** One line of `captrace tree`: a model at a depth, reached through a step. */
export const TreeLine = z.strictObject({
  depth: z.number().int(),
  model: z.string(),
  name: z.string(),
  /** The step that made this line's model (null for a root without one), the same whichever way the tree is walked. */
  step: z.string().nullable(),
  kind: z.string().nullable(),
  label: z.string().nullable(),
  confidence: Confidence.nullable(),
  /** The ability's state here, with `--ability`. */
  state: StateOut.nullable(),
  /** The size of the change that left that state (`great`: `--`, "greatly weakened"); null without `--ability` or when absent. */
  size: SizeOut.nullable(),
  /** Printed in full earlier: marked `(*)`, its subtree not repeated. */
  repeated: z.boolean(),
  /** Its subtree was cut by `--depth`. */
  cut: z.boolean(),
  /** True when this is the last child of its parent line (for drawing). */
  last: z.boolean(),
});

/** `captrace tree --json`: the lines of the tree in print order (flat, so any depth is safe). */
export const TreeOut = z.strictObject({
  schemaVersion: Version,
  direction: z.enum(["lineage", "ancestors", "descendants"]),
  model: z.string().nullable(),
  ability: z.string().nullable(),
  lines: z.array(TreeLine),
});

/** `captrace matrix --json`: models by abilities, each cell a state (or, with `--changes`, what the model's own step changed). */
export const MatrixOut = z.strictObject({
  schemaVersion: Version,
  /** `state`: each cell the model's accumulated state; `changes`: what the model's own step changed. */
  view: z.enum(["state", "changes"]),
  /** The parentage reading the answer is under: "" for the steps' own parents, else "STEP=N,...". */
  reading: z.string(),
  /** What the cells mean and the notation, one line. */
  legend: z.string(),
  /** Under each alternative parentage reading of a step on the rows' ancestries (each on its own): the cells whose state it changes. */
  underReadings: z.array(
    z.strictObject({
      step: z.string(),
      alternative: z.number().int(),
      from: z.array(z.string()),
      cells: z.array(z.strictObject({ model: z.string(), ability: z.string(), state: StateOut })),
    }),
  ),
  models: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  abilities: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  rows: z.array(
    z.strictObject({
      model: z.string(),
      cells: z.array(
        z.strictObject({
          ability: z.string(),
          /** The accumulated state (in both views). */
          state: StateOut,
          /** The view's symbol: of the state, or of the own step's change (blank when it said nothing). */
          symbol: z.string(),
          agreement: z.boolean(),
          /** What the model's own step said about the ability (null when nothing) and how large. */
          change: z.enum(EFFECTS).nullable(),
          size: SizeOut.nullable(),
        }),
      ),
    }),
  ),
});

/** One marker of the summary table: a change the model's own step made, as the article writes it. */
export const MarkerOut = z.strictObject({
  ability: z.string(),
  name: z.string(),
  effect: z.enum(EFFECTS),
  size: SizeOut,
  symbol: z.string(),
  confidence: Confidence,
  /** "++ Code Generation". */
  text: z.string(),
});

/** `captrace summary --json`: the article's summary table, one row per model in lineage order. */
export const SummaryOut = z.strictObject({
  schemaVersion: Version,
  legend: z.string(),
  rows: z.array(
    z.strictObject({
      model: z.string(),
      name: z.string(),
      api: z.string().nullable(),
      /** The training method: the step's label (or kind), with its method's own name; null for a root without a step. */
      method: z.string().nullable(),
      step: z.string().nullable(),
      markers: z.array(MarkerOut),
      approximations: z.array(ApproximationOut),
    }),
  ),
});

/** `captrace graph --json`: the nodes and edges the pictures are drawn from. */
export const GraphOut = z.strictObject({
  schemaVersion: Version,
  title: z.string(),
  ability: z.string().nullable(),
  nodes: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      series: z.string().nullable(),
      family: z.string().nullable(),
      state: StateOut.nullable(),
    }),
  ),
  edges: z.array(
    z.strictObject({
      from: z.string(),
      to: z.string(),
      step: z.string(),
      kind: z.string(),
      label: z.string().nullable(),
      confidence: Confidence,
      /** False for an alternative reading of a step's parentage. */
      primary: z.boolean(),
    }),
  ),
});

/** `captrace roadmap MODEL --json`: the ordered steps that make a model, and what each contributes. */
export const RoadmapOut = z.strictObject({
  schemaVersion: Version,
  model: z.string(),
  steps: z.array(
    ParentageOut.extend({
      order: z.number().int(),
      contributes: z.array(z.strictObject({ ability: z.string(), effect: z.enum(EFFECTS), confidence: Confidence })),
      approximations: z.array(ApproximationOut),
    }),
  ),
});

/** `captrace descendants MODEL --json`: how many models descend from MODEL, by the relation of the step that made each. */
export const DescendantsOut = z.strictObject({
  schemaVersion: Version,
  model: z.string(),
  name: z.string(),
  /** The `--depth` asked for (levels below the model); null when unlimited. */
  maxDepth: z.number().int().nullable(),
  /** Distinct descendants within the depth: a model reached by several paths (a merge) counts once. */
  total: z.number().int(),
  /** Of them, the model's children (one step down). */
  direct: z.number().int(),
  /** The deepest level reached (1: children); 0 when there are none. */
  deepest: z.number().int(),
  /** True when `--depth` left descendants below the deepest level uncounted. */
  cut: z.boolean(),
  /**
   * By relation, most descendants first: the kind of the step that made each (a lineage's own kinds too),
   * `adapter` for fine-tuning whose method is an adapter, `unspecified` where the importer recorded that the
   * card declared no relation. `direct` counts children, `all` every level within the depth.
   */
  relations: z.array(z.strictObject({ relation: z.string(), direct: z.number().int(), all: z.number().int() })),
  /** The `unspecified` ones by the kind their steps were read as (what the card showed), most first. */
  unspecified: z.array(z.strictObject({ readAs: z.string(), direct: z.number().int(), all: z.number().int() })),
  /** How many descendants are first reached at each level (1: children), top down. */
  byDepth: z.array(z.strictObject({ depth: z.number().int(), count: z.number().int() })),
});

export type TreeResult = z.infer<typeof TreeOut>;
export type TreeLineResult = z.infer<typeof TreeLine>;
export type DescendantsResult = z.infer<typeof DescendantsOut>;
export type MatrixResult = z.infer<typeof MatrixOut>;
/** A matrix's parts before its rows, in the JSON's order. */
export type MatrixHead = Omit<MatrixResult, "rows">;
/** One row of a matrix: a model and its cells. */
export type MatrixRow = MatrixResult["rows"][number];
/** One cell of a matrix. */
export type MatrixCell = MatrixRow["cells"][number];
/**
 * A matrix produced a row at a time (`matrixRows`), for output too large to hold: the same answer as a
 * `MatrixResult`, with the rows pulled in order and the width of every column's cells known before them.
 */
export interface MatrixStream {
  /** Everything but the rows and `underReadings`: known without folding a claim. */
  readonly head: Omit<MatrixHead, "underReadings">;
  /** The result's `underReadings`. */
  underReadings(): MatrixHead["underReadings"];
  /** The distinct cells (symbol and agreement) of each column, to size the columns without the rows. */
  columnCells(): readonly (readonly Pick<MatrixCell, "symbol" | "agreement">[])[];
  /** The rows in order, each with the cells of the columns `from` to `to` (exclusive) only; lazy. */
  rows(from?: number, to?: number): Iterable<MatrixRow>;
}
export type SummaryResult = z.infer<typeof SummaryOut>;
export type MarkerResult = z.infer<typeof MarkerOut>;
export type GraphResult = z.infer<typeof GraphOut>;
export type RoadmapResult = z.infer<typeof RoadmapOut>;
