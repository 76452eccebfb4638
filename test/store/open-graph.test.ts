/** openGraph, behind the library's loadLineage: the embedded lineage by default, any path the CLI's way, problems thrown. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LineageError } from "../../src/lineage-error.js";
import { trace } from "../../src/query/trace.js";
import { openGraph } from "../../src/store/open-graph.js";
import { tempDirs } from "./temp-dirs.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const tempDir = tempDirs("graph");

describe("openGraph", () => {
  it("opens the embedded lineage by default", async () => {
    const graph = await openGraph();
    expect(trace(graph, { model: "code-davinci-002", ability: "chain-of-thought" }).present).toBe(true);
  });

  it("opens a relative path against opts.cwd, and caches only when asked", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "mine.yaml"), readFileSync(SMALL));
    const env = { XDG_CACHE_HOME: join(dir, "cache") };
    expect((await openGraph("mine.yaml", { cwd: dir, env })).title).toBe("Small test lineage");
    expect(existsSync(join(dir, "cache"))).toBe(false);
    expect((await openGraph("mine.yaml", { cwd: dir, env, cache: true })).title).toBe("Small test lineage");
    expect(existsSync(join(dir, "cache", "captrace"))).toBe(true);
  });

  it("throws LineageError with every problem, named as given", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.yaml"), readFileSync(SMALL, "utf8").replace("effect: lost", "effect: lots"));
    const error = await openGraph("bad.yaml", { cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineageError);
    expect((error as LineageError).problems[0]).toMatchObject({ file: "bad.yaml", severity: "error" });
    expect((error as LineageError).message).toMatch(/^bad\.yaml:\d+:\d+: error: .*lots/);
  });
});
