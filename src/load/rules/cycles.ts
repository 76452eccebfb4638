/** Rule: the lineage is acyclic; a cycle is named with the models on it. */
import type { Issue } from "../../problem.js";
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
  const pending = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of ctx.modelIds) {
    const step = ctx.stepByTo.get(id)?.step;
    const parents = step ? [...new Set(step.from)].filter((p) => ctx.modelIds.has(p) && p !== id) : [];
    pending.set(id, parents.length);
    for (const p of parents) {
      const list = children.get(p);
      if (list) list.push(id);
      else children.set(p, [id]);
    }
  }
  const queue = [...pending].filter(([, n]) => n === 0).map(([id]) => id);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    order.push(id);
    for (const child of children.get(id) ?? []) {
      const left = pending.get(child)! - 1;
      pending.set(child, left);
      if (left === 0) queue.push(child);
    }
  }
  const placed = new Set(order);
  return { order, remaining: new Set([...ctx.modelIds].filter((id) => !placed.has(id))) };
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
