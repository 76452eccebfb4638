import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { ErrorOut, TraceOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { decodeCompact, encodeCompact } from "../../src/store/compact-bytes.js";
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { storeVersion } from "../../src/store/store-version.js";
import { cacheHasher, entryKey } from "../../src/store/compiled.js";
import { cli, TEST_CACHE } from "../support/run-cli.js";
import { tempDirs } from "../store/temp-dirs.js";

const tempDir = tempDirs("cache");

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));

async function batch(lines: string[], env: Record<string, string> = { XDG_CACHE_HOME: TEST_CACHE }) {
  let stdout = "";
  let stderr = "";
  const stdin = (async function* () {
    yield* lines;
  })();
  const code = await run(["--lineage", SMALL, "trace", "--batch"], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env,
  });
  return { code, stdout, stderr };
}

describe("trace --batch", () => {
  it("answers one JSON line per query, in order, with error objects for bad lines", async () => {
    const r = await batch([
      '{"model": "dpo", "ability": "coding"}',
      "",
      '{"model": "sft", "ability": "coding"}',
      "nope",
      '{"model": "x", "ability": "coding"}',
      '{"model": 1}',
    ]);
    expect(r.code).toBe(2); // a refused line makes the batch exit 2
    expect(r.stderr).toBe("");
    const out = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    expect(out).toHaveLength(5);
    expect(TraceOut.parse(out[0])).toMatchObject({ model: "dpo", present: true });
    expect(TraceOut.parse(out[1])).toMatchObject({ model: "sft", present: false });
    expect(ErrorOut.parse(out[2])).toMatchObject({
      input: 4,
      error: { code: "usage", message: "input line 4 is not JSON" },
    });
    expect(ErrorOut.parse(out[3])).toMatchObject({ input: 5, error: { message: "unknown model 'x'" } });
    expect(ErrorOut.parse(out[4]).input).toBe(6);
  });

  it("refuses arguments together with --batch, and a missing ability without it", async () => {
    expect((await cli(["--lineage", SMALL, "trace", "dpo", "--batch"])).code).toBe(2);
    const r = await cli(["--lineage", SMALL, "trace", "dpo"]);
    expect(r).toMatchObject({
      code: 2,
      stderr: "captrace: trace needs a model and an ability: captrace trace MODEL ABILITY (or --batch)\n",
    });
  });
});

describe("the cache of validated lineages", () => {
  const setup = () => {
    const dir = tempDir();
    const file = join(dir, "lineage.yaml");
    writeFileSync(file, readFileSync(SMALL, "utf8"));
    const env = { XDG_CACHE_HOME: join(dir, "cache") };
    const entries = () => {
      try {
        return readdirSync(join(dir, "cache", "captrace")).filter((f) => f.endsWith(".captrace"));
      } catch {
        return [];
      }
    };
    return { dir, file, env, entries, entry: () => join(dir, "cache", "captrace", entries()[0]!) };
  };

  it("is written on the first query and read on the next", async () => {
    const { file, env, entries, entry } = setup();
    expect((await cli(["--lineage", file, "list", "models"], { env })).code).toBe(0);
    expect(entries()).toHaveLength(1);
    // Prove the second run reads the entry: alter a name inside it (its key still matches the file).
    const sha = entryKey("yaml", createHash("sha256").update(readFileSync(file)).digest("hex"));
    const hasher = await cacheHasher();
    const cached = decodeCompact(readFileSync(entry()), sha, storeVersion(), hasher)!;
    expect(cached.header.key).toBe(sha);
    const lineage = structuredClone(lazyGraph(cached).lineage);
    lineage.models.base!.name = "Name from the cache";
    writeFileSync(entry(), encodeCompact(buildGraph(lineage), cached.warnings(), sha, storeVersion(), hasher));
    expect((await cli(["--lineage", file, "show", "base"], { env })).stdout).toContain("Name from the cache");
    // --no-cache bypasses it.
    expect((await cli(["--lineage", file, "show", "base", "--no-cache"], { env })).stdout).toContain(
      "Base model (base)",
    );
  });

  it("is never stale: a changed file is validated again", async () => {
    const { file, env, entries } = setup();
    await cli(["--lineage", file, "list", "models"], { env });
    writeFileSync(file, readFileSync(file, "utf8").replace("name: Base model", "name: Edited base"));
    expect((await cli(["--lineage", file, "show", "base"], { env })).stdout).toContain("Edited base");
    expect(entries()).toHaveLength(2);
    writeFileSync(file, readFileSync(file, "utf8").replace("effect: lost", "effect: lots"));
    expect((await cli(["--lineage", file, "show", "base"], { env })).code).toBe(3);
  });

  it("ignores a corrupt entry, replaces it, and writes nothing with --no-cache", async () => {
    const { file, env, entry } = setup();
    await cli(["--lineage", file, "list", "models"], { env });
    const sha = entryKey("yaml", createHash("sha256").update(readFileSync(file)).digest("hex"));
    const whole = readFileSync(entry());
    const expected = (await cli(["--lineage", file, "trace", "dpo", "coding", "--no-cache"], { env })).stdout;
    const flipped = Buffer.from(whole);
    flipped[whole.length - 3] = flipped[whole.length - 3]! ^ 1;
    for (const damaged of [whole.subarray(0, whole.length >> 1), flipped, Buffer.from('{"format": 1, "trunc')]) {
      writeFileSync(entry(), damaged);
      const r = await cli(["--lineage", file, "trace", "dpo", "coding"], { env });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(expected);
      expect(decodeCompact(readFileSync(entry()), sha, storeVersion(), await cacheHasher())).toBeDefined();
    }
    const fresh = setup();
    await cli(["--lineage", fresh.file, "list", "models", "--no-cache"], { env: fresh.env });
    expect(fresh.entries()).toEqual([]);
  });
});

describe("the cache that cannot exist, seen from the command line", () => {
  it("costs one warning line on stderr, and not the answer (HOME=/dev/null); --no-cache none", async () => {
    const env = { XDG_CACHE_HOME: "", HOME: "/dev/null" };
    const r = await cli(["--lineage", SMALL, "list", "models"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("base");
    expect(r.stderr).toBe(
      "captrace: warning: the cache directory /dev/null/.cache/captrace is not used: a part of its path is not a directory; answering without the cache\n",
    );
    expect((await cli(["--lineage", SMALL, "list", "models", "--no-cache"], { env })).stderr).toBe("");
  });
});

describe("--lineage is read by its real path", () => {
  it("against io.cwd, not the process's directory (an absolute path below io.cwd, and a relative one)", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.yaml"), readFileSync(SMALL, "utf8").replace("effect: lost", "effect: lots"));
    for (const path of [join(dir, "mine.yaml"), "mine.yaml"]) {
      let stderr = "";
      const code = await run(["--lineage", path, "list", "models", "--no-cache"], {
        stdout: { write: () => true },
        stderr: { write: (s: string) => (stderr += s) },
        env: {},
        cwd: dir,
      });
      // The file is found and read: its own error, named relative to io.cwd (at df50c14: "mine.yaml: error: no such file").
      expect(code).toBe(3);
      expect(stderr).toMatch(/^mine\.yaml:\d+:\d+: error: .*lots/);
    }
  });
});
