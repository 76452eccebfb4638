/** The error the library throws when a lineage cannot be loaded. */
import { formatProblem, type Problem } from "./problem.js";

/** Thrown by `loadLineage` with every problem found. */
export class LineageError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(
      problems
        .filter((p) => p.severity === "error")
        .map(formatProblem)
        .join("\n") || "invalid lineage",
    );
    this.name = "LineageError";
    this.problems = problems;
  }
}

/**
 * Thrown when a stored (cached) lineage's bytes, checked when opened, no longer match their digest when
 * an entry is first read: the entry is not used, and the command is run again from the source.
 */
export class DamagedEntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DamagedEntryError";
  }
}
