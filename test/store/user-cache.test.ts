/**
 * The user cache is private, owned and never trusted blindly: made 0700/0600 (and closed when found open),
 * entries and stamp records read only when they are the user's regular files that no one else may write
 * (never through a link, never blocking on a FIFO), keyed by the parser too; a cache that cannot exist
 * costs one warning, not the answer; temporary files never outlive a load; old entries are pruned.
 *
 * Tests run as root in CI: ownership is tested by chown-ing files to another uid (root may), and, for any
 * user, by the `uid` option (the cache is then someone else's) and by the mode bits (group/other-writable).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { stampOf } from "../../src/load/read-source.js";
import { storeVersion } from "../../src/store/store-version.js";
import { encodeCompact } from "../../src/store/compact-bytes.js";
import { cacheHasher, entryKey, entryMaxBytes, entryName } from "../../src/store/compiled.js";
import { prepareFile, readTrusted, removePending } from "../../src/store/files.js";
import { rememberHash } from "../../src/store/known-hashes.js";
import { openLineage, type OpenOptions } from "../../src/store/open-lineage.js";
import { cacheInfo, cacheLocation, clearCache, RECORDS, STALE_TEMP_MS, UserCache } from "../../src/store/user-cache.js";
import { tempDirs } from "./temp-dirs.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const DIAMOND = fileURLToPath(new URL("../fixtures/diamond/lineage.yaml", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/captrace", import.meta.url));
const tempDir = tempDirs("cache");
const ROOT = process.getuid?.() === 0;
/** A user id that is not the test's. */
const OTHER = (process.getuid?.() ?? 0) + 4242;
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const mode = (path: string) => statSync(path).mode & 0o777;

function setup() {
  const dir = tempDir();
  const env = { XDG_CACHE_HOME: join(dir, "cache") };
  const cacheDir = join(dir, "cache", "captrace");
  const a = join(dir, "a.yaml");
  const b = join(dir, "b.yaml");
  copyFileSync(SMALL, a);
  copyFileSync(DIAMOND, b);
  const warnings: string[] = [];
  const open = (file: string, extra: OpenOptions = {}) =>
    openLineage(file, { cache: true, env, worker: false, racyMs: 0, onWarning: (m) => warnings.push(m), ...extra });
  /** The title opened, and where it came from. */
  const title = async (file: string, extra: OpenOptions = {}) => {
    const r = await open(file, extra);
    return r.ok ? `${r.graph.title} (${r.via})` : `invalid: ${r.problems[0]?.message}`;
  };
  const list = (sub = "") => {
    try {
      return readdirSync(join(cacheDir, sub)).filter((f) => f !== RECORDS);
    } catch {
      return [];
    }
  };
  const entryOf = (file: string, kind: "yaml" | "json" = "yaml") =>
    join(cacheDir, entryName(kind, sha(file), storeVersion()));
  return { dir, env, cacheDir, a, b, warnings, open, title, list, entryOf };
}

/** A record for `file` naming `content`'s hash, as trusted as a record can be (hashed long after the file's last change). */
async function plantRecord(cache: UserCache, file: string, content: string) {
  const stamp = stampOf(file)!;
  const changed = Number(BigInt(stamp.ctimeNs > stamp.mtimeNs ? stamp.ctimeNs : stamp.mtimeNs) / 1_000_000n);
  await rememberHash(cache, file, stamp, sha(content), changed + 5000);
}

describe("the cache is private", () => {
  it("is made with 0700 directories and 0600 entries and records", async () => {
    const { cacheDir, a, title, list } = setup();
    expect(await title(a)).toBe("Small test lineage (source)");
    expect(mode(cacheDir)).toBe(0o700);
    expect(mode(join(cacheDir, RECORDS))).toBe(0o700);
    expect(list()).toHaveLength(1);
    for (const f of list()) expect(mode(join(cacheDir, f))).toBe(0o600);
    for (const f of list(RECORDS)) expect(mode(join(cacheDir, RECORDS, f))).toBe(0o600);
  });

  it("closes a cache directory found open to others (and its files), and goes on using it", async () => {
    const { cacheDir, a, title } = setup();
    mkdirSync(cacheDir, { recursive: true });
    chmodSync(cacheDir, 0o755);
    writeFileSync(join(cacheDir, "old.f1.captrace"), "an entry of an older captrace");
    chmodSync(join(cacheDir, "old.f1.captrace"), 0o644);
    expect(await title(a)).toBe("Small test lineage (source)");
    expect(mode(cacheDir)).toBe(0o700);
    expect(mode(join(cacheDir, "old.f1.captrace"))).toBe(0o600);
    expect(await title(a)).toBe("Small test lineage (cache)");
  });
});

