// `captrace cache` and `captrace cache clear` in-process, on a cache under a temp dir of the test's own.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { humanBytes } from "../../src/cli/commands/cache.js";
import { cli } from "../support/run-cli.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "captrace-cli-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("captrace cache", () => {
  const xdg = join(dir, "xdg");
  const env = { XDG_CACHE_HOME: xdg };
  const cacheDir = join(xdg, "captrace");

  it("shows where the cache is and what it holds, then clear empties it, leaving other files", async () => {
    const empty = await cli(["cache"], { env });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(
      `${cacheDir}\n  0 validated lineages, 0 bytes (limit 512 MiB)\n  0 file records, 0 bytes\n`,
    );
    // A query on a lineage file (not the embedded one, whose validated form is shipped) stores its validated form.
    const mine = join(dir, "mine.yaml");
    writeFileSync(mine, `${readFileSync(join(ROOT, "lineage.yaml"), "utf8")}\n# my copy\n`);
    expect((await cli(["--lineage", mine, "list", "models"], { env })).code).toBe(0);
    const full = await cli(["--json", "cache"], { env });
    const info = JSON.parse(full.stdout) as {
      dir: string;
      problem: null;
      entries: number;
      entryBytes: number;
      records: number;
    };
    expect(info).toMatchObject({ dir: cacheDir, problem: null, maxBytes: 512 * 1024 * 1024 });
    expect(info.entries).toBeGreaterThanOrEqual(1);
    expect(info.entryBytes).toBeGreaterThan(0);
    const text = await cli(["cache"], { env });
    expect(text.stdout.split("\n")[1]).toBe(
      `  ${info.entries} validated lineage${info.entries === 1 ? "" : "s"}, ${humanBytes(info.entryBytes)} (limit 512 MiB)`,
    );

    writeFileSync(join(cacheDir, "notes.txt"), "not the cache's");
    const cleared = await cli(["cache", "clear"], { env });
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(
      new RegExp(
        `^removed ${info.entries + info.records} files \\(.+\\) from ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n$`,
      ),
    );
    expect(readdirSync(cacheDir).sort()).toEqual(["files", "notes.txt"]);
    const again = await cli(["--json", "cache", "clear"], { env });
    expect(JSON.parse(again.stdout)).toEqual({ dir: cacheDir, problem: null, removed: 0, bytes: 0 });
    expect(JSON.parse((await cli(["--json", "cache"], { env })).stdout)).toMatchObject({ entries: 0, records: 0 });
  });

  it("a path with control characters is shown escaped", async () => {
    const odd = join(dir, "odd\u001b[31m");
    mkdirSync(odd);
    const r = await cli(["cache"], { env: { XDG_CACHE_HOME: odd } });
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout.split("\n")[0]).toBe(`${join(dir, "odd\\x1b[31m")}/captrace`);
  });

  it("no cache directory, or one that is not a directory: said, and clear refuses with exit 5", async () => {
    const none = await cli(["cache"], { env: { XDG_CACHE_HOME: "relative", HOME: "" } });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^no cache: neither \$XDG_CACHE_HOME nor \$HOME is an absolute path/);
    const blocked = join(dir, "blocked");
    mkdirSync(blocked);
    writeFileSync(join(blocked, "captrace"), "a file, not a directory");
    const r = await cli(["cache"], { env: { XDG_CACHE_HOME: blocked } });
    expect(r.stdout).toBe(`${join(blocked, "captrace")}\n  not used: it is not a directory\n`);
    const c = await cli(["cache", "clear"], { env: { XDG_CACHE_HOME: blocked } });
    expect(c.code).toBe(5);
    expect(c.stderr).toBe(`captrace: ${join(blocked, "captrace")}: not cleared: it is not a directory\n`);
    expect(existsSync(join(blocked, "captrace"))).toBe(true);
    const j = await cli(["--json", "cache", "clear"], { env: { XDG_CACHE_HOME: blocked } });
    expect(j.code).toBe(5);
    expect(JSON.parse(j.stdout)).toEqual({
      dir: join(blocked, "captrace"),
      problem: "it is not a directory",
      removed: 0,
      bytes: 0,
    });
  });

  it("an unknown subcommand is a usage error", async () => {
    expect((await cli(["cache", "purge"], { env })).code).toBe(2);
  });

  it("humanBytes", () => {
    expect([
      humanBytes(1),
      humanBytes(1023),
      humanBytes(1536),
      humanBytes(512 * 1024 * 1024),
      humanBytes(20 * 1024 ** 3),
    ]).toEqual(["1 byte", "1023 bytes", "1.5 KiB", "512 MiB", "20 GiB"]);
  });
});
