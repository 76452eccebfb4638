/** What each importer returns: pieces of a lineage and the problems met, to be merged by `mergeFragments`. */
import type { ModelEntry, SourceEntry, StepEntry } from "../schema.js";

/** A problem with one input file: never thrown, always named by file. */
export interface ImportProblem {
  file: string;
  severity: "error" | "warning";
  message: string;
  /** The line of the input the problem is on (a hub dump's row), when there is one. */
  line?: number;
}

/** A model an importer describes, with its Hub repo id (the lineage id is derived from it). */
export interface ImportedModel {
  hubId: string;
  entry: ModelEntry;
  /** The line of the input that describes it (a hub dump's row), when there is one. */
  line?: number;
}

/** A step declared by an input: the model it makes, its parents (Hub repo ids) and the rest of the step. */
export interface ImportedStep {
  to: string;
  from: string[];
  step: Omit<StepEntry, "id" | "from" | "to">;
  /** The file that declared it, for conflict messages. */
  file: string;
  /** The line of the input that declared it (a hub dump's row), when there is one. */
  line?: number;
}

/** The pieces one input contributes. */
export interface Fragment {
  models: ImportedModel[];
  steps: ImportedStep[];
  sources: Record<string, SourceEntry>;
  problems: ImportProblem[];
}

/** An empty fragment, optionally carrying one problem. */
export function emptyFragment(problem?: ImportProblem): Fragment {
  return { models: [], steps: [], sources: {}, problems: problem ? [problem] : [] };
}
