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

/**
 * The loop reached from `start` by walking parents inside `remaining` (the models a topological sort could not
 * place) until a model repeats, parent -> child order; undefined if the walk leaves the set.
 */
function loopFrom(
  start: string,
  remaining: ReadonlySet<string>,
  parentsOf: (id: string) => readonly string[] | undefined,
): string[] | undefined {
  const seenAt = new Map<string, number>();
  const walk: string[] = [];
  let cur: string | undefined = start;
  while (cur !== undefined && !seenAt.has(cur)) {
    seenAt.set(cur, walk.length);
    walk.push(cur);
    const here: string = cur;
    cur = (parentsOf(here) ?? []).find((p) => remaining.has(p) && p !== here);
  }
  return cur === undefined ? undefined : walk.slice(seenAt.get(cur)).reverse();
}

/** Reports each cycle once, as `a -> b -> c -> a`, at the step that makes its first model. */
export function checkCycles(ctx: RuleContext): Issue[] {
  const { remaining } = kahn(ctx);
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const start of remaining) {
    if (reported.has(start)) continue;
    const loop = loopFrom(start, remaining, (id) => ctx.stepByTo.get(id)?.step.from);
    if (!loop || loop.some((id) => reported.has(id))) continue;
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
 * Reports alternative parentages that would form a cycle, alone or together: a reading takes one parent set
 * per step, and a loop enters each model once, through one of its step's parent sets, so some reading is
 * cyclic exactly when the graph of every parent set at once has a cycle. One linear pass finds them (a walk
 * per alternative took time quadratic in the models); each loop is reported at the alternative parent of its step first in the
 * file, with the reading that draws it.
 */
export function checkAlternativeCycles(ctx: RuleContext): Issue[] {
  const made = [...ctx.stepByTo.values()].filter(({ step }) => step.alternatives?.length);
  if (made.length === 0) return [];
  // A cycle of primary parents is checkCycles's to report. (Asked after the alternatives: a lineage without
  // any, such as a hub dump, needs no sort here.)
  if (topologicalOrder(ctx) === undefined) return [];
  const every = new Map<string, string[]>();
  for (const { step } of made) {
    const parents = new Set(step.from);
    for (const alt of step.alternatives!)
      for (const p of alt.from) if (p !== step.to && ctx.modelIds.has(p)) parents.add(p);
    every.set(step.to, [...parents]);
  }
  const parentsOf = (id: string) => every.get(id) ?? ctx.stepByTo.get(id)?.step.from;
  const ids = [...ctx.modelIds];
  const order = lineageOrder(ids, parentsOf);
  if (order.length === ids.length) return [];
  const placed = new Set(order);
  const remaining = new Set(ids.filter((id) => !placed.has(id)));
  const issues: Issue[] = [];
  const reported = new Set<string>();
  for (const start of remaining) {
    if (reported.has(start)) continue;
    const loop = loopFrom(start, remaining, parentsOf);
    if (!loop || loop.some((id) => reported.has(id))) continue;
    loop.forEach((id) => reported.add(id));
    // Each model's way in: its parent on the loop, as a primary parent or through its first alternative naming it.
    const choices: { model: string; step: string; s: number; a: number; p: number }[] = [];
    loop.forEach((child, i) => {
      const parent = loop[(i + loop.length - 1) % loop.length]!;
      const { step, index } = ctx.stepByTo.get(child)!;
      if (step.from.includes(parent)) return;
      const a = step.alternatives!.findIndex((alt) => alt.from.includes(parent));
      choices.push({ model: child, step: step.id, s: index, a, p: step.alternatives![a]!.from.indexOf(parent) });
    });
    // Reported at the alternative of the step first in the file, the reading in file order.
    choices.sort((x, y) => x.s - y.s);
    const first = choices[0]!;
    const at = loop.indexOf(first.model);
    const drawn = [...loop.slice(at), ...loop.slice(0, at), first.model];
    const parent = drawn[drawn.length - 2]!;
    const reading = choices.map((c) => `${c.step}=${c.a + 1}`).join(",");
    issues.push({
      path: ["steps", first.s, "alternatives", first.a, "from", first.p],
      message:
        choices.length === 1
          ? `alternative parent '${parent}' of '${first.model}' would form a cycle: ${drawn.join(" -> ")}`
          : `alternative parent '${parent}' of '${first.model}' would form a cycle under the reading ${reading}: ${drawn.join(" -> ")}`,
    });
  }
  return issues;
}
