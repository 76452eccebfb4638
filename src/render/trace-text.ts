/**
 * Human rendering of `trace`, in the spirit of `npm explain`: the one-line answer (the state, where the
 * ability first appeared, what each later step did to it, and how sure both are), the path, one line per
 * step that changed it; notes, evidence, parentage and the answer under other readings with `detail`.
 */
import type { EntryResult, TraceResult } from "../contract.js";
import { PLAIN, type Painter, type RenderOptions } from "./options.js";
import {
  confidenceText,
  entryBlock,
  entryLine,
  evidenceLines,
  noteLines,
  parentageLines,
  Printed,
  sourceIds,
  stepName,
} from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import { fit } from "./wrap.js";

/** "a, b and c". */
function and(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The origins in words, steps of one name grouped: "introduced by Training on code in code-davinci-001 and code-cushman-001". */
function originWords(origins: readonly EntryResult[]): string {
  const effects = new Set(origins.map((o) => o.effect));
  const verb = effects.size === 1 ? `${origins[0]!.change} by` : "came from";
  const byName = new Map<string, string[]>();
  for (const o of origins) {
    const name = stepName(o);
    byName.set(name, [...(byName.get(name) ?? []), escapeLine(o.to)]);
  }
  return `${verb} ${and([...byName].map(([name, models]) => `${name} in ${and(models)}`))}`;
}

/** What one later change was, by the step's name (from the history) when known. */
function changeWordsOf(r: TraceResult, ch: TraceResult["changes"][number]): string {
  const e = r.history.find((h) => h.step === ch.step);
  // A change in the traced model itself needs no "in": the answer's subject says where.
  const where = ch.to === r.model ? "" : ` in ${escapeLine(ch.to)}`;
  return `${ch.change} by ${e ? stepName(e) : escapeLine(ch.step)}${where}`;
}

/** The two confidences: "present: established; how it came: hypothesis". */
function confidences(r: TraceResult, c: Painter): string {
  const parts: string[] = [];
  if (r.presenceConfidence)
    parts.push(`${r.present ? "present" : r.state}: ${confidenceText(r.presenceConfidence, c)}`);
  if (r.originConfidence && r.introducedBy) parts.push(`how it came: ${confidenceText(r.originConfidence, c)}`);
  return parts.length ? parts.join("; ") : `confidence: ${confidenceText(r.confidence, c)}`;
}

/** The one-line answer: the state in words, the origin, what changed it since, and how sure each is. */
export function traceSummary(r: TraceResult, c: Painter = PLAIN): string {
  const head = `${escapeLine(r.ability)} in ${escapeLine(r.model)}`;
  if (r.state === "absent") return `${head}: absent (no step on its lineage introduces or unlocks it)`;
  const parts: string[] = [];
  if (r.origins.length) parts.push(originWords(r.origins));
  else if (r.present) parts.push("where it first appeared is not recorded");
  const later = r.changes.map((ch) => changeWordsOf(r, ch));
  if (later.length) parts.push(`${r.origins.length ? "then " : ""}${and(later)}`);
  // With nothing after the origin, the origin's own words say the state ("present; introduced by ...").
  const state = r.present && r.changes.length === 0 && r.origins.length > 0 ? "present" : r.stateText;
  return `${head}: ${state}; ${parts.join(r.origins.length ? ", " : "; ")} (${confidences(r, c)})`;
}

/** The hint that ends a short answer which left something out. */
export const DETAIL_HINT = "(--evidence: notes, evidence and parentage)";

/** What an alternative reading makes of the answer, in words ("present, strengthened, no recorded origin"). */
function underWords(r: TraceResult, u: TraceResult["underReadings"][number]): string {
  if (!u.present) return u.state === "lost" ? "lost" : "absent";
  const origin =
    u.introducedBy === null
      ? "no recorded origin"
      : u.introducedBy === r.introducedBy?.step
        ? `origin still ${escapeLine(u.introducedBy)}`
        : `origin ${escapeLine(u.introducedBy)}`;
  return `present, ${u.state}, ${origin}`;
}

/** A reading as the user types it, and what it reads the step's parents as. */
function readingName(u: TraceResult["underReadings"][number]): string {
  return `${escapeLine(u.step)}=${u.alternative} (${u.from.length ? `from ${u.from.map(escapeLine).join(" + ")}` : "base unknown"})`;
}

/** Renders a trace result for people: the answer first, the detail on request. */
export function renderTraceText(r: TraceResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
  const lines: string[] = [traceSummary(r, c), ""];
  if (r.reading) lines.push(`${c.bold("Reading")}: ${escapeLine(r.reading)} (parentage read as its alternative)`);
  lines.push(`${c.bold("Path")}: ${r.path.map(escapeLine).join(" -> ")}`);
  if (!r.agreement) {
    lines.push(
      "",
      c.yellow(
        `Paths disagree: ${r.readings.length} readings reach ${escapeLine(r.model)}${r.truncated ? " (more exist; only the first are kept)" : ""}.`,
      ),
    );
    r.readings.forEach((reading, i) => {
      lines.push(
        `  ${i + 1}. ${reading.state} (confidence: ${reading.confidence}) via ${reading.path.map(escapeLine).join(" -> ")}`,
      );
    });
  }
  // The origins (each parent's, when two brought it), then what each later step on the path did.
  const origin = r.introducedBy
    ? r.history.findIndex((e) => e.step === r.introducedBy!.step && e.effect === r.introducedBy!.effect)
    : -1;
  const steps = [...r.origins, ...r.history.slice(origin + 1)];
  if (steps.length > 0) {
    lines.push("", c.bold(opts.detail ? "History" : "Steps that changed it"));
    for (const e of steps) {
      if (opts.detail) lines.push(...entryBlock(e, opts, printed));
      else lines.push(entryLine(e, "  ", opts));
    }
  }
  if (r.lacks.length > 0) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      const sources = opts.detail || !l.evidence.length ? "" : `; ${sourceIds(l.evidence)}`;
      lines.push(`  ${escapeLine(l.model)}: ${confidenceText(l.confidence, c)}${sources}`);
      if (opts.detail)
        lines.push(...noteLines(l.note, "    ", printed), ...evidenceLines(l.evidence, "    - ", opts, printed));
    }
  }
  if (!r.present) {
    lines.push("");
    if (r.elsewhere.length > 0) {
      const more = r.elsewhereTotal > r.elsewhere.length ? `, and ${r.elsewhereTotal - r.elsewhere.length} more` : "";
      lines.push(
        `${c.bold("Present elsewhere in the lineage")}: ${r.elsewhere.map((e) => `${escapeLine(e.model)} (${e.state})`).join(", ")}${more}`,
      );
    } else {
      lines.push(`No model in the lineage has ${escapeLine(r.ability)}.`);
    }
  }
  if (opts.detail && r.parentage.length > 0) {
    lines.push("", c.bold("Parentage along the path"));
    for (const p of r.parentage) lines.push(...parentageLines(p, opts, printed));
  }
  lines.push(...readingLines(r, opts));
  if (!opts.detail && hasDetail(r)) lines.push("", c.dim(DETAIL_HINT));
  return `${fit(lines, opts.width).join("\n")}\n`;
}

