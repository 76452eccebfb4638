/** Human rendering of `roadmap`: numbered steps, what each contributes, how sure, and open approximations. */
import type { RoadmapResult } from "../contract.js";
import { confidenceText, edge, evidenceLines } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";


/** Renders a roadmap for people. */
export function renderRoadmapText(r: RoadmapResult, opts: RenderOptions): string {
  const c = opts.painter;
  const lines = [`${c.bold(`Roadmap to ${escapeLine(r.model)}`)}: ${r.steps.length} step${r.steps.length === 1 ? "" : "s"}, in order`, ""];
  for (const s of r.steps) {
    const name = escapeLine(s.label ?? s.kind) + (s.method ? ` (${escapeLine(s.method)})` : "");
    lines.push(`${String(s.order).padStart(2)}. ${c.bold(name)}  ${edge(s.from, s.to)}  parentage: ${confidenceText(s.confidence, opts)}`);
    const gives = s.contributes.filter((x) => x.effect === "introduced" || x.effect === "unlocked");
    const other = s.contributes.filter((x) => !(x.effect === "introduced" || x.effect === "unlocked"));
    if (gives.length) lines.push(`    contributes: ${gives.map((x) => `${escapeLine(x.ability)} (${x.effect}, ${x.confidence})`).join(", ")}`);
    if (other.length) lines.push(`    also:        ${other.map((x) => `${escapeLine(x.ability)} ${x.effect} (${x.confidence})`).join(", ")}`);
    if (!s.contributes.length) lines.push(`    contributes: ${c.dim("(no claims recorded)")}`);
    lines.push(`    open approximations: ${s.approximations.length ? s.approximations.map((a) => escapeLine(a.name)).join(", ") : c.dim("none named")}`);
    lines.push(...evidenceLines(s.evidence.slice(0, 3), "    - ", opts));
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
