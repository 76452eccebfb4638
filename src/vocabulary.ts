/** The fixed vocabularies of the format and the output contract, free of zod so queries load fast. */

/** The format version this build reads. */
export const FORMAT_VERSION = 1;

/** The version of the JSON output contract; bumped on any incompatible change. */
export const SCHEMA_VERSION = 1;

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