/**
 * The answer under other parentage readings: by default one line naming the readings that change it (and
 * those that do not); in detail, what each makes of the answer.
 */
function readingLines(r: TraceResult, opts: RenderOptions): string[] {
  const c = opts.painter;
  if (r.underReadings.length === 0) {
    const doubtful = r.parentage.filter((p) => p.alternatives.length > 0).map((p) => escapeLine(p.step));
    return doubtful.length && !opts.detail
      ? ["", `${c.bold("Parentage")}: ${and(doubtful)} ${doubtful.length === 1 ? "has" : "have"} another reading`]
      : [];
  }
  const differ = r.underReadings.filter((u) => u.differs);
  const same = r.underReadings.filter((u) => !u.differs);
  if (opts.detail) {
    return [
      "",
      c.bold("Under other parentage readings"),
      ...r.underReadings.map(
        (u) =>
          `  ${readingName(u)}: ${underWords(r, u)}${u.differs ? c.yellow(" (the answer changes)") : " (same answer)"}`,
      ),
    ];
  }
  const says = differ.length
    ? `${c.yellow("the answer changes")} under ${and(differ.map((u) => `${escapeLine(u.step)}=${u.alternative}`))}`
    : "no other reading changes the answer";
  const also =
    differ.length && same.length ? `; not under ${and(same.map((u) => `${escapeLine(u.step)}=${u.alternative}`))}` : "";
  return ["", `${c.bold("Parentage readings")}: ${says}${also}`];
}

/** True when `detail` would print more: a note, a piece of evidence, the parentage, or the answer under other readings. */
function hasDetail(r: TraceResult): boolean {
  return (
    r.history.some((e) => e.note || e.evidence.length) ||
    r.lacks.some((l) => l.note || l.evidence.length) ||
    r.parentage.length > 0 ||
    r.underReadings.length > 0
  );
}
