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
