import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arrayIds, IdIndex, lazyOrder, rememberRank, textIds } from "../../src/graph/id-index.js";

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

/** The text and starts a compact lineage stores a list of ids as: each id and a newline. */
function stored(ids: readonly string[]) {
  const start = new Int32Array(ids.length + 1);
  ids.forEach((id, i) => (start[i + 1] = start[i]! + id.length + 1));
  return textIds(ids.map((id) => `${id}\n`).join(""), start);
}

/** Ids as the schema allows them: letters, digits and . _ : + - / (so never a newline). */
const hubIds = fc.uniqueArray(
  fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.:+/-]{0,8}$/),
    fc.constantFrom("a", "A", "org/model-1", "org/model-10", "model-1", "__proto__"),
  ),
  { maxLength: 60 },
);

describe("textIds", () => {
  it("answers as the array of its ids: each id, its position, its hash, without making the list", () => {
    fc.assert(
      fc.property(hubIds, fc.array(fc.stringMatching(/^[a-z0-9/-]{1,6}$/), { maxLength: 10 }), (ids, others) => {
        const text = stored(ids);
        const array = arrayIds(ids);
        expect(text.length).toBe(ids.length);
        for (let i = 0; i < ids.length; i++) {
          expect(text.at(i)).toBe(ids[i]);
          expect(text.hash(i)).toBe(array.hash(i));
          expect(text.is(i, ids[i]!)).toBe(true);
          expect(text.is(i, `${ids[i]!}x`)).toBe(false);
        }
        // A part of an id, or two ids run together, is no id.
        for (const id of [...ids, ...others, ...ids.map((id) => id.slice(1)), ids.slice(0, 2).join("\n")])
          expect(text.find(id)).toBe(ids.indexOf(id));
        expect(text.all()).toEqual(ids);
      }),
      { numRuns: 300 },
    );
  });

  it("makes an IdIndex that answers as one of the array", () => {
    fc.assert(
      fc.property(hubIds, (ids) => {
        const order = ids.slice().reverse();
        const value = (i: number) => ids.length - 1 - i;
        const fromText = new IdIndex(stored(ids), value, order, (k) => order[k]!);
        const fromArray = new IdIndex(ids, value, order);
        for (const id of [...ids, "nope", ...ids]) expect(fromText.get(id)).toBe(fromArray.get(id));
        expect([...fromText]).toEqual([...fromArray]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("lazyOrder", () => {
  const ids = ["a", "b/c", "d-1"];
  /** The view, and how often it made the whole list. */
  function view() {
    let made = 0;
    const order = lazyOrder(
      ids.length,
      (k) => ids[k]!,
      () => (made++, ids),
    );
    return { order, made: () => made };
  }

  it("gives elements and its length without making the list", () => {
    const { order, made } = view();
    expect([order[0], order[2], order[3], order.length]).toEqual(["a", "d-1", undefined, 3]);
    expect(made()).toBe(0);
  });

  it("is used whole as the array it stands for", () => {
    const { order, made } = view();
    expect(Array.isArray(order)).toBe(true);
    expect([...order]).toEqual(ids);
    expect(order.map((id) => id.toUpperCase())).toEqual(["A", "B/C", "D-1"]);
    expect(order.indexOf("b/c")).toBe(1);
    expect(Object.keys(order)).toEqual(["0", "1", "2"]);
    expect(JSON.stringify(order)).toBe(JSON.stringify(ids));
    expect(order).toEqual(ids);
    expect(Int32Array.from(order.keys())).toEqual(Int32Array.from([0, 1, 2]));
    expect(made()).toBeGreaterThan(0);
    // Keys that are no index are no element: "01", "1e0", " 1".
    for (const key of ["01", "1e0", " 1", "-1"])
      expect((order as unknown as Record<string, unknown>)[key]).toBe(undefined);
  });

  it("cannot have its elements set", () => {
    const { order } = view();
    expect(Reflect.set(order, "0", "x")).toBe(false);
    expect(Reflect.defineProperty(order, "1", { value: "x" })).toBe(false);
    expect(Reflect.deleteProperty(order, "2")).toBe(false);
    expect([...order]).toEqual(["a", "b/c", "d-1"]);
  });
});
