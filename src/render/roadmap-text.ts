/** Human rendering of `roadmap`: numbered steps, what each contributes, how sure, and open approximations. */
import type { RoadmapResult } from "../contract.js";
import { GIVES } from "../vocabulary.js";
import { confidenceText, edge, evidenceLines } from "./evidence-text.js";
import { painter, safeLine, type RenderOptions } from "./style.js";

/** Renders a roadmap for people. */
export function renderRoadmapText(r: RoadmapResult, opts: RenderOptions): string {
  const c = painter(opts);
  const lines = [`${c.bold(`Roadmap to ${safeLine(r.model)}`)}: ${r.steps.length} step${r.steps.length === 1 ? "" : "s"}, in order`, ""];
  for (const s of r.steps) {
    const name = safeLine(s.label ?? s.kind) + (s.method ? ` (${safeLine(s.method)})` : "");
    lines.push(`${String(s.order).padStart(2)}. ${c.bold(name)}  ${edge(s.from, s.to)}  parentage: ${confidenceText(s.confidence, opts)}`);
    const gives = s.contributes.filter((x) => GIVES.has(x.effect));
    const other = s.contributes.filter((x) => !GIVES.has(x.effect));
    if (gives.length) lines.push(`    contributes: ${gives.map((x) => `${safeLine(x.ability)} (${x.effect}, ${x.confidence})`).join(", ")}`);
    if (other.length) lines.push(`    also:        ${other.map((x) => `${safeLine(x.ability)} ${x.effect} (${x.confidence})`).join(", ")}`);
    if (!s.contributes.length) lines.push(`    contributes: ${c.dim("(no claims recorded)")}`);
    lines.push(`    open approximations: ${s.approximations.length ? s.approximations.map((a) => safeLine(a.name)).join(", ") : c.dim("none named")}`);
    lines.push(...evidenceLines(s.evidence.slice(0, 3), "    - ", opts));
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
