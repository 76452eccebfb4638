/** The article's summary table (supplement.md, "its ability column"), in its own words: every signed marker, by model. Shared by the data test and the CLI test. */

/** The table's words for an ability -> the ability id in lineage.yaml. */
export const WORDS: Record<string, string> = {
  Generation: "language-generation",
  "World Knowledge": "world-knowledge",
  "In-context Learning": "in-context-learning",
  "Follow Human Instruction": "instruction-following",
  "generalize to unseen task": "unseen-task-generalization",
  "Code Understanding": "code-understanding",
  "Code Generation": "code-generation",
  "Complex Reasoning / Chain of Thought": "chain-of-thought",
  "long-term dependency": "long-range-dependency",
  "In-context learning": "in-context-learning",
  // The file's reading: the row after code-davinci-002's "++ Complex Reasoning / Chain of Thought" (see its note).
  Reasoning: "chain-of-thought",
  "Zero-shot generation": "zero-shot-generation",
  "Follow human value": "human-alignment",
  "More detailed generation": "informative-responses",
  "in-context learning": "in-context-learning",
  "zero-shot generation": "zero-shot-generation",
  "Reject questions beyond its knowledge": "reject-unknown-questions",
  "Model dialog context": "dialogue-history-modeling",
};

/** The table's rows: model, then [marker, the table's words]. davinci's "Generation" is unsigned and reads as +. */
export const TABLE: Array<[model: string, markers: Array<[string, string]>]> = [
  [
    "davinci",
    [
      ["+", "Generation"],
      ["+", "World Knowledge"],
      ["+", "In-context Learning"],
    ],
  ],
  [
    "davinci-instruct-beta",
    [
      ["+", "Follow Human Instruction"],
      ["+", "generalize to unseen task"],
    ],
  ],
  [
    "code-cushman-001",
    [
      ["+", "Code Understanding"],
      ["+", "Code Generation"],
    ],
  ],
  [
    "code-davinci-002",
    [
      ["++", "Code Understanding"],
      ["++", "Code Generation"],
      ["++", "Complex Reasoning / Chain of Thought"],
      ["+", "long-term dependency"],
    ],
  ],
  [
    "text-davinci-002",
    [
      ["++", "Follow Human Instruction"],
      ["-", "In-context learning"],
      ["-", "Reasoning"],
      ["++", "Zero-shot generation"],
    ],
  ],
  [
    "text-davinci-003",
    [
      ["+", "Follow human value"],
      ["+", "More detailed generation"],
      ["+", "in-context learning"],
      ["+", "zero-shot generation"],
    ],
  ],
  [
    "chatgpt",
    [
      ["++", "Follow human value"],
      ["++", "More detailed generation"],
      ["++", "Reject questions beyond its knowledge"],
      ["++", "Model dialog context"],
      ["--", "In-context learning"],
    ],
  ],
];
