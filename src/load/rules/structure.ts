/** Rules on the shape of the graph: one step per model, no self-parent, no repeated parent, no orphan. */
import type { Issue } from "../../problem.js";
import type { RuleContext } from "./context.js";

/** Reports a model made by more than one step. */
export function checkOneStepPerModel(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, i) => {
    const first = ctx.stepByTo.get(step.to);
    if (first && first.index !== i) {
      issues.push({
        path: ["steps", i, "to"],
        message: `model '${step.to}' is already made by step '${first.step.id}' (a model is made by one step; record other readings under 'alternatives')`,
      });
    }
  });
  return issues;
}

/** Reports a step that lists its own result, or one parent twice, among its parents. */
export function checkParents(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, i) => {
    // The common step, one parent not itself and no alternatives, needs no list and no set.
    if (step.from.length < 2 && !step.alternatives?.length && step.from[0] !== step.to) return;
    const readings = [{ from: step.from, path: ["steps", i, "from"] as (string | number)[] }];
    step.alternatives?.forEach((alt, a) =>
      readings.push({ from: alt.from, path: ["steps", i, "alternatives", a, "from"] }),
    );
    for (const { from, path } of readings) {
      const seen = new Set<string>();
      from.forEach((parent, p) => {
        if (parent === step.to)
          issues.push({ path: [...path, p], message: `step '${step.id}' makes '${step.to}' from itself` });
        else if (seen.has(parent)) issues.push({ path: [...path, p], message: `parent '${parent}' is listed twice` });
        seen.add(parent);
      });
    }
  });
  return issues;
}

/** Warns about a model that no step makes (it is treated as a root with no claims), unless it is marked external: described elsewhere. */
export function checkOrphans(ctx: RuleContext): Issue[] {
  return [...ctx.modelIds]
    .filter((id) => !ctx.stepByTo.has(id) && ctx.lineage.models[id]!.external !== true)
    .map((id) => ({
      path: ["models", id],
      atKey: true,
      severity: "warning" as const,
      message: `model '${id}' is made by no step (add a step with 'to: ${id}'; 'from: []' for a root)`,
    }));
}
