/**
 * Remembered content hashes: a cached query on a file whose stamp is unchanged (and was not racy when it
 * was hashed) is answered from the cache without reading the file; any change to the file, even one that
 * keeps its size and restores its mtime, is read again.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { knownHash, rememberHash } from "../../src/store/known-hashes.js";
import { openLineage } from "../../src/store/open-lineage.js";
import { UserCache } from "../../src/store/user-cache.js";
import { stampOf } from "../../src/load/read-source.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const DIAMOND = fileURLToPath(new URL("../fixtures/diamond/lineage.yaml", import.meta.url));
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "captrace-known-"));
  const env = { XDG_CACHE_HOME: join(dir, "cache") };
  const a = join(dir, "a.yaml");
  const b = join(dir, "b.yaml");
  copyFileSync(SMALL, a);
  copyFileSync(DIAMOND, b);
  const open = (file: string, racyMs = 0) => openLineage(file, { cache: true, env, racyMs, worker: false });
  const title = async (file: string, racyMs = 0) => {
    const r = await open(file, racyMs);
    return r.ok ? r.graph.title : `invalid: ${r.problems[0]?.message}`;
  };
  return { dir, env, a, b, open, title };
}

describe("remembered content hashes", () => {
  it("are written when a file is read and hashed, and trusted next time", async () => {
    const { env, a, title } = setup();
    const expected = await title(a);
    const records = readdirSync(join(env.XDG_CACHE_HOME, "captrace", "files"));
    expect(records).toHaveLength(1);
    expect(await knownHash(new UserCache({ env }), a, stampOf(a)!, 0)).toBe(sha(a));
    expect(await title(a)).toBe(expected);
  });

  it("answer from the entry they name without reading the file, when the stamp matches and was not racy", async () => {
    const { env, a, b, title } = setup();
    const titleB = await title(b); // caches b
    const titleA = await title(a);
    expect(titleA).not.toBe(titleB);
    // A record for a that names b's content: trusted, it is answered from b's entry (a is not read).
    const stamp = stampOf(a)!;
    const changed = Number(BigInt(stamp.ctimeNs > stamp.mtimeNs ? stamp.ctimeNs : stamp.mtimeNs) / 1_000_000n);
    await rememberHash(new UserCache({ env }), a, stamp, sha(b), changed + 5000);
    expect(await title(a, 2000)).toBe(titleB);
    // Hashed within racyMs of the file's last change: not trusted, so a is read.
    await rememberHash(new UserCache({ env }), a, stamp, sha(b), changed + 1000);
    expect(await title(a, 2000)).toBe(titleA);
  });

  it("are not trusted after any change to the file, even one that keeps its size and restores its mtime", async () => {
    const { env, a, b, title } = setup();
    await title(b);
    // An mtime of whole seconds, so that setting it back restores it to the nanosecond.
    utimesSync(a, 1_700_000_000, 1_700_000_000);
    await title(a);
    const before = stampOf(a)!;
    expect(await knownHash(new UserCache({ env }), a, before, 0)).toBe(sha(a));
    const text = readFileSync(a, "utf8");
    // Same size, other content, mtime set back: only the ctime moves.
    const edited = text.replace(/^title: (\S)/m, "title: X");
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    await new Promise((resolve) => setTimeout(resolve, 30)); // past the ctime clock's tick
    writeFileSync(a, edited);
    utimesSync(a, 1_700_000_000, 1_700_000_000);
    const stamp = stampOf(a)!;
    expect({ ...stamp, ctimeNs: "" }).toEqual({ ...before, ctimeNs: "" });
    expect(stamp.ctimeNs).not.toBe(before.ctimeNs);
    expect(await title(a)).toMatch(/X/);
    expect(await knownHash(new UserCache({ env }), a, stamp, 0)).toBe(sha(a));
  });

  it("ignore a damaged record or one for another path", async () => {
    const { env, a, b, title } = setup();
    const expected = await title(a);
    const [record] = readdirSync(join(env.XDG_CACHE_HOME, "captrace", "files"));
    const path = join(env.XDG_CACHE_HOME, "captrace", "files", record!);
    writeFileSync(path, '{"path": 1, "trunc');
    expect(await knownHash(new UserCache({ env }), a, stampOf(a)!, 0)).toBeUndefined();
    expect(await title(a)).toBe(expected);
    const other = JSON.parse(readFileSync(path, "utf8")) as { path: string };
    writeFileSync(path, JSON.stringify({ ...other, path: b }));
    expect(await knownHash(new UserCache({ env }), a, stampOf(a)!, 0)).toBeUndefined();
  });
});
