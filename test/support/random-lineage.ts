/** Random lineage files (acyclic, references resolved), richer than valid-by-construction fixtures need. */
import fc from "fast-check";
import type { LineageFile } from "../../src/schema.js";
import { CONFIDENCE_LEVELS, EFFECTS } from "../../src/vocabulary.js";

/** Ids that test prototype keys, case and punctuation. */
const ID_POOL = [
  "__proto__",
  "constructor",
  "toString",
  "Base",
  "sft",
  "DPO",
  "m.1",
  "m:2",
  "a+b",
  "x_y",
  "hasOwnProperty",
  "m9",
];

const confidence = fc.constantFrom(...CONFIDENCE_LEVELS);

/**
 * A lineage of 1-9 models whose file order is shuffled against the lineage order, with aliases, recorded
 * absences, sources and 0-3 claims per step on 1-4 abilities.
 */
export const randomLineage: fc.Arbitrary<LineageFile> = fc
  .record({
    ids: fc.shuffledSubarray(ID_POOL, { minLength: 1, maxLength: 9 }),
    abilities: fc.shuffledSubarray(["x", "Y", "__proto__", "z.1"], { minLength: 1 }),
    seed: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    modelOrder: fc.nat(),
    stepOrder: fc.nat(),
  })
  .chain(({ ids, abilities, seed, modelOrder, stepOrder }) => {
    let k = 0;
    const next = () => seed[k++ % seed.length]! + k;
    const specs = ids.map((id, i) => ({
      id,
      // Parents are earlier models: acyclic by construction.
      parents:
        i === 0 || next() % 4 === 0
          ? []
          : [...new Set([ids[next() % i]!, ids[next() % i]!])].slice(0, 1 + (next() % 2)),
      claims: Array.from({ length: next() % 4 }, () => ({
        ability: abilities[next() % abilities.length]!,
        effect: EFFECTS[next() % EFFECTS.length]!,
      })),
    }));
    return fc
      .tuple(fc.constant(specs), fc.array(confidence, { minLength: 40, maxLength: 40 }))
      .map(([specs, levels]) => {
        const level = (i: number) => levels[i % levels.length]!;
        const rotate = <T>(list: T[], by: number) => list.map((_, i) => list[(i + by) % list.length]!);
        const models = Object.create(null) as LineageFile["models"];
        for (const [i, s] of rotate(specs, modelOrder).entries()) {
          models[s.id] = {
            name: `Model ${s.id}`,
            ...(i % 3 === 0 ? { aliases: [`alias-${i}`, s.id.toUpperCase() + "-A"] } : {}),
            ...(i % 4 === 1
              ? {
                  lacks: [
                    { ability: abilities[i % abilities.length]!, confidence: level(i), evidence: [{ source: "s1" }] },
                  ],
                }
              : {}),
          };
        }
        const abilityRecord = Object.create(null) as LineageFile["abilities"];
        abilities.forEach(
          (a, i) => (abilityRecord[a] = { name: `Ability ${a}`, ...(i % 2 === 0 ? { aliases: [`ab-${a}`] } : {}) }),
        );
        const sources = Object.create(null) as LineageFile["sources"];
        sources.s1 = { title: "First source" };
        sources.__proto__ = { title: "A source named __proto__", year: 2022 };
        const steps = rotate(
          specs.filter((s) => s.parents.length > 0 || s.claims.length > 0),
          stepOrder,
        ).map((s, i) => ({
          id: `step-${s.id}`,
          kind: i % 2 ? "fine-tuning" : "pre-training",
          from: s.parents,
          to: s.id,
          confidence: level(i + 7),
          evidence: [{ source: i % 2 ? "s1" : "__proto__", at: `§${i}` }],
          claims: s.claims.map((c, j) => ({
            ...c,
            confidence: level(i + j),
            evidence: [{ source: "s1", note: `claim ${j}` }],
          })),
        }));
        return { lineage: 1, title: "random", sources, abilities: abilityRecord, models, steps };
      });
  });