describe("the cache is owned", () => {
  it("is not used at all when its directory is someone else's: one warning, the answer, nothing written", async () => {
    const { cacheDir, a, title, warnings, list } = setup();
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    // The cache belongs to the test's user; the user opening it is another.
    expect(await title(a, { uid: OTHER })).toBe("Small test lineage (source)");
    expect(warnings).toEqual([
      `the cache directory ${cacheDir} is not used: it belongs to another user; answering without the cache`,
    ]);
    expect(list()).toEqual([]);
    expect(existsSync(join(cacheDir, RECORDS))).toBe(false);
  });

  it.runIf(ROOT)("refuses a directory chown-ed to another user (as root)", async () => {
    const { cacheDir, a, title, warnings, list } = setup();
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    chownSync(cacheDir, OTHER, OTHER);
    expect(await title(a)).toBe("Small test lineage (source)");
    expect(warnings).toHaveLength(1);
    expect(list()).toEqual([]);
  });

  it("refuses an entry that others may write, and replaces it with its own", async () => {
    const { a, title, entryOf } = setup();
    await title(a);
    chmodSync(entryOf(a), 0o666);
    expect(await title(a)).toBe("Small test lineage (source)");
    expect(mode(entryOf(a))).toBe(0o600);
    expect(await title(a)).toBe("Small test lineage (cache)");
  });

  it.runIf(ROOT)(
    "refuses an entry planted by another user, though its key, checksum and version are right",
    async () => {
      const { a, title, entryOf } = setup();
      await title(a);
      // A forged entry for a's content that holds the diamond lineage.
      const diamond = loadLineageText(readFileSync(DIAMOND, "utf8"), "b.yaml");
      if (!diamond.ok) throw new Error("diamond is invalid");
      const forged = encodeCompact(
        buildGraph(diamond.lineage, diamond.order),
        { located: [], issues: [] },
        entryKey("yaml", sha(a)),
        storeVersion(),
        await cacheHasher(),
      );
      writeFileSync(entryOf(a), forged);
      // Control: written by the user, it would be taken.
      expect(await title(a)).toBe("Diamond (cache)");
      writeFileSync(entryOf(a), forged);
      chownSync(entryOf(a), OTHER, OTHER);
      expect(await title(a)).toBe("Small test lineage (source)");
    },
  );

  it("refuses a stamp record that others may write, or (as root) one planted by another user", async () => {
    const { env, cacheDir, a, b, title, list } = setup();
    await title(b);
    await title(a);
    const cache = new UserCache({ env });
    // A record that sends a's queries to b's entry: trusted when it is the user's own...
    await plantRecord(cache, a, b);
    expect(await title(a)).toBe("Diamond (cache)");
    const [record] = list(RECORDS).filter((f) =>
      readFileSync(join(cacheDir, RECORDS, f), "utf8").includes(JSON.stringify(a)),
    );
    const path = join(cacheDir, RECORDS, record!);
    // ...but not when others may write it,
    await plantRecord(cache, a, b);
    chmodSync(path, 0o622);
    expect(await title(a)).toBe("Small test lineage (cache)");
    if (!ROOT) return;
    // ...nor when it is another user's.
    await plantRecord(cache, a, b);
    chownSync(path, OTHER, OTHER);
    expect(await title(a)).toBe("Small test lineage (cache)");
  });
});

describe("the cache never reads what is not a small regular file", () => {
  it("ignores an entry or record that is a symbolic link to /dev/zero, or a FIFO, without hanging", async () => {
    const { cacheDir, a, title, entryOf, list } = setup();
    await title(a);
    const [record] = list(RECORDS);
    rmSync(entryOf(a));
    symlinkSync("/dev/zero", entryOf(a));
    const recordPath = join(cacheDir, RECORDS, record!);
    rmSync(recordPath);
    symlinkSync("/dev/zero", recordPath);
    expect(await title(a)).toBe("Small test lineage (source)");
    // Each was replaced by a file of the user's own, not written through the link.
    expect(statSync(entryOf(a)).isFile()).toBe(true);
    rmSync(entryOf(a));
    expect(spawnSync("mkfifo", [entryOf(a)]).status).toBe(0);
    expect(await title(a)).toBe("Small test lineage (source)");
  });

  it("reads no more than a sane size, and nothing of a larger file", () => {
    const dir = tempDir();
    const file = join(dir, "entry");
    writeFileSync(file, "0123456789");
    chmodSync(file, 0o600);
    const uid = process.getuid?.();
    expect(readTrusted(file, { uid, maxBytes: 10 })?.toString()).toBe("0123456789");
    expect(readTrusted(file, { uid, maxBytes: 9 })).toBeUndefined();
    // A sparse file past an entry's bound for its source is refused before any read.
    truncateSync(file, entryMaxBytes(100) + 1);
    expect(readTrusted(file, { uid, maxBytes: entryMaxBytes(100) })).toBeUndefined();
  });
});

