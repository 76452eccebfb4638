// Build step: dist/build-id, the id of this build, a digest of what decides whether a lineage is valid and how
// it is stored: the sources (rules, schema, limits, the compact layout) and the locked dependencies (the
// parsers, zod). Stored lineages (cache entries, the compiled embedded copy) are keyed by it with the version,
// so a build with other rules never trusts what another build checked, even under the same version number.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The files the id digests, relative to `root`, sorted: src/ whole, package.json and package-lock.json. */
function inputs(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(relative(root, path).split("\\").join("/"));
    }
  };
  walk(join(root, "src"));
  files.push("package.json", "package-lock.json");
  return files.sort();
}

/** The build id of the package at `root`: 16 hex digits of the sha256 of its inputs' names and contents. */
export function buildIdOf(root) {
  const hash = createHash("sha256");
  for (const file of inputs(root)) {
    let bytes;
    try {
      bytes = readFileSync(join(root, file));
    } catch {
      bytes = Buffer.alloc(0); // no lockfile: the id covers its absence
    }
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest("hex").slice(0, 16);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  mkdirSync(join(root, "dist"), { recursive: true });
  writeFileSync(join(root, "dist", "build-id"), `${buildIdOf(root)}\n`);
}
