/** Where the lineage that ships inside the package lives, found relative to the package, not the working directory. */
import { join } from "node:path";
import { packageDir } from "../package-root.js";

/** Absolute path of the embedded `lineage.yaml`. */
export function embeddedLineagePath(): string {
  return join(packageDir(), "lineage.yaml");
}

/** Where the build writes the compiled (pre-validated) embedded lineage. */
export function compiledEmbeddedPath(): string {
  return join(packageDir(), "dist", "embedded-lineage.captrace");
}