describe("the cache key", () => {
  it("includes the parser: YAML cached under a .yaml name is not accepted under a .json name", async () => {
    const { dir, a, title } = setup();
    expect(await title(a)).toBe("Small test lineage (source)");
    const json = join(dir, "a.json");
    copyFileSync(a, json);
    expect(await title(json)).toMatch(/^invalid: JSON syntax error/);
  });

  it("includes the parser: one-line JSON past YAML's line limit, valid as .json, is refused under a .yaml name", async () => {
    const { dir, title } = setup();
    const parsed = loadLineageText(readFileSync(SMALL, "utf8"), "small.yaml");
    if (!parsed.ok) throw new Error("small is invalid");
    const text = JSON.stringify({ ...parsed.lineage, description: "x".repeat(1_100_000) });
    writeFileSync(join(dir, "long.json"), text);
    writeFileSync(join(dir, "long.yaml"), text);
    expect(await title(join(dir, "long.json"))).toBe("Small test lineage (source)");
    expect(await title(join(dir, "long.yaml"))).toMatch(/^invalid: .*line/i);
  });
});

describe("a cache that cannot exist", () => {
  it("costs one warning and not the answer: HOME=/dev/null", async () => {
    const { a, title, warnings } = setup();
    expect(await title(a, { env: { HOME: "/dev/null" } })).toBe("Small test lineage (source)");
    expect(warnings).toEqual([
      "the cache directory /dev/null/.cache/captrace is not used: a part of its path is not a directory; answering without the cache",
    ]);
  });

  it("costs one warning and not the answer: XDG_CACHE_HOME naming a file", async () => {
    const { a, b, title, warnings } = setup();
    expect(await title(a, { env: { XDG_CACHE_HOME: b } })).toBe("Small test lineage (source)");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${b}/captrace is not used`);
  });

  it("is nowhere when HOME is empty or relative (never ./.cache)", async () => {
    expect(cacheLocation({ HOME: "" })).toEqual({ problem: expect.stringContaining("no cache directory") });
    expect(cacheLocation({ HOME: ".", XDG_CACHE_HOME: "rel" })).toEqual({
      problem: expect.stringContaining("no cache directory"),
    });
    expect(cacheLocation({ HOME: "/h", XDG_CACHE_HOME: "rel" })).toEqual({ dir: "/h/.cache/captrace" });
    const { a, title, warnings } = setup();
    expect(await title(a, { env: { HOME: "" } })).toBe("Small test lineage (source)");
    expect(warnings).toHaveLength(1);
  });

  it("does not break the command line, nor write ./.cache (the built bin, HOME=/dev/null and HOME empty)", () => {
    const { dir, a } = setup();
    for (const home of ["/dev/null", ""]) {
      const r = spawnSync(process.execPath, [BIN, "--lineage", a, "list", "models"], {
        cwd: dir,
        env: { PATH: process.env.PATH, HOME: home },
        encoding: "utf8",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("base");
      expect(existsSync(join(dir, ".cache"))).toBe(false);
    }
  });
});

describe("temporary files", () => {
  it("are removed when a write fails, and when the process exits before a pending one is committed", () => {
    const dir = tempDir();
    expect(
      prepareFile(
        join(dir, "entry"),
        () => {
          throw new Error("disk on fire");
        },
        0o600,
      ),
    ).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    const pending = prepareFile(join(dir, "entry"), (sink) => sink.write(Buffer.from("half")), 0o600)!;
    expect(readdirSync(dir)).toHaveLength(1);
    expect(process.listeners("exit")).toContain(removePending);
    removePending();
    expect(readdirSync(dir)).toEqual([]);
    expect(pending.commit()).toBe(false);
  });

  it("left by a killed process are removed by the next write once stale, and fresh ones are left alone", async () => {
    const { cacheDir, a, b, title } = setup();
    await title(a);
    const stale = [join(cacheDir, "x.captrace.1.old.tmp"), join(cacheDir, RECORDS, "y.json.1.old.tmp")];
    const fresh = join(cacheDir, "z.captrace.2.new.tmp");
    for (const f of [...stale, fresh]) writeFileSync(f, "75 MB, once");
    const old = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    for (const f of stale) utimesSync(f, old, old);
    await title(b);
    for (const f of stale) expect(existsSync(f)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });
});

describe("pruning", () => {
  it("keeps the most recently used entries within the size budget, and always the newest", async () => {
    const { dir, a, b, title, entryOf, list } = setup();
    const c = join(dir, "c.yaml");
    writeFileSync(c, readFileSync(SMALL, "utf8").replace("title: Small test lineage", "title: Small three"));
    await title(a);
    await title(b);
    const size = statSync(entryOf(a)).size;
    const hours = (h: number) => (Date.now() - h * 3600_000) / 1000;
    utimesSync(entryOf(a), hours(3), hours(3));
    utimesSync(entryOf(b), hours(2), hours(2));
    // Used again: a is now the more recent of the two.
    expect(await title(a)).toBe("Small test lineage (cache)");
    // Room for two entries the size of a's (c's is a little smaller), not three.
    expect(await title(c, { cacheMaxBytes: 2 * size + 100 })).toBe("Small three (source)");
    const name = (path: string) => path.slice(path.lastIndexOf("/") + 1);
    expect(list().sort()).toEqual([name(entryOf(a)), name(entryOf(c))].sort());
    // A budget smaller than one entry still keeps the one just written.
    writeFileSync(c, readFileSync(c, "utf8").replace("Small three", "Small four"));
    expect(await title(c, { cacheMaxBytes: 1 })).toBe("Small four (source)");
    expect(list()).toEqual([name(entryOf(c))]);
  });

  it("keeps the most recent stamp records within their number", () => {
    const { env, cacheDir, list } = setup();
    const cache = new UserCache({ env, maxRecords: 2 });
    for (const [i, name] of ["r1.json", "r2.json", "r3.json"].entries()) {
      expect(cache.write(RECORDS, name, (sink) => sink.write(Buffer.from("{}")))).toBe(true);
      const at = (Date.now() - (3 - i) * 60_000) / 1000;
      utimesSync(join(cacheDir, RECORDS, name), at, at);
    }
    expect(list(RECORDS).sort()).toEqual(["r2.json", "r3.json"]);
  });
});

describe("cacheInfo and clearCache", () => {
  it("tell where the cache is and what it holds, and empty it", async () => {
    const { env, cacheDir, a, b, title } = setup();
    expect(cacheInfo({ env })).toMatchObject({ dir: cacheDir, problem: null, entries: 0, records: 0 });
    await title(a);
    await title(b);
    const info = cacheInfo({ env });
    const bytes = (sub: string) =>
      readdirSync(join(cacheDir, sub))
        .filter((f) => f !== RECORDS)
        .reduce((n, f) => n + statSync(join(cacheDir, sub, f)).size, 0);
    expect(info).toEqual({
      dir: cacheDir,
      problem: null,
      entries: 2,
      entryBytes: bytes(""),
      records: 2,
      recordBytes: bytes(RECORDS),
      maxBytes: 512 * 1024 * 1024,
    });
    expect(clearCache({ env })).toEqual({
      dir: cacheDir,
      problem: null,
      removed: 4,
      bytes: info.entryBytes + info.recordBytes,
    });
    expect(cacheInfo({ env })).toMatchObject({ entries: 0, entryBytes: 0, records: 0, recordBytes: 0 });
    expect(await title(a)).toBe("Small test lineage (source)");
  });

  it("say why there is no cache, and clear nothing that is not the user's", async () => {
    expect(cacheInfo({ env: { HOME: "/dev/null" } })).toMatchObject({
      dir: "/dev/null/.cache/captrace",
      problem: "a part of its path is not a directory",
      entries: 0,
    });
    expect(cacheInfo({ env: { HOME: "" } })).toMatchObject({
      dir: null,
      problem: expect.stringContaining("no cache directory"),
    });
    const { env, cacheDir, a, title } = setup();
    await title(a);
    expect(cacheInfo({ env, uid: OTHER }).problem).toBe("it belongs to another user");
    expect(clearCache({ env, uid: OTHER })).toMatchObject({ removed: 0, problem: "it belongs to another user" });
    expect(cacheInfo({ env }).entries).toBe(1);
    if (!ROOT) return;
    const planted = join(cacheDir, "planted.captrace");
    writeFileSync(planted, "x");
    chownSync(planted, OTHER, OTHER);
    expect(clearCache({ env }).removed).toBe(2);
    expect(existsSync(planted)).toBe(true);
  });
});
