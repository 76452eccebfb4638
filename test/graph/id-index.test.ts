import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex, rememberRank } from "../../src/graph/id-index.js";

/** A list of distinct ids (some differing only in case or in one late character) and a shuffled order of them. */
const lists = fc
  .uniqueArray(
    fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("a", "A", "org/model-1", "org/model-2", "__proto__")),
    {
      maxLength: 60,
    },
  )
  .chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray([...ids.keys()], { minLength: ids.length })));

describe("IdIndex", () => {
  it("answers as a Map of id to value, by scan and then by its table, for any order of questions", () => {
    fc.assert(
      fc.property(
        lists,
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("b", "org/model-3")), { maxLength: 30 }),
        ([ids, perm], unknown) => {
          // Value of position i: its place in `order`.
          const order = perm.map((i) => ids[i]!);
          const value = new Map(order.map((id, k) => [id, k]));
          const index = new IdIndex(ids, (i) => value.get(ids[i]!)!, order);
          const asked = [...unknown, ...ids, ...unknown, ...ids.slice().reverse()];
          for (const id of asked) {
            expect(index.get(id)).toBe(value.get(id));
            expect(index.has(id)).toBe(value.has(id));
          }
          expect(index.size).toBe(ids.length);
          expect([...index]).toEqual([...value]);
          expect([...index.keys()]).toEqual(order);
          expect([...index.values()]).toEqual(order.map((_, k) => k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("answers ids a walk remembered without the table, and the same after it is made", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `org${i % 7}/model-${i}`);
    const order = ids.slice().reverse();
    const index = new IdIndex(ids, (i) => ids.length - 1 - i, order);
    // Remembered values are answers: a wrong note shows (a real walk only notes true ones).
    rememberRank(index, "org0/model-0", 5);
    expect(index.get("org0/model-0")).toBe(5);
    for (let k = 0; k < 20; k++) rememberRank(index, order[k]!, k);
    // Past the scans the table is made, and remembered notes no longer matter.
    for (const id of ["x", "y", "z", "w", "v", "u"]) expect(index.get(id)).toBeUndefined();
    expect(index.get("org0/model-0")).toBe(999);
    ids.forEach((id, i) => expect(index.get(id)).toBe(ids.length - 1 - i));
    expect(index.get(123 as unknown as string)).toBeUndefined();
  });

  it("leaves other maps alone", () => {
    const map = new Map([["a", 0]]);
    rememberRank(map, "b", 1);
    expect([...map]).toEqual([["a", 0]]);
  });
});
