/** tree: the lineage as a tree from its roots, or one model's ancestors or descendants, as flat lines. */
import { SCHEMA_VERSION } from "../vocabulary.js";
import type { TreeLineResult, TreeResult } from "../contract.js";
import {
  ancestors,
  childModels,
  foldAbility,
  knownName,
  madeHow,
  type LineageGraph,
  type MadeHow,
  resolve,
} from "../graph/index.js";
import { summarize, type Summary } from "./summarize.js";

/** What to draw: the whole lineage, or a model's ancestors or descendants; optionally to a depth and with an ability's state. */
export interface TreeArgs {
  model?: string;
  direction?: "ancestors" | "descendants";
  depth?: number;
  ability?: string;
}

/** A line to print: a model, and how the step that made it made it (the same meaning walking up or down). */
interface Child {
  model: string;
  how: MadeHow | null;
}

/** A model as a line: with its making, whichever way the tree is walked (a compact graph reads no step for it). */
function childOf(graph: LineageGraph, model: string): Child {
  return { model, how: madeHow(graph, model) };
}

/** Answers `tree`. Models reached twice (merges) are printed in full once and marked repeated after. */
export function tree(graph: LineageGraph, args: TreeArgs = {}): TreeResult {
  const model = args.model === undefined ? undefined : resolve(graph, "model", args.model);
  const ability = args.ability === undefined ? undefined : resolve(graph, "ability", args.ability);
  const direction = model === undefined ? "lineage" : (args.direction ?? "ancestors");
  const maxDepth = args.depth ?? Infinity;
  let states: Map<string, Pick<Summary, "state" | "size">> | undefined;
  if (ability !== undefined) {
    const models = direction === "ancestors" && model ? ancestors(graph, model) : graph.modelOrder;
    const fold = foldAbility(graph, ability, models);
    states = new Map(
      models.map((m) => {
        const { state, size } = summarize(graph, fold.readings.get(m)!);
        return [m, { state, size }];
      }),
    );
  }
  // Children of a line: its parents when walking up, else the models made from it; each with its making.
  const childrenOf = (id: string): Child[] =>
    (direction === "ancestors" ? (graph.madeBy.get(id)?.from ?? []) : childModels(graph, id)).map((m) =>
      childOf(graph, m),
    );
  const tops: Child[] =
    model !== undefined
      ? [childOf(graph, model)]
      : graph.modelOrder.filter((id) => (graph.madeBy.get(id)?.from.length ?? 0) === 0).map((id) => childOf(graph, id));
  const lines: TreeLineResult[] = [];
  const printed = new Set<string>();
  // Iterative depth-first walk: a stack of pending children, in reverse so they pop in order.
  const stack: { child: Child; depth: number; last: boolean }[] = tops
    .map((child, i) => ({ child, depth: 0, last: i === tops.length - 1 }))
    .reverse();
  // Whether a line at the depth limit has any children (so is cut), without reading them (a tree of a base
  // with 32,000 children read every grandchild's step only to count them; a lazy graph answers `has` from its index).
  const hasChildren = (id: string): boolean =>
    direction === "ancestors" ? (graph.madeBy.get(id)?.from.length ?? 0) > 0 : graph.childSteps.has(id);
  while (stack.length > 0) {
    const { child, depth, last } = stack.pop()!;
    const repeated = printed.has(child.model);
    const atLimit = depth >= maxDepth;
    const kids = repeated || atLimit ? [] : childrenOf(child.model);
    const cut = !repeated && atLimit && hasChildren(child.model);
    const { model: id, how } = child;
    const kind = how?.kind ?? null;
    const label = how?.label ?? null;
    const confidence = how?.confidence ?? null;
    const state = states?.get(id)?.state ?? null;
    const size = states?.get(id)?.size ?? null;
    const name = knownName(graph, id);
    const step = how === null ? null : how.step;
    // A line's name and step id, when the graph does not know them unread, are read when asked for (the JSON
    // asks; the text view does not). A line of getters costs several times a plain one to make: only then.
    if (name !== undefined && step !== undefined)
      lines.push({ depth, model: id, name, step, kind, label, confidence, state, size, repeated, cut, last });
    else
      lines.push({
        depth,
        model: id,
        get name() {
          return name ?? graph.models.get(id)!.name;
        },
        get step() {
          return step === undefined ? graph.madeBy.get(id)!.id : step;
        },
        kind,
        label,
        confidence,
        state,
        size,
        repeated,
        cut,
        last,
      });
    printed.add(child.model);
    if (repeated || cut) continue;
    for (let i = kids.length - 1; i >= 0; i--)
      stack.push({ child: kids[i]!, depth: depth + 1, last: i === kids.length - 1 });
  }
  return { schemaVersion: SCHEMA_VERSION, direction, model: model ?? null, ability: ability ?? null, lines };
}
