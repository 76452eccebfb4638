/** Where the lineage that ships inside the package lives, found relative to the package, not the working directory. */
import { fileURLToPath } from "node:url";

/** Absolute path of the embedded `lineage.yaml` (this file sits in `src/load` or `dist/load`). */
export function embeddedLineagePath(): string {
  return fileURLToPath(new URL("../../lineage.yaml", import.meta.url));
}
