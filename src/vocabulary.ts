/** The fixed vocabularies of the format and the output contract, free of zod so queries load fast. */

/** The format version this build reads. */
export const FORMAT_VERSION = 1;

/** The version of the JSON output contract; bumped on any incompatible change. */
export const SCHEMA_VERSION = 2;

/** How sure a statement is, from most to least sure. */
export const CONFIDENCE_LEVELS = ["established", "likely", "hypothesis", "speculative"] as const;

/** What a training step did to an ability. */
export const EFFECTS = ["introduced", "unlocked", "strengthened", "weakened", "lost", "restored"] as const;

/** The documented vocabulary of step kinds; other kebab-case kinds are accepted with a warning. */
export const STEP_KINDS: Readonly<Record<string, string>> = {
  pretraining: "large-scale language-model pre-training from scratch",
  "continued-pretraining": "more pre-training of an existing model on new data",
  "code-training": "training on code (alone or mixed with text)",
  "instruction-tuning": "tuning on instructions, method unspecified",
  "supervised-instruction-tuning": "supervised fine-tuning on instruction demonstrations (SFT, FeedME)",
  "fine-tuning": "supervised fine-tuning on a task or domain",
  rlhf: "reinforcement learning from human feedback (reward model + PPO)",
  "dialogue-rlhf": "RLHF on dialogue data",
  "preference-optimization": "direct preference optimization and relatives (DPO, IPO, KTO)",
  "behavior-cloning": "imitation of human demonstrations of a task, e.g. browsing",
  distillation: "training a student on a teacher's outputs",
  merge: "combining several models or training lines into one",
  quantization: "reducing numeric precision",
  other: "anything else; say what in the label",
};

/** One confidence level. */
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** One effect. */
export type Effect = (typeof EFFECTS)[number];

/** How large a change is; absent in a file means `normal`. */
export const SIZES = ["normal", "great"] as const;

/** One size. */
export type Size = (typeof SIZES)[number];

/** An ability's state in a model: the last effect on the path, or absent. */
export type AbilityState = Effect | "absent";

/** Effects that give an ability (and restart the chain its confidence rests on). */
export const GIVES: ReadonlySet<string> = new Set<Effect>(["introduced", "unlocked"]);

/** Effects that increase an ability (the article's `+`). */
export const INCREASES: ReadonlySet<string> = new Set<Effect>(["introduced", "unlocked", "restored", "strengthened"]);

/** True when the state counts as having the ability: every state but absent and lost. */
export function isPresent(state: AbilityState): boolean {
  return state !== "absent" && state !== "lost";
}

/** The words for presence, as every output says it. */
export function presenceWord(present: boolean): "present" | "absent" {
  return present ? "present" : "absent";
}

/** The level of a confidence: 0 is the surest (an index into CONFIDENCE_LEVELS). */
export function levelOf(confidence: Confidence): number {
  return CONFIDENCE_LEVELS.indexOf(confidence);
}

/** The confidence at a level. */
export function confidenceAt(level: number): Confidence {
  return CONFIDENCE_LEVELS[level]!;
}

/** The least sure of some confidences (the weakest link); `established` for none. */
export function weakest(levels: Iterable<Confidence>): Confidence {
  let worst = 0;
  for (const level of levels) worst = Math.max(worst, levelOf(level));
  return CONFIDENCE_LEVELS[worst]!;
}

/**
 * The article's notation for one change (a step's claim, relative to its parent): an increase `+`, a great
 * one `++`; a decrease `-`, a great one `--`; a loss `x` (gone; the article has no sign for it).
 */
export function changeSymbol(effect: Effect, size: Size = "normal"): string {
  if (effect === "lost") return "x";
  const sign = INCREASES.has(effect) ? "+" : "-";
  return size === "great" ? sign + sign : sign;
}

/** The symbol of an accumulated state (the plain matrix, tree): the notation of the change that left it so; blank when absent. */
export function stateSymbol(state: AbilityState | (string & {}), size: Size = "normal"): string {
  return (EFFECTS as readonly string[]).includes(state) ? changeSymbol(state as Effect, size) : "";
}

/** How a change reads in prose: "strengthened", "greatly weakened". */
export function changeWords(effect: Effect, size: Size = "normal"): string {
  return size === "great" && effect !== "lost" ? `greatly ${effect}` : effect;
}

/** The legend of the notation, without saying what the cells are. */
export const NOTATION =
  "+ increased (introduced, unlocked, restored, strengthened); ++ greatly increased; - weakened; -- greatly weakened; x lost";

/** The legend of the plain matrix: each cell is the model's accumulated state. */
export const STATE_LEGEND = `cells: each model's accumulated state, marked by the change that left it so: ${NOTATION}; blank: absent`;

/** The legend of `matrix --changes`: each cell is what the model's own step changed. */
export const CHANGES_LEGEND = `cells: what each model's own step changed, relative to its parent: ${NOTATION}; blank: the step said nothing`;

/** The top-level fields of the trace answer, in the contract's order (`--fields` is checked against them; src/contract.ts holds them equal to TraceOut). */
export const TRACE_FIELDS = [
  "schemaVersion",
  "model",
  "ability",
  "present",
  "state",
  "size",
  "stateText",
  "introducedBy",
  "origins",
  "changes",
  "history",
  "path",
  "confidence",
  "presenceConfidence",
  "originConfidence",
  "agreement",
  "readings",
  "reading",
  "underReadings",
  "truncated",
  "parentage",
  "lacks",
  "elsewhere",
  "elsewhereTotal",
] as const;

/** One top-level field of the trace answer. */
export type TraceField = (typeof TRACE_FIELDS)[number];
