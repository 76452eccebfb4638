import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { cacheOf } from "../../src/graph/cache.js";
import { buildNameIndex, suggestFrom } from "../../src/graph/name-index.js";
import { resolve, resolveAny } from "../../src/graph/names.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { suggest } from "../../src/suggest.js";

// The scan (`suggest`) is the reference: the index must give its answer for every word and list of names.
const same = (names: readonly string[], word: string): void => {
  expect(suggestFrom(buildNameIndex(names), word)).toBe(suggest(word, names));
};

// Few letters, so that names share prefixes (deep tries, subtrees past the mask test's size) and ties abound;
// upper case, a letter whose lower case is two code units (U+0130), an accent and an astral character.
const unit = fc.constantFrom("a", "b", "c", "A", "B", "-", "1", "2", "x", "\u0130", "é", "😀");
const name = fc.string({ unit, maxLength: 16 });

/** One edit at a position: insert, delete, substitute, or swap two neighbours. */
const edit = fc.tuple(fc.constantFrom("insert", "delete", "substitute", "swap"), fc.nat(), unit);

function applyEdits(text: string, edits: readonly (readonly [string, number, string])[]): string {
  let out = text;
  for (const [kind, at, char] of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + (kind === "insert" ? 1 : 0));
    if (kind === "insert") out = out.slice(0, i) + char + out.slice(i);
    else if (out.length === 0) continue;
    else if (kind === "delete") out = out.slice(0, i) + out.slice(i + 1);
    else if (kind === "substitute") out = out.slice(0, i) + char + out.slice(i + 1);
    else if (i + 1 < out.length) out = out.slice(0, i) + out[i + 1]! + out[i]! + out.slice(i + 2);
  }
  return out;
}

