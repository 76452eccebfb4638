/** Human rendering of `diff`: a table in the article's notation, then the steps behind each change. */
import type { DiffResult } from "../contract.js";
import { NOTATION, stateSymbol } from "../vocabulary.js";
import { confidenceText, edge, stepName } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { fit } from "./wrap.js";

const RELATION: Record<DiffResult["relation"], string> = {
  same: "the same model",
  ancestor: "an ancestor of",
  descendant: "a descendant of",
  related: "related through common ancestors to",
  unrelated: "unrelated to",
};

type Row = DiffResult["changes"][number];

/** One side's state: its symbol and its words ("-- greatly weakened"), "again" when re-asserted past the common ancestor, a recorded lack said so. */
function sideCell(ch: Row, side: "from" | "to"): string {
  const state = side === "from" ? ch.before : ch.after;
  const size = (side === "from" ? ch.beforeSize : ch.afterSize) ?? "normal";
  const words = (side === "from" ? ch.beforeText : ch.afterText).replace(/^present, /, "");
  const again = side === "from" ? ch.againFrom : ch.againTo;
  const lacked = side === "from" ? ch.beforeLacked : ch.afterLacked;
  return `${stateSymbol(state, size) || " "} ${words}${again ? " again" : ""}${lacked && state === "absent" ? " (recorded as lacking)" : ""}`;
}

/** "a, b and c". */
function and(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Renders a diff result for people. */
export function renderDiffText(r: DiffResult, opts: RenderOptions): string {
  const c = opts.painter;
  const from = escapeLine(r.from);
  const to = escapeLine(r.to);
  const lines: string[] = [];
  const rel = r.relation === "same" ? `${from} is the same model as ${to}` : `${from} is ${RELATION[r.relation]} ${to}`;
  const common = r.commonAncestors.length
    ? `; nearest common ancestor${r.commonAncestors.length > 1 ? "s" : ""}: ${r.commonAncestors.map(escapeLine).join(", ")}`
    : "";
  lines.push(`${rel}${common}.`);
  if (r.reading) lines.push(`Under the parentage reading ${escapeLine(r.reading)}.`);
  if (r.changes.length === 0) {
    lines.push(`No ability differs between ${from} and ${to}.`);
    return `${fit(lines, opts.width).join("\n")}\n`;
  }
  const changed = r.changes.filter((ch) => ch.stateChanged).length;
  const again = r.changes.length - changed;
  lines.push(
    `${changed} abilit${changed === 1 ? "y changes" : "ies change"} state${again ? `; ${again} more ${again === 1 ? "is" : "are"} changed again past the common ancestry` : ""}:`,
    "",
  );
  const t = textTable(["ability", from, to, "explained by", "confidence"], opts);
  for (const ch of r.changes) {
    // The edge of each step only in detail: the side (< or >) already says which model it leads to.
    const steps = ch.steps
      .map(
        (s) =>
          `${s.side === "from" ? "<" : ">"} ${s.change} by ${stepName(s)}${opts.detail ? ` (${edge(s.from, s.to)})` : ""}`,
      )
      .join("\n");
    t.push([
      escapeLine(ch.ability),
      sideCell(ch, "from"),
      sideCell(ch, "to"),
      steps || c.dim("(the common ancestry)"),
      confidenceText(ch.confidence, c),
    ]);
  }
  lines.push(t.toString());
  const independent = r.changes.filter((ch) => ch.independent).map((ch) => escapeLine(ch.ability));
  if (independent.length) lines.push(`Gained independently on each side: ${and(independent)}.`);
  const readings = r.underReadings.filter((u) => u.abilities.length > 0);
  if (readings.length) {
    lines.push(
      `${c.bold("Parentage readings")}: ${readings.map((u) => `under ${escapeLine(u.step)}=${u.alternative} the row${u.abilities.length === 1 ? "" : "s"} of ${and(u.abilities.map(escapeLine))} change${u.abilities.length === 1 ? "s" : ""}`).join("; ")}`,
    );
  }
  lines.push("", c.dim(`< a step on ${from}'s side, > a step on ${to}'s side; ${NOTATION}`));
  return `${fit(lines, opts.width).join("\n")}\n`;
}
