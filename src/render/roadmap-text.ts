/** Human rendering of `roadmap`: numbered steps, what each contributes, how sure, and open approximations. */
import type { RoadmapResult } from "../contract.js";
import { GIVES } from "../vocabulary.js";
import { confidenceText, edge, evidenceLines, Printed, sourceIds } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { DETAIL_HINT } from "./trace-text.js";
import { fit } from "./wrap.js";

/** Renders a roadmap for people. */
export function renderRoadmapText(r: RoadmapResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
  const lines = [
    `${c.bold(`Roadmap to ${escapeLine(r.model)}`)}: ${r.steps.length} step${r.steps.length === 1 ? "" : "s"}, in order`,
    "",
  ];
  for (const s of r.steps) {
    const name = escapeLine(s.label ?? s.kind) + (s.method ? ` (${escapeLine(s.method)})` : "");
    lines.push(
      `${String(s.order).padStart(2)}. ${c.bold(name)}  ${edge(s.from, s.to)}  parentage: ${confidenceText(s.confidence, c)}`,
    );
    const gives = s.contributes.filter((x) => GIVES.has(x.effect));
    const other = s.contributes.filter((x) => !GIVES.has(x.effect));
    if (gives.length)
      lines.push(
        `    contributes: ${gives.map((x) => `${escapeLine(x.ability)} (${x.effect}, ${x.confidence})`).join(", ")}`,
      );
    if (other.length)
      lines.push(
        `    also:        ${other.map((x) => `${escapeLine(x.ability)} ${x.effect} (${x.confidence})`).join(", ")}`,
      );
    if (!s.contributes.length) lines.push(`    contributes: ${c.dim("(no claims recorded)")}`);
    lines.push(
      `    open approximations: ${s.approximations.length ? s.approximations.map((a) => escapeLine(a.name)).join(", ") : c.dim("none named")}`,
    );
    if (opts.detail) lines.push(...evidenceLines(s.evidence, "    - ", opts, printed));
    else if (s.evidence.length) lines.push(`    sources: ${sourceIds(s.evidence)}`);
    lines.push("");
  }
  if (!opts.detail && r.steps.some((s) => s.evidence.length)) lines.push(c.dim(DETAIL_HINT));
  return `${fit(lines, opts.width).join("\n").trimEnd()}\n`;
}
