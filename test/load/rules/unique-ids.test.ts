/** Names that look the same are one name: lookalikes the first round did not try (issue 15, "fix the class"). */
import { describe, expect, it } from "vitest";
import { loadLineageText } from "../../../src/load/load-lineage.js";
import { nameKey } from "../../../src/name-key.js";

const lineage = (a: string, b: string) => `lineage: 1
title: t
sources:
  s: {title: S}
abilities:
  x: {name: X}
models:
  a: {name: A, aliases: [${JSON.stringify(a)}]}
  b: {name: B, aliases: [${JSON.stringify(b)}]}
steps:
  - {id: pre, kind: pretraining, from: [], to: a, confidence: established}
  - {id: ft, kind: fine-tuning, from: [a], to: b, confidence: established}
`;

const problems = (a: string, b: string) => {
  const r = loadLineageText(lineage(a, b), "f.yaml");
  return r.ok ? [] : r.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
};

describe("names that differ only in what is not seen", () => {
  it.each([
    ["a default-ignorable mark (Khmer inherent vowel U+17B4)", "gpt4", "gpt4\u17b4"],
    ["a variation selector", "gpt4", "gpt4\ufe0f"],
    ["a combining grapheme joiner", "gpt4", "g\u034fpt4"],
    ["a compatibility form: full-width letters", "gpt4", "\uff47\uff50\uff54\uff14"],
    ["a compatibility form: a ligature", "fine-tuned", "\ufb01ne-tuned"],
    ["a no-break space for a space", "gpt 4", "gpt\u00a04"],
    ["a thin space for a space", "gpt 4", "gpt\u20094"],
    ["an Angstrom sign for A with a ring", "\u00c5ngstr\u00f6m", "\u212bngstro\u0308m"],
  ])("refuses %s, located at the second name", (_what, a, b) => {
    expect(problems(a, b)).toEqual([expect.stringMatching(/^9:26 name '.*' is already used by model 'a' \(/)]);
  });

  it("keeps names that a reader tells apart", () => {
    expect(problems("gpt4", "gpt-4")).toEqual([]);
    expect(problems("gpt4", "gpt\u00e94")).toEqual([]);
    expect(nameKey("GPT-4")).toBe("gpt-4");
  });
});
