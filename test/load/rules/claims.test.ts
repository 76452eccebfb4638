/** The claim rules that the invalid catalogue cannot show (warnings only): claims under each parentage reading. */
import { describe, expect, it } from "vitest";
import { loadLineageText } from "../../../src/load/load-lineage.js";
import { formatProblem } from "../../../src/problem.js";

/** A base that gains `chat`, a tuned model that weakens it, and a third model made from `tuned` (or, on the
 * alternative reading, from `base`, or from an unknown base) whose claims are `claims`. */
function lineage(
  claims: string,
  alternatives = "[{from: [base], confidence: hypothesis, evidence: [{source: notes}]}]",
): string {
  return `lineage: 1
title: t
sources: {notes: {title: Notes}}
abilities: {chat: {name: Chat}, code: {name: Code}}
models: {base: {name: Base}, tuned: {name: Tuned}, top: {name: Top}}
steps:
  - {id: pre, kind: pretraining, to: base, confidence: established, claims: [{ability: chat, effect: introduced, confidence: likely, evidence: [{source: notes}]}]}
  - {id: sft, kind: fine-tuning, from: [base], to: tuned, confidence: likely, claims: [{ability: chat, effect: weakened, confidence: likely, evidence: [{source: notes}]}, {ability: code, effect: unlocked, confidence: likely, evidence: [{source: notes}]}]}
  - id: rl
    kind: rlhf
    from: [tuned]
    to: top
    confidence: likely
    alternatives: ${alternatives}
    claims: ${claims}
`;
}

function warnings(text: string): string[] {
  const result = loadLineageText(text, "t.yaml");
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join("\n"));
  return result.warnings.map(formatProblem);
}

const claim = (ability: string, effect: string) =>
  `{ability: ${ability}, effect: ${effect}, confidence: likely, evidence: [{source: notes}]}`;

describe("claims under each reading of a step's parentage", () => {
  it("are quiet when every reading gives the claim a meaning", () => {
    expect(warnings(lineage(`[${claim("chat", "weakened")}]`))).toEqual([]);
    expect(warnings(lineage(`[${claim("chat", "restored")}]`, "[]"))).toEqual([]);
  });

  it("warn, at the claim's effect, when the alternative reading restores what nothing on its way weakened", () => {
    expect(warnings(lineage(`[${claim("chat", "restored")}]`))).toEqual([
      "t.yaml:15:38: warning: 'chat' is restored by step 'rl' on the reading from [base] (alternatives[0]), but nothing on that reading's way weakens or loses it",
    ]);
  });

  it("warn when the alternative reading changes an ability that nothing on its way gave", () => {
    expect(warnings(lineage(`[${claim("code", "strengthened")}, ${claim("code", "weakened")}]`))).toEqual([
      "t.yaml:15:38: warning: 'code' is strengthened by step 'rl' on the reading from [base] (alternatives[0]), but nothing on that reading's way introduces or unlocks it",
      "t.yaml:15:112: warning: step 'rl' makes more than one claim about 'code' (they apply in order)",
      "t.yaml:15:126: warning: 'code' is weakened by step 'rl' on the reading from [base] (alternatives[0]), but nothing on that reading's way introduces or unlocks it",
    ]);
  });

  it("check nothing against an alternative whose base is unknown (from: [])", () => {
    const unknownBase = "[{from: [], confidence: hypothesis, evidence: [{source: notes}]}]";
    expect(warnings(lineage(`[${claim("code", "strengthened")}]`, unknownBase))).toEqual([]);
  });

  it("warn on the main reading too when an ability is restored that nothing on the way weakened", () => {
    const text = lineage(`[${claim("code", "restored")}]`, "[]");
    expect(warnings(text)).toEqual([
      "t.yaml:15:38: warning: 'code' is restored by step 'rl', but nothing on the way weakens or loses it",
    ]);
  });
});