describe("the name index", () => {
  it("answers as the scan for typos of the names (up to five edits away)", () => {
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 80 }),
        fc.nat(),
        fc.array(edit, { maxLength: 5 }),
        (names, pick, edits) => {
          same(names, applyEdits(names[pick % names.length]!, edits));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("answers as the scan for any word", () => {
    fc.assert(
      fc.property(fc.array(name, { maxLength: 80 }), name, (names, word) => {
        same(names, word);
      }),
      { numRuns: 2000 },
    );
  });

  it("answers as the scan among many names with a long common prefix (the mask test and deep rows)", () => {
    const prefixed = fc.array(
      fc
        .tuple(
          fc.constantFrom("step-m", "STEP-M", "m", "a"),
          fc.string({ unit: fc.constantFrom("0", "1", "2", "3", "9"), maxLength: 6 }),
        )
        .map(([p, s]) => p + s),
      { minLength: 20, maxLength: 300 },
    );
    fc.assert(
      fc.property(prefixed, fc.nat(), fc.array(edit, { maxLength: 4 }), (names, pick, edits) => {
        same(names, applyEdits(names[pick % names.length]!, edits));
      }),
      { numRuns: 1500 },
    );
  });

  it("finds a swap of a node's letter with the next (the bound on what is left counts the node's own letter)", () => {
    const names = ["step-m0", ...Array<string>(17).fill("step-m"), "step-m00000", "step-m30000"];
    expect(suggestFrom(buildNameIndex(names), "tsep-m")).toBe("step-m");
    expect(suggestFrom(buildNameIndex(names), "setp-m0")).toBe("step-m0");
  });

  it("gives nothing from no names, and handles the empty name as the scan does", () => {
    expect(suggestFrom(buildNameIndex([]), "abc")).toBeUndefined();
    expect(suggestFrom(buildNameIndex([]), "")).toBeUndefined();
    expect(suggestFrom(buildNameIndex([""]), "a")).toBe("");
    expect(suggestFrom(buildNameIndex(["", "b"]), "ab")).toBe("b");
    expect(suggestFrom(buildNameIndex([""]), "ab")).toBeUndefined();
    expect(suggestFrom(buildNameIndex(["x", ""]), "")).toBe("");
    expect(suggestFrom(buildNameIndex(["x", "y"]), "")).toBe("x");
    for (const [names, word] of [
      [[""], "a"],
      [["", "b"], "ab"],
      [["x", ""], ""],
      [["ab", ""], "b"],
    ] as const)
      same(names, word);
  });

  it("ignores case, giving the first of names that differ only in case", () => {
    const names = ["Model-One", "model-one", "MODEL-ONE", "model-two"];
    expect(suggestFrom(buildNameIndex(names), "MODEL-ON")).toBe("Model-One");
    expect(suggestFrom(buildNameIndex(names.slice(1)), "model-onE")).toBe("model-one");
    expect(suggestFrom(buildNameIndex(["B", "a", "A"]), "a")).toBe("a");
  });

  it("counts UTF-16 code units as the scan does, and keeps its length filter on names as given", () => {
    expect(suggestFrom(buildNameIndex(["caf\u00e9", "cafe"]), "cafè")).toBe("caf\u00e9");
    expect(suggestFrom(buildNameIndex(["😀ab", "😁ab"]), "😁abc")).toBe(suggest("😁abc", ["😀ab", "😁ab"]));
    // U+0130 lower-cases to two code units: six of them are twelve, so "i̇" x 6 is 0 edits away yet 6 longer.
    const dotted = "\u0130".repeat(6);
    const lowered = dotted.toLowerCase();
    expect(suggest(dotted, [lowered])).toBeUndefined();
    expect(suggestFrom(buildNameIndex([lowered]), dotted)).toBeUndefined();
    expect(suggestFrom(buildNameIndex([lowered, dotted]), dotted)).toBe(dotted);
  });

  it("handles very long names and words", () => {
    const long = "ab".repeat(1000);
    const names = [long, long + "c", "x" + long.slice(1), "short"];
    for (const word of [long.slice(0, -1), long + "cd", "ba" + long.slice(2), long.slice(3), "q".repeat(20000), "shrt"])
      same(names, word);
    expect(suggestFrom(buildNameIndex(names), "ba" + long.slice(2))).toBe(long);
  });
});

describe("suggestions for a lineage's names", () => {
  const file = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));
  const loaded = loadLineageText(readFileSync(file, "utf8"), file);
  if (!loaded.ok) throw new Error("the embedded lineage is invalid");

  it("make the index only when a name is unknown, once per list of kinds", () => {
    const graph = buildGraph(loaded.lineage, loaded.order);
    expect(resolve(graph, "model", "code-davinci-002")).toBe("code-davinci-002");
    expect(resolveAny(graph, "chain-of-thought").kind).toBe("ability");
    expect(cacheOf(graph).nameIndexes.size).toBe(0);
    expect(() => resolve(graph, "model", "code-davinci-02")).toThrow("(did you mean code-davinci-002?)");
    expect(() => resolve(graph, "model", "text-davinci-03")).toThrow("(did you mean text-davinci-003?)");
    expect([...cacheOf(graph).nameIndexes.keys()]).toEqual(["model"]);
    expect(() => resolveAny(graph, "chain-of-thougt")).toThrow("(did you mean chain-of-thought?)");
    expect([...cacheOf(graph).nameIndexes.keys()]).toEqual(["model", "model,ability,step,source"]);
  });

  it("give the scan's answer for typos of every name the lineage has", () => {
    const graph = buildGraph(loaded.lineage, loaded.order);
    const names = [
      ...graph.models.keys(),
      ...graph.abilities.keys(),
      ...graph.steps.map((s) => s.id),
      ...graph.sources.keys(),
    ];
    const index = buildNameIndex(names);
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(edit, { maxLength: 4 }), (picked, edits) => {
        const word = applyEdits(picked, edits);
        expect(suggestFrom(index, word)).toBe(suggest(word, names));
      }),
      { numRuns: 1000 },
    );
  });
});
