/** What loading a lineage comes to: the lineage and its warnings, or every problem found. */
import type { PendingWarnings, Problem } from "../problem.js";
import type { LineageFile } from "../schema.js";

/**
 * A loaded lineage with its warnings, or every problem found, sorted by position. The warnings are located
 * in the file when first read (`pending` holds them until then: what a cache keeps).
 */
export type LoadResult =
  | {
      ok: true;
      file: string;
      lineage: LineageFile;
      readonly warnings: Problem[];
      pending: PendingWarnings;
      order?: string[];
    }
  | { ok: false; file: string; problems: Problem[] };
