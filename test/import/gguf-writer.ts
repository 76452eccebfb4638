/** Writes small, real GGUF files (version 3, header and key/values, no tensors) for tests, following the GGUF spec. */
type Value = string | number | bigint | boolean | string[];

const enc = new TextEncoder();

function str(s: string): Buffer {
  const bytes = enc.encode(s);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([len, Buffer.from(bytes)]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function u64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

/** One key/value: strings are type 8, whole numbers uint32 (4), bigints uint64 (10), booleans 7, string lists arrays (9) of 8. */
function kv(key: string, value: Value): Buffer {
  if (typeof value === "string") return Buffer.concat([str(key), u32(8), str(value)]);
  if (typeof value === "bigint") return Buffer.concat([str(key), u32(10), u64(value)]);
  if (typeof value === "boolean") return Buffer.concat([str(key), u32(7), Buffer.from([value ? 1 : 0])]);
  if (typeof value === "number") return Buffer.concat([str(key), u32(4), u32(value)]);
  return Buffer.concat([str(key), u32(9), u32(8), u64(BigInt(value.length)), ...value.map(str)]);
}

/** The bytes of a GGUF v3 file holding these key/values and no tensors. */
export function ggufBytes(meta: Record<string, Value>): Buffer {
  const entries = Object.entries(meta);
  return Buffer.concat([
    Buffer.from("GGUF"),
    u32(3),
    u64(0n),
    u64(BigInt(entries.length)),
    ...entries.map(([k, v]) => kv(k, v)),
  ]);
}
