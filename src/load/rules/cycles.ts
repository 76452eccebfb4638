/** Rule: the lineage is acyclic; a cycle is named with the models on it. */
import type { Issue } from "../../problem.js";
import { lineageOrder } from "../lineage-order.js";
import type { RuleContext } from "./context.js";

const kahnMemo = new WeakMap<RuleContext, { order: string[]; remaining: Set<string> }>();

/** Models in an order where every parent comes before its children, or undefined on a cycle. */
export function topologicalOrder(ctx: RuleContext): string[] | undefined {
  const { order, remaining } = kahn(ctx);
  return remaining.size === 0 ? order : undefined;
}

/** Kahn's algorithm, run once per file (two rules need it). */
function kahn(ctx: RuleContext): { order: string[]; remaining: Set<string> } {
  const hit = kahnMemo.get(ctx);
  if (hit) return hit;
  const result = kahnOnce(ctx);
  kahnMemo.set(ctx, result);
  return result;
}

function kahnOnce(ctx: RuleContext): { order: string[]; remaining: Set<string> } {
  // The same order the graph uses (ties in file order), so the graph need not compute it again.
  const ids = [...ctx.modelIds];
  const order = lineageOrder(ids, (id) => ctx.stepByTo.get(id)?.step.from);
  if (order.length === ids.length) return { order, remaining: new Set() };
  const placed = new Set(order);
  return { order, remaining: new Set(ids.filter((id) => !placed.has(id))) };
}

/** Reports each cycle once, as `a -> b -> c -> a`, at the step that makes its first model. */
export function checkCycles(ctx: RuleContext): Issue[] {
  const { remaining } = kahn(ctx);
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const start of remaining) {
    if (reported.has(start)) continue;
    // Walk parents inside the leftover set until a model repeats: that loop is a cycle.
    const seenAt = new Map<string, number>();
    const walk: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !seenAt.has(cur)) {
      seenAt.set(cur, walk.length);
      walk.push(cur);
      const parents: string[] = ctx.stepByTo.get(cur)?.step.from ?? [];
      cur = parents.find((p) => remaining.has(p) && p !== cur);
    }
    if (cur === undefined) continue;
    const loop = walk.slice(seenAt.get(cur)).reverse(); // parent -> child order
    if (loop.some((id) => reported.has(id))) continue;
    loop.forEach((id) => reported.add(id));
    const first = [...loop].sort()[0]!;
    const rotated = [...loop.slice(loop.indexOf(first)), ...loop.slice(0, loop.indexOf(first))];
    const made = ctx.stepByTo.get(first)!;
    issues.push({
      path: ["steps", made.index, "from"],
      message: `cycle in the lineage: ${[...rotated, first].join(" -> ")}`,
    });
  }
  return issues;
}

/**
 * Reports an alternative parentage that would form a cycle: a parent it names descends from the model
 * the step makes (through the primary parents), so that reading of the lineage could not be drawn.
 */
export function checkAlternativeCycles(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  ctx.lineage.steps.forEach((step, s) => {
    if (!step.alternatives?.length || ctx.stepByTo.get(step.to)?.index !== s) return;
    step.alternatives.forEach((alt, a) => {
      alt.from.forEach((parent, p) => {
        if (parent === step.to) return; // reported by checkParents
        const way = primaryPath(ctx, parent, step.to);
        if (way) {
          issues.push({
            path: ["steps", s, "alternatives", a, "from", p],
            message: `alternative parent '${parent}' of '${step.to}' would form a cycle: ${[...way.reverse(), step.to].join(" -> ")}`,
          });
        }
      });
    });
  });
  return issues;
}

/** The primary ancestry from `from` up to `target` (from first), or undefined when `target` is not an ancestor. */
function primaryPath(ctx: RuleContext, from: string, target: string): string[] | undefined {
  const cameFrom = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q]!;
    if (id === target) {
      const way: string[] = [];
      for (let cur: string | null | undefined = id; cur != null; cur = cameFrom.get(cur)) way.push(cur);
      return way.reverse();
    }
    for (const parent of ctx.stepByTo.get(id)?.step.from ?? []) {
      if (!cameFrom.has(parent)) {
        cameFrom.set(parent, id);
        queue.push(parent);
      }
    }
  }
  return undefined;
}
