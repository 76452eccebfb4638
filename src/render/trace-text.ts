/** Human rendering of `trace`: a one-line answer first, then the chain, in the spirit of `npm explain`. */
import type { TraceResult } from "../contract.js";
import { confidenceText, edge, entryBlock, evidenceLines, parentageLines, stepName } from "./evidence-text.js";
import { escapeLine, escapeText } from "./escape.js";
import type { RenderOptions } from "./options.js";


/** The one-line answer: what gave the ability, what changed it since, and how sure. */
export function traceSummary(r: TraceResult): string {
  const head = `${escapeLine(r.ability)} in ${escapeLine(r.model)}`;
  if (r.history.length === 0) {
    return `${head}: absent (no step on its lineage introduces or unlocks it)`;
  }
  const start = r.introducedBy ? r.history.findIndex((e) => e.step === r.introducedBy!.step && e.effect === r.introducedBy!.effect) : 0;
  const parts = r.history.slice(Math.max(0, start)).map((e) => `${e.effect} by ${stepName(e)} (${edge(e.from, e.to)})`);
  const state = r.present ? "" : ` (${r.state}: not present)`;
  return `${head}${state}: ${parts.join(", ")}; confidence: ${r.confidence}`;
}

/** Renders a trace result for people. */
export function renderTraceText(r: TraceResult, opts: RenderOptions): string {
  const c = opts.painter;
  const lines: string[] = [traceSummary(r).replace(/confidence: (\w+)$/, (_, l: string) => `confidence: ${confidenceText(l, opts)}`), ""];
  if (!r.agreement) {
    lines.push(c.yellow(`Paths disagree: ${r.readings.length} readings reach ${escapeLine(r.model)}${r.truncated ? " (more exist; only the first are kept)" : ""}.`));
    r.readings.forEach((reading, i) => {
      lines.push(`  ${i + 1}. ${reading.state} (confidence: ${reading.confidence}) via ${reading.path.map(escapeLine).join(" -> ")}`);
    });
    lines.push("");
  }
  lines.push(`${c.bold("Path")}: ${r.path.map(escapeLine).join(" -> ")}`);
  if (r.history.length > 0) {
    lines.push("", c.bold("History"));
    for (const e of r.history) lines.push(...entryBlock(e, opts));
  }
  if (r.lacks.length > 0) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      lines.push(`  ${escapeLine(l.model)}  confidence: ${confidenceText(l.confidence, opts)}${l.note ? `: ${escapeText(l.note)}` : ""}`);
      lines.push(...evidenceLines(l.evidence, "    - ", opts));
    }
  }
  if (!r.present) {
    lines.push("");
    if (r.elsewhere.length > 0) {
      const more = r.elsewhereTotal > r.elsewhere.length ? `, and ${r.elsewhereTotal - r.elsewhere.length} more` : "";
      lines.push(`${c.bold("Present elsewhere in the lineage")}: ${r.elsewhere.map((e) => `${escapeLine(e.model)} (${e.state})`).join(", ")}${more}`);
    } else {
      lines.push(`No model in the lineage has ${escapeLine(r.ability)}.`);
    }
  }
  if (r.parentage.length > 0) {
    lines.push("", c.bold("Parentage along the path"));
    for (const p of r.parentage) lines.push(...parentageLines(p, opts));
  }
  return `${lines.join("\n")}\n`;
}
