/**
 * The one way to open a lineage: by its real path, resolved against the caller's `cwd` (not the
 * process's), with the display name in messages only; the embedded lineage from its compiled copy; a user
 * lineage from the cache once it has been validated.
 */
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { DamagedEntryError } from "../../src/lineage-error.js";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { trace } from "../../src/query/trace.js";
import { embeddedLineagePath } from "../../src/store/embedded.js";
import { displayName, EMBEDDED, openLineage } from "../../src/store/open-lineage.js";
import { tempDirs } from "./temp-dirs.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const tempDir = tempDirs("open");

/** A directory (not the process's working directory) holding `mine.yaml`, a copy of the small lineage. */
function project(text = readFileSync(SMALL, "utf8")) {
  const dir = tempDir();
  writeFileSync(join(dir, "mine.yaml"), text);
  expect(existsSync("mine.yaml")).toBe(false);
  return { dir, file: join(dir, "mine.yaml"), env: { XDG_CACHE_HOME: join(dir, "cache") } };
}

describe("openLineage", () => {
  it("resolves a relative path against the cwd it is given, not the process's", async () => {
    const { dir } = project();
    const opened = await openLineage("mine.yaml", { cwd: dir, worker: false });
    expect(opened.ok && opened.graph.title).toBe("Small test lineage");
    expect(opened.file).toBe("mine.yaml");
  });

  it("reads an absolute path below cwd by that path, and names it relative to cwd in messages", async () => {
    const { dir, file } = project(readFileSync(SMALL, "utf8").replace("effect: lost", "effect: lots"));
    const opened = await openLineage(file, { cwd: dir, worker: false });
    expect(opened.ok).toBe(false);
    if (opened.ok) return;
    // The problem is the lineage's, found by reading it (not "no such file" of a name read from elsewhere).
    expect(opened.problems[0]).toMatchObject({ file: "mine.yaml", message: expect.stringContaining("lots") });
  });

  it("uses the name it is given in every message, and only there", async () => {
    const { dir, file } = project("lineage: 1\ntitle: [unclosed\n");
    const bad = await openLineage(file, { cwd: tempDir(), name: "shown.yaml", worker: false });
    expect(bad.ok || bad.problems.map((p) => p.file)).toEqual(["shown.yaml"]);
    const missing = await openLineage(join(dir, "absent.yaml"), { name: "absent as shown.yaml" });
    expect(missing.ok || missing.problems).toEqual([
      expect.objectContaining({ file: "absent as shown.yaml", message: "no such file" }),
    ]);
  });

  it("opens the embedded lineage from its compiled copy, by name or by its path", async () => {
    const byName = await openLineage(EMBEDDED, { cwd: tempDir() });
    const byPath = await openLineage(embeddedLineagePath(), { cwd: tempDir() });
    expect(byName.ok && byName.via).toBe("compiled");
    expect(byPath.ok && byPath.via).toBe("compiled");
    expect(byName.file).toBe(embeddedLineagePath());
    expect(byName.ok && trace(byName.graph, { model: "code-davinci-002", ability: "chain-of-thought" }).present).toBe(
      true,
    );
  });

  it("validates a user lineage once, then answers from the cache, the same", async () => {
    const { dir, env } = project();
    const first = await openLineage("mine.yaml", { cwd: dir, cache: true, env, worker: false });
    const second = await openLineage("mine.yaml", { cwd: dir, cache: true, env, worker: false });
    expect(first.ok && first.via).toBe("source");
    expect(second.ok && second.via).toBe("cache");
    const query = { model: "dpo", ability: "coding" };
    expect(second.ok && trace(second.graph, query)).toEqual(first.ok && trace(first.graph, query));
    // Without `cache`, nothing is read or written there.
    const other = project();
    copyFileSync(SMALL, other.file);
    expect((await openLineage(other.file, { env: other.env, worker: false })).ok).toBe(true);
    expect(existsSync(join(other.dir, "cache"))).toBe(false);
  });
});

describe("the graph of a lineage validated now", () => {
  it("is built when first asked for, once: validate, which never asks, pays nothing for it", async () => {
    const { dir } = project();
    const opened = await openLineage("mine.yaml", { cwd: dir, worker: false });
    if (!opened.ok) throw new Error("not opened");
    expect(typeof Object.getOwnPropertyDescriptor(opened, "graph")?.get).toBe("function");
    expect(opened.graph).toBe(opened.graph);
    expect(trace(opened.graph, { model: "dpo", ability: "coding" }).present).toBeDefined();
  });
});

describe("a cache entry damaged while in use", () => {
  it("throws DamagedEntryError when the damaged entry is read, and is removed, so the next open reads the source", async () => {
    const { dir, env } = project();
    await openLineage("mine.yaml", { cwd: dir, cache: true, env, worker: false });
    const second = await openLineage("mine.yaml", { cwd: dir, cache: true, env, worker: false });
    if (!second.ok) throw new Error("not opened");
    expect(second.via).toBe("cache");
    // Damage every text byte of the entry in place (the open file sees it): the texts follow the index sections.
    const cacheDir = join(dir, "cache", "captrace");
    const name = readdirSync(cacheDir).find((f) => f.endsWith(".captrace"))!;
    const bytes = readFileSync(join(cacheDir, name));
    const fd = openSync(join(cacheDir, name), "r+");
    const from = bytes.indexOf('{"');
    writeSync(fd, Buffer.alloc(bytes.length - 200 - from, 0x20), 0, bytes.length - 200 - from, from);
    closeSync(fd);
    expect(() => trace(second.graph, { model: "dpo", ability: "coding" })).toThrow(DamagedEntryError);
    expect(existsSync(join(cacheDir, name))).toBe(false);
    const third = await openLineage("mine.yaml", { cwd: dir, cache: true, env, worker: false });
    expect(third.ok && third.via).toBe("source");
  });
});

describe("displayName", () => {
  it("is relative below cwd, the path as given elsewhere", () => {
    expect(displayName("/a/b/c.yaml", "/a")).toBe("b/c.yaml");
    expect(displayName("/x/c.yaml", "/a")).toBe("/x/c.yaml");
    expect(displayName("../c.yaml", "/a")).toBe("../c.yaml");
    expect(displayName("/a", "/a")).toBe("/a");
  });
});
