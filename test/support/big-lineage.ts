/** A large valid lineage for tests of the paths only large files take. */

/** A valid lineage of `n` models in a chain with side branches, over 5 MB as JSON for n = 7000. */
export function bigLineage(n: number) {
  const models: Record<string, unknown> = {};
  const steps: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    models[`m${i}`] = { name: `Model number ${i} of a long synthetic lineage`, released: "2022-01", params: "7B" };
    const from = i === 0 ? [] : i % 5 === 0 && i > 1 ? [`m${i - 1}`, `m${i - 2}`] : [`m${Math.floor(i / 2)}`];
    steps.push({
      id: `s${i}`,
      kind: i === 0 ? "pretraining" : "instruction-tuning",
      label: `step making model ${i} § ${"x".repeat(120)}`,
      from,
      to: `m${i}`,
      confidence: "likely",
      evidence: [{ source: "src", at: "§1" }],
      claims: [
        {
          ability: `a${i % 7}`,
          effect: i < 7 ? "introduced" : "strengthened",
          confidence: "likely",
          evidence: [{ source: "src", at: `§${i}` }],
        },
        {
          ability: `a${(i + 3) % 7}`,
          effect: i < 7 ? "unlocked" : "strengthened",
          confidence: "hypothesis",
          evidence: [{ source: "src", note: "n" }],
        },
      ],
    });
  }
  const abilities = Object.fromEntries(Array.from({ length: 7 }, (_, a) => [`a${a}`, { name: `Ability ${a}` }]));
  return { lineage: 1, title: "Big", sources: { src: { title: "A source" } }, abilities, models, steps };
}
