/** Human rendering of `diff`: a table in the article's +/++/-/-- notation, then the steps behind each change. */
import type { DiffResult } from "../contract.js";
import { confidenceText, edge, stepName } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { fit } from "./wrap.js";
import { stateSymbol } from "../notation.js";


const RELATION: Record<DiffResult["relation"], string> = {
  same: "the same model",
  ancestor: "an ancestor of",
  descendant: "a descendant of",
  related: "related through common ancestors to",
  unrelated: "unrelated to",
};

/** Renders a diff result for people. */
export function renderDiffText(r: DiffResult, opts: RenderOptions): string {
  const c = opts.painter;
  const from = escapeLine(r.from);
  const to = escapeLine(r.to);
  const lines: string[] = [];
  const rel = r.relation === "same" ? `${from} is the same model as ${to}` : `${from} is ${RELATION[r.relation]} ${to}`;
  const common = r.commonAncestors.length ? `; nearest common ancestor${r.commonAncestors.length > 1 ? "s" : ""}: ${r.commonAncestors.map(escapeLine).join(", ")}` : "";
  lines.push(`${rel}${common}.`);
  if (r.changes.length === 0) {
    lines.push(`No ability differs between ${from} and ${to}.`);
    return `${fit(lines, opts.width).join("\n")}\n`;
  }
  const changed = r.changes.filter((ch) => ch.stateChanged).length;
  const again = r.changes.length - changed;
  lines.push(`${changed} abilit${changed === 1 ? "y changes" : "ies change"} state${again ? `; ${again} more ${again === 1 ? "is" : "are"} changed again in the same direction` : ""}:`, "");
  const t = textTable(["ability", from, to, "explained by", "confidence"], opts);
  for (const ch of r.changes) {
    const again = (side: "from" | "to") => !ch.stateChanged && ch.steps.some((st) => st.side === side);
    const cell = (state: string, side: "from" | "to") => `${stateSymbol(state) || " "} ${state}${again(side) ? " again" : ""}`;
    // The edge of each step only in detail: the side (< or >) already says which model it leads to.
    const steps = ch.steps.map((s) => `${s.side === "from" ? "<" : ">"} ${s.effect} by ${stepName(s)}${opts.detail ? ` (${edge(s.from, s.to)})` : ""}`).join("\n");
    t.push([escapeLine(ch.ability), cell(ch.before, "from"), cell(ch.after, "to"), steps || c.dim("(the common ancestry)"), confidenceText(ch.confidence, c)]);
  }
  lines.push(t.toString(), "", c.dim(`< a step on ${from}'s side, > a step on ${to}'s side; + introduced/unlocked/restored, ++ strengthened, - weakened, -- lost`));
  return `${fit(lines, opts.width).join("\n")}\n`;
}
