/** Rule: step kinds come from the documented vocabulary (others are allowed, with a warning). */
import { STEP_KINDS } from "../../vocabulary.js";
import type { Issue } from "../../problem.js";
import { suggest } from "../../suggest.js";
import type { RuleContext } from "./context.js";

/** Warns about a kind outside the vocabulary, suggesting the nearest one. */
export function checkStepKinds(ctx: RuleContext): Issue[] {
  const known = Object.keys(STEP_KINDS);
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, i) => {
    if (Object.prototype.hasOwnProperty.call(STEP_KINDS, step.kind)) return;
    const near = suggest(step.kind, known);
    issues.push({
      path: ["steps", i, "kind"],
      severity: "warning",
      message: `step kind '${step.kind}' is not in the documented vocabulary${near ? ` (did you mean ${near}?)` : ""}`,
    });
  });
  return issues;
}
