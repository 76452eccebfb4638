/**
 * A hub dump read as a lineage (what `--lineage FILE.jsonl` opens): its rows streamed through the
 * importer (dump.ts) and merged (merge-fragments.ts) exactly as `import hf` does, with where each entry came
 * from, so that storage can place a problem at its row. The one module of src/import that src/store reads.
 */
import { LIMITS } from "../limits.js";
import type { LineageFile } from "../schema.js";
import { importDumpFile } from "./dump.js";
import type { ImportProblem } from "./fragment.js";

export type { ImportProblem } from "./fragment.js";
import { FragmentMerger, type ImportLines, type ImportRoots } from "./merge-fragments.js";

/** A dump as a lineage value (not yet validated), the problems met reading its rows, and the rows' lines. */
export interface DumpLineage {
  lineage: LineageFile;
  /** Problems of the rows and of merging them; each has the line of its row where it has one. */
  problems: ImportProblem[];
  lines: ImportLines;
  roots: ImportRoots;
  rows: number;
}

/**
 * Reads the dump at `path` (named `file` in problems and in its source's title) into a lineage. At most
 * LIMITS.maxDumpRows rows are read. `onBytes` sees every chunk read (to hash exactly what was converted).
 * Never throws.
 */
export async function readDumpLineage(
  path: string,
  file: string,
  onBytes?: (chunk: Buffer) => void,
): Promise<DumpLineage> {
  const merger = new FragmentMerger();
  const { rows } = await importDumpFile(path, file, merger, { onBytes, maxRows: LIMITS.maxDumpRows });
  const name = file.split(/[\\/]/).pop()!;
  const result = merger.finish({ title: `Hub dump ${name}` });
  return { lineage: result.lineage, problems: result.problems, lines: result.lines, roots: result.roots, rows };
}
