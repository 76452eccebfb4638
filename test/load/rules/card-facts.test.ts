/** The card-facts rule beyond the invalid catalogue: which newVersion names pass, and the self-reference warning. */
import { describe, expect, it } from "vitest";
import { loadLineageText } from "../../../src/load/load-lineage.js";
import { formatProblem } from "../../../src/problem.js";

/** Two models, `a` (alias `Org/A-1`) and `b`, with `card` on `b`; the problems of loading it. */
function problems(card: string): string[] {
  const r = loadLineageText(
    `lineage: 1
title: t
sources: {card: {title: Card}}
abilities: {}
models:
  a: {name: A, aliases: [Org/A-1]}
  b: {name: B, card: ${card}}
steps:
  - {id: pa, kind: pretraining, to: a, confidence: established}
  - {id: pb, kind: pretraining, to: b, confidence: established}
`,
    "t.yaml",
  );
  return (r.ok ? r.warnings : r.problems).map(formatProblem);
}

describe("checkCardFacts", () => {
  it("a newVersion naming a model by id or alias in any case, or a Hub repo id outside the lineage, passes", () => {
    for (const name of ["a", "A", "org/a-1", "someone/Else-2"])
      expect(problems(`{newVersion: ${name}}`), name).toEqual([]);
  });

  it("a newVersion naming the model itself is a warning; the file stays valid", () => {
    const r = problems("{newVersion: B}");
    expect(r).toEqual(["t.yaml:7:35: warning: newVersion names the model itself ('B')"]);
  });

  it("evaluations cited by the card's source, or by their own, pass; an unknown card source is an error", () => {
    expect(problems("{source: card, evaluations: [{metric: {type: acc}, value: 1}]}")).toEqual([]);
    expect(problems("{evaluations: [{metric: {name: Acc}, value: '1/2', source: {url: 'https://x.org/r'}}]}")).toEqual(
      [],
    );
    expect(problems("{source: cards}")).toEqual(["t.yaml:7:31: error: unknown source 'cards' (did you mean card?)"]);
  });
});
