/** A fast, non-cryptographic content key, whole or streamed. */

/**
 * A 64-bit content key (length plus two multiplicative hash lanes, fed four bytes at a time), fed in
 * pieces: keys the embedded lineage, which only the package's own build writes, sparing every start the
 * crypto module; and checksums a compact lineage, so that a damaged cache entry is ignored.
 */
export class QuickHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  private length = 0;
  /** The bytes of an unfinished word, carried to the next piece. */
  private readonly carry = new Uint8Array(4);

  /** Feeds the next piece. */
  update(bytes: Uint8Array): this {
    let i = 0;
    let carried = this.length % 4;
    this.length += bytes.length;
    if (carried > 0) {
      while (carried < 4 && i < bytes.length) this.carry[carried++] = bytes[i++]!;
      if (carried < 4) return this;
      this.mix(new Uint32Array(this.carry.buffer)[0]!);
    }
    const rest = bytes.subarray(i);
    const words = rest.length >>> 2;
    // A word view needs a 4-byte aligned start; copy when the bytes sit elsewhere in their buffer.
    const aligned = rest.byteOffset % 4 === 0 ? rest : Uint8Array.prototype.slice.call(rest);
    const view = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
    let { h1, h2 } = this;
    for (let w = 0; w < words; w++) {
      const word = view[w]!;
      h1 = Math.imul(h1 ^ word, 2654435761);
      h2 = Math.imul(h2 ^ word, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    for (let b = words << 2; b < rest.length; b++) this.carry[b - (words << 2)] = rest[b]!;
    return this;
  }

  /** The key of everything fed: `length:hex`. */
  digest(): string {
    let { h1, h2 } = this;
    for (let b = 0; b < this.length % 4; b++) {
      h1 = Math.imul(h1 ^ this.carry[b]!, 2654435761);
      h2 = Math.imul(h2 ^ this.carry[b]!, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return `${this.length}:${(h2 >>> 0).toString(16).padStart(8, "0")}${(h1 >>> 0).toString(16).padStart(8, "0")}`;
  }

  private mix(word: number): void {
    this.h1 = Math.imul(this.h1 ^ word, 2654435761);
    this.h2 = Math.imul(this.h2 ^ word, 1597334677);
  }
}

/** The quick key of some bytes at once. */
export function quickKey(bytes: Uint8Array): string {
  return new QuickHasher().update(bytes).digest();
}
