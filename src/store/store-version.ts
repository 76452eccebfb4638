/**
 * What a stored lineage (a cache entry, the compiled embedded copy) must have been made by to be trusted:
 * this version of captrace, built from these sources. The build writes its id (dist/build-id, by
 * scripts/build-id.mjs); two builds of one version number may check lineages differently (a rule added, a
 * limit changed), so the version alone does not decide.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageDir, packageVersion } from "../package-root.js";

let id: string | undefined;

/** This build's id, read once from dist/build-id; `unbuilt` when there is none (code run from its sources). */
export function buildId(): string {
  if (id !== undefined) return id;
  try {
    const text = readFileSync(join(packageDir(), "dist", "build-id"), "utf8").trim();
    id = /^[0-9a-f]{8,64}$/.test(text) ? text : "unbuilt";
  } catch {
    id = "unbuilt";
  }
  return id;
}

/** The version stored lineages are keyed by: `VERSION+BUILD` (e.g. `0.1.0+3f2a9c0d1e4b5a67`). */
export function storeVersion(): string {
  return `${packageVersion()}+${buildId()}`;
}
