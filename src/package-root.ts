/** Finds the package's own directory from wherever this code runs (src/, dist/ or the bundle). */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: { dir: string; version: string } | undefined;

function find(): { dir: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "captrace") return { dir, version: pkg.version ?? "0.0.0" };
    } catch {
      // no package.json here: keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("captrace's package.json was not found above its code");
    dir = parent;
  }
}

/** The directory holding captrace's package.json. */
export function packageDir(): string {
  root ??= find();
  return root.dir;
}

/** captrace's version, e.g. `0.1.0`. */
export function packageVersion(): string {
  root ??= find();
  return root.version;
}
