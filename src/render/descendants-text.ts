/** Human rendering of `descendants`: the count by relation in one line, then a table of relation by children and all. */
import type { DescendantsResult } from "../contract.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { fit } from "./wrap.js";

/** How a count of models made by a relation reads ("37,904 fine-tuned"): the documented kinds and the Hub's relations. */
const MADE: Readonly<Record<string, string>> = {
  pretraining: "pre-trained",
  "continued-pretraining": "further pre-trained",
  "code-training": "code-trained",
  "instruction-tuning": "instruction-tuned",
  "supervised-instruction-tuning": "instruction-tuned (supervised)",
  "fine-tuning": "fine-tuned",
  rlhf: "RLHF-tuned",
  "dialogue-rlhf": "dialogue-RLHF-tuned",
  "preference-optimization": "preference-optimized",
  "behavior-cloning": "behavior-cloned",
  distillation: "distilled",
  merge: "merged",
  quantization: "quantized",
  adapter: "adapters",
  unspecified: "unspecified",
  other: "other",
};

// Thousands separators by hand: an Intl.NumberFormat made when the module loads costs every start ~15 ms.
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** "9,120 quantized", "1 adapter"; a lineage's own kind reads "3 by KIND". */
function made(n: number, relation: string): string {
  if (relation === "adapter" && n === 1) return "1 adapter";
  const word = Object.hasOwn(MADE, relation) ? MADE[relation]! : `by ${escapeLine(relation)}`;
  return `${count(n)} ${word}`;
}

/** The answer in one line: how many descendants, within what depth, by relation. */
function answer(r: DescendantsResult): string {
  const model = escapeLine(r.model);
  const within = r.maxDepth === null ? "" : ` within ${count(r.maxDepth)} level${r.maxDepth === 1 ? "" : "s"}`;
  const more = r.cut ? " (more below)" : "";
  if (r.total === 0) return `${model} has no descendants${within}${more}.`;
  const noun = r.total === 1 ? "descendant" : "descendants";
  return `${model} has ${count(r.total)} ${noun}${within}${more}: ${r.relations.map((x) => made(x.all, x.relation)).join(", ")}`;
}

/** Levels listed one by one unless every level is asked for (`detail`); those below are summed. */
export const LEVELS_SHOWN = 5;

/**
 * "32,006 children, 8,797 at level 2, ..., 1 at level 40 (the deepest)"; past LEVELS_SHOWN levels, without
 * `detail`, the rest in one sum ("452 at levels 6 to 40") and a hint.
 */
function levels(r: DescendantsResult, detail: boolean): string {
  const one = (d: { depth: number; count: number }) =>
    d.depth === 1
      ? `${count(d.count)} ${d.count === 1 ? "child" : "children"}`
      : `${count(d.count)} at level ${count(d.depth)}`;
  const folded = !detail && r.byDepth.length > LEVELS_SHOWN + 1;
  const parts = (folded ? r.byDepth.slice(0, LEVELS_SHOWN) : r.byDepth).map(one);
  if (folded) {
    const rest = r.byDepth.slice(LEVELS_SHOWN).reduce((n, d) => n + d.count, 0);
    parts.push(`${count(rest)} at levels ${LEVELS_SHOWN + 1} to ${count(r.deepest)}`);
  }
  const last = r.cut ? " (the deepest counted; more below)" : " (the deepest)";
  const tail = r.deepest > 1 ? last : r.cut ? " (more below)" : "";
  return `${parts.join(", ")}${tail}.${folded ? " (-v: every level)" : ""}`;
}

/** Renders the count of a model's descendants. */
export function renderDescendantsText(r: DescendantsResult, opts: RenderOptions): string {
  const c = opts.painter;
  const head = fit([answer(r)], opts.width);
  if (r.total === 0) return `${head.join("\n")}\n`;
  const table = textTable(["relation", "children", r.maxDepth === null ? "all" : "all within depth"], opts);
  for (const x of r.relations) {
    table.push([escapeLine(x.relation), count(x.direct), count(x.all)]);
    // What the importer read the undeclared ones as, beneath them.
    if (x.relation === "unspecified")
      for (const u of r.unspecified) table.push([`  read as ${escapeLine(u.readAs)}`, count(u.direct), count(u.all)]);
  }
  table.push([c.bold("total"), c.bold(count(r.direct)), c.bold(count(r.total))]);
  const tail = fit([`By level: ${levels(r, opts.detail)}`], opts.width);
  return `${[...head, "", table.toString(), "", ...tail].join("\n")}\n`;
}
