/**
 * Human rendering of `trace`, in the spirit of `npm explain`: the one-line answer, the path, one line per
 * step that changed the ability; notes, evidence, parentage and alternative readings with `detail`.
 */
import type { TraceResult } from "../contract.js";
import { confidenceText, entryBlock, entryLine, evidenceLines, noteLines, parentageLines, Printed, sourceIds, stepName } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { fit } from "./wrap.js";

/** The one-line answer: what gave the ability, in which model, what changed it since, and how sure (the path shows the edges). */
export function traceSummary(r: TraceResult): string {
  const head = `${escapeLine(r.ability)} in ${escapeLine(r.model)}`;
  if (r.history.length === 0) {
    return `${head}: absent (no step on its lineage introduces or unlocks it)`;
  }
  const start = r.introducedBy ? r.history.findIndex((e) => e.step === r.introducedBy!.step && e.effect === r.introducedBy!.effect) : 0;
  const parts = r.history.slice(Math.max(0, start)).map((e) => `${e.effect} by ${stepName(e)} in ${escapeLine(e.to)}`);
  const state = r.present ? "" : ` (${r.state}: not present)`;
  return `${head}${state}: ${parts.join(", ")}; confidence: ${r.confidence}`;
}

/** The hint that ends a short answer which left something out. */
export const DETAIL_HINT = "(--evidence: notes, evidence and parentage)";

/** Renders a trace result for people: the answer first, the detail on request. */
export function renderTraceText(r: TraceResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
  const lines: string[] = [traceSummary(r).replace(/confidence: (\w+)$/, (_, l: string) => `confidence: ${confidenceText(l, c)}`), ""];
  lines.push(`${c.bold("Path")}: ${r.path.map(escapeLine).join(" -> ")}`);
  if (!r.agreement) {
    lines.push("", c.yellow(`Paths disagree: ${r.readings.length} readings reach ${escapeLine(r.model)}${r.truncated ? " (more exist; only the first are kept)" : ""}.`));
    r.readings.forEach((reading, i) => {
      lines.push(`  ${i + 1}. ${reading.state} (confidence: ${reading.confidence}) via ${reading.path.map(escapeLine).join(" -> ")}`);
    });
  }
  if (r.history.length > 0) {
    lines.push("", c.bold(opts.detail ? "History" : "Steps that changed it"));
    for (const e of r.history) {
      if (opts.detail) lines.push(...entryBlock(e, opts, printed));
      else lines.push(entryLine(e, "  ", opts));
    }
  }
  if (r.lacks.length > 0) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      const sources = opts.detail || !l.evidence.length ? "" : `; ${sourceIds(l.evidence)}`;
      lines.push(`  ${escapeLine(l.model)}: ${confidenceText(l.confidence, c)}${sources}`);
      if (opts.detail) lines.push(...noteLines(l.note, "    ", printed), ...evidenceLines(l.evidence, "    - ", opts, printed));
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
  const doubtful = r.parentage.filter((p) => p.alternatives.length > 0);
  if (opts.detail && r.parentage.length > 0) {
    lines.push("", c.bold("Parentage along the path"));
    for (const p of r.parentage) lines.push(...parentageLines(p, opts, printed));
  } else if (doubtful.length > 0) {
    const steps = doubtful.map((p) => escapeLine(p.step));
    lines.push("", `${c.bold("Parentage")}: ${steps.join(", ")} ${steps.length === 1 ? "has" : "have"} another reading`);
  }
  if (!opts.detail && hasDetail(r)) lines.push("", c.dim(DETAIL_HINT));
  return `${fit(lines, opts.width).join("\n")}\n`;
}

/** True when `detail` would print more: a note, a piece of evidence, or the parentage. */
function hasDetail(r: TraceResult): boolean {
  return r.history.some((e) => e.note || e.evidence.length) || r.lacks.some((l) => l.note || l.evidence.length) || r.parentage.length > 0;
}
