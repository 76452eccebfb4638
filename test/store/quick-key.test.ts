/** The quick key: a content key of the embedded lineage and the default checksum of the compact form. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuickHasher, quickKey } from "../../src/store/quick-key.js";

describe("quickKey", () => {
  it("changes with any byte, the length and the bytes past the last whole word", () => {
    const base = Buffer.from("lineage: 1\ntitle: a lineage of eleven+ bytes");
    const key = quickKey(base);
    for (let i = 0; i < base.length; i++) {
      const changed = Buffer.from(base);
      changed[i] = changed[i]! + 1;
      expect(quickKey(changed), `byte ${i}`).not.toBe(key);
    }
    expect(quickKey(base.subarray(0, base.length - 1))).not.toBe(key);
    expect(quickKey(Buffer.concat([base, Buffer.from([0])]))).not.toBe(key);
  });

  it("is the same fed in any pieces", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat({ max: 64 }), { maxLength: 8 }), (bytes, cuts) => {
        const hasher = new QuickHasher();
        let at = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          hasher.update(bytes.subarray(at, Math.max(at, Math.min(cut, bytes.length))));
          at = Math.max(at, Math.min(cut, bytes.length));
        }
        expect(hasher.update(bytes.subarray(at)).digest()).toBe(quickKey(bytes));
      }),
    );
  });

  it("does not depend on where the bytes sit in memory", () => {
    const base = Buffer.from("some lineage text, not a multiple of four");
    const shifted = Buffer.alloc(base.length + 3);
    base.copy(shifted, 3);
    expect(quickKey(shifted.subarray(3))).toBe(quickKey(base));
    expect(quickKey(new Uint8Array(base))).toBe(quickKey(base));
  });
});
