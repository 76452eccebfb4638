/**
 * Reading a JSON Lines dump line by line across 1 MB chunks: each line is decoded, numbered and refused
 * (not UTF-8, not an object) exactly as a line read on its own would be, wherever the chunk edges fall (in
 * a line, in a multi-byte character, at a CR LF), when most chunks are decoded whole.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDumpLineage } from "../../src/import/dump-lineage.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-dump-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LICENSES = ["mit", "licence-é", "許可-漢字", "emoji-😀", "x".repeat(300)];

describe("a dump read in chunks", () => {
  it("numbers, decodes and refuses every line as a line read alone would be", async () => {
    const next = random(16);
    const lines: Buffer[] = [];
    const expected: { models: [string, number, string][]; problems: [number, string][] } = { models: [], problems: [] };
    // About 3.5 MB: several chunks, their edges at random places among the lines.
    for (let i = 1, bytes = 0; bytes < 3.5e6; i++, bytes += lines[lines.length - 1]!.length + 1) {
      const r = next();
      const license = LICENSES[Math.floor(next() * LICENSES.length)]!;
      const row = Buffer.from(JSON.stringify({ id: `org/m-${i}`, license }));
      if (r < 0.02) {
        // An invalid byte in a row: that row is refused, its neighbours are not.
        lines.push(Buffer.concat([row.subarray(0, 5), Buffer.from([0xff]), row.subarray(5)]));
        expected.problems.push([i, "not valid UTF-8 text (a hub dump must be UTF-8); skipped"]);
      } else if (r < 0.03) {
        lines.push(Buffer.from(r < 0.025 ? "" : " \t"));
      } else if (r < 0.04) {
        lines.push(Buffer.from(r < 0.035 ? "[1]" : "{broken"));
        expected.problems.push([i, "not a JSON object; skipped"]);
      } else {
        lines.push(r < 0.2 ? Buffer.concat([row, Buffer.from("\r")]) : row);
        expected.models.push([`org/m-${i}`, i, license]);
      }
    }
    const file = join(dir, "hub.jsonl");
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ...lines.flatMap((l) => [l, Buffer.from("\n")])]),
    );
    const dump = await readDumpLineage(file, "hub.jsonl");
    expect(dump.problems.map((p) => [p.line, p.message])).toEqual(expected.problems);
    expect(
      dump.lines.modelIds.map((id, k) => [id, dump.lines.models[k], dump.lineage.models[id]!.card?.license?.id]),
    ).toEqual(expected.models);
    expect(dump.rows).toBe(expected.models.length);
  });

  it("takes the byte order mark off the first line only, and reads a last line without a line feed", async () => {
    const file = join(dir, "bom.jsonl");
    const row = (id: string) => JSON.stringify({ id });
    writeFileSync(file, `\ufeff${row("a/one")}\r\n\ufeff${row("a/two")}\n${row("a/three")}`);
    const dump = await readDumpLineage(file, "bom.jsonl");
    expect(dump.lines.modelIds).toEqual(["a/one", "a/three"]);
    expect(dump.problems.map((p) => [p.line, p.message])).toEqual([[2, "not a JSON object; skipped"]]);
  });
});
