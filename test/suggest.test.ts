import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggest } from "../src/suggest.js";

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "A", "-", "1"), maxLength: 9 });

describe("editDistance with a limit", () => {
  it("is the full distance, or limit + 1 when that is past the limit", () => {
    fc.assert(
      fc.property(word, word, fc.nat(5), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("suggest", () => {
  it("picks the first candidate at the least distance within the word's limit", () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (w, candidates) => {
        const limit = Math.max(1, Math.min(4, Math.floor(w.length / 3)));
        let best: string | undefined;
        let bestDistance = Infinity;
        for (const c of candidates) {
          const d = editDistance(w, c);
          if (d < bestDistance) [best, bestDistance] = [c, d];
        }
        expect(suggest(w, candidates)).toBe(bestDistance <= limit ? best : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
