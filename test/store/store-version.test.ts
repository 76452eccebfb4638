/**
 * Stored lineages are keyed by the build as well as the version: two builds of one version number may check
 * lineages differently, so an entry one build stored is not trusted by another.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildIdOf } from "../../scripts/build-id.mjs";
import { tempDirs } from "./temp-dirs.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const tempDir = tempDirs("store-version");

/** A package root with a source file, a lockfile and a README. */
function packageRoot() {
  const root = tempDir();
  mkdirSync(join(root, "src", "load"), { recursive: true });
  writeFileSync(join(root, "src", "load", "rules.ts"), "export const rules = [];\n");
  writeFileSync(join(root, "package.json"), '{"name":"captrace","version":"0.1.0"}\n');
  writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3}\n');
  writeFileSync(join(root, "README.md"), "# captrace\n");
  return root;
}

describe("buildIdOf", () => {
  it("changes with a source file or the lockfile, not with what decides nothing", () => {
    const root = packageRoot();
    const id = buildIdOf(root);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(buildIdOf(root)).toBe(id);
    writeFileSync(join(root, "README.md"), "# captrace, again\n");
    expect(buildIdOf(root)).toBe(id);
    writeFileSync(join(root, "src", "load", "rules.ts"), "export const rules = [checkOrphans];\n");
    const afterRule = buildIdOf(root);
    expect(afterRule).not.toBe(id);
    writeFileSync(join(root, "package-lock.json"), '{"lockfileVersion":3,"packages":{}}\n');
    expect(buildIdOf(root)).not.toBe(afterRule);
    // A file moved is another build too, though its bytes are the same.
    const moved = packageRoot();
    copyFileSync(join(root, "src", "load", "rules.ts"), join(moved, "src", "rules.ts"));
    writeFileSync(join(moved, "src", "load", "rules.ts"), "");
    expect(buildIdOf(moved)).not.toBe(buildIdOf(root));
  });
});

describe("storeVersion", () => {
  afterEach(() => {
    vi.doUnmock("../../src/store/store-version.js");
    vi.resetModules();
  });

  it("is the version and this build's id, as dist/build-id holds it", async () => {
    const { storeVersion } = await import("../../src/store/store-version.js");
    const { packageDir, packageVersion } = await import("../../src/package-root.js");
    const id = readFileSync(join(packageDir(), "dist", "build-id"), "utf8").trim();
    expect(storeVersion()).toBe(`${packageVersion()}+${id}`);
  });

  it("keys the cache: an entry another build of the same version stored is not used", async () => {
    const dir = tempDir();
    const file = join(dir, "mine.yaml");
    copyFileSync(SMALL, file);
    const opts = { cache: true, worker: false as const, env: { XDG_CACHE_HOME: join(dir, "cache") } };
    const { openLineage } = await import("../../src/store/open-lineage.js");
    expect(await openLineage(file, opts)).toMatchObject({ ok: true, via: "source" });
    expect(await openLineage(file, opts)).toMatchObject({ ok: true, via: "cache" });
    vi.resetModules();
    vi.doMock("../../src/store/store-version.js", () => ({
      buildId: () => "0123456789abcdef",
      storeVersion: () => "0.1.0+0123456789abcdef",
    }));
    const other = await import("../../src/store/open-lineage.js");
    expect(await other.openLineage(file, opts)).toMatchObject({ ok: true, via: "source" });
    expect(await other.openLineage(file, opts)).toMatchObject({ ok: true, via: "cache" });
  });
});
