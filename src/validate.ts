/** validate as a library function: a lineage file's problems, and what it holds when it is valid. */
import type { Problem } from "./problem.js";
import type { LoadResult } from "./load/load-lineage.js";
import { openLineage, type OpenOptions } from "./store/open-lineage.js";

/** What `validate` found in one lineage. */
export interface Validation {
  ok: boolean;
  /** The name used in the problems. */
  file: string;
  /** The errors when invalid; the warnings when valid. */
  problems: Problem[];
  /** How much the lineage holds, when it is valid. */
  counts?: { models: number; steps: number; abilities: number; claims: number };
}

function validation(result: LoadResult): Validation {
  if (!result.ok) return { ok: false, file: result.file, problems: result.problems };
  const l = result.lineage;
  const claims = l.steps.reduce((n, s) => n + s.claims.length, 0);
  const counts = {
    models: Object.keys(l.models).length,
    steps: l.steps.length,
    abilities: Object.keys(l.abilities).length,
    claims,
  };
  return { ok: true, file: result.file, problems: result.warnings, counts };
}

/**
 * Validates a lineage file, opened as every command opens it (`opts.cwd` places a relative path). Never throws.
 * On one thread unless `opts.worker` asks otherwise: validating builds no graph, and the parallel load's
 * second copy of the parsed lineage (on the worker) cost 60% more peak memory for no time saved.
 */
export async function validateFile(file: string, opts: OpenOptions = {}): Promise<Validation> {
  return validation(await openLineage(file, { placeWarnings: true, worker: false, ...opts }));
}

/** Validates lineage text; `file` names it in messages (a `.json` name selects strict JSON). Never throws. */
export async function validateText(text: string, file: string): Promise<Validation> {
  const { loadLineageText } = await import("./load/load-lineage.js");
  return validation(loadLineageText(text, file));
}
