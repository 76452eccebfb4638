/** Human rendering of `diff`: a table in the article's +/++/-/-- notation, then the steps behind each change. */
import type { DiffResult } from "../contract.js";
import { confidenceText, edge, stepName } from "./evidence-text.js";
import { painter, safeLine, stateSymbol, table, type RenderOptions } from "./style.js";

const RELATION: Record<DiffResult["relation"], string> = {
  same: "the same model",
  ancestor: "an ancestor of",
  descendant: "a descendant of",
  related: "related through common ancestors to",
  unrelated: "unrelated to",
};

/** Renders a diff result for people. */
export function renderDiffText(r: DiffResult, opts: RenderOptions): string {
  const c = painter(opts);
  const from = safeLine(r.from);
  const to = safeLine(r.to);
  const lines: string[] = [];
  const rel = r.relation === "same" ? `${from} is the same model as ${to}` : `${from} is ${RELATION[r.relation]} ${to}`;
  const common = r.commonAncestors.length ? `; nearest common ancestor${r.commonAncestors.length > 1 ? "s" : ""}: ${r.commonAncestors.map(safeLine).join(", ")}` : "";
  lines.push(`${rel}${common}.`);
  if (r.changes.length === 0) {
    lines.push(`No ability differs between ${from} and ${to}.`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(`${r.changes.length} abilit${r.changes.length === 1 ? "y differs" : "ies differ"}:`, "");
  const t = table(["ability", from, to, "explained by", "confidence"], opts);
  for (const ch of r.changes) {
    const cell = (state: string) => `${stateSymbol(state) || " "} ${state}`;
    const steps = ch.steps.map((s) => `${s.side === "from" ? "<" : ">"} ${s.effect} by ${stepName(s)} (${edge(s.from, s.to)})`).join("\n");
    t.push([safeLine(ch.ability), cell(ch.before), cell(ch.after), steps || c.dim("(the common ancestry)"), confidenceText(ch.confidence, opts)]);
  }
  lines.push(t.toString(), "", c.dim(`< a step on ${from}'s side, > a step on ${to}'s side; + introduced/unlocked/restored, ++ strengthened, - weakened, -- lost`));
  return `${lines.join("\n")}\n`;
}
