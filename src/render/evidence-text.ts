/** Shared human renderings of evidence, claims and parentage: one line each by default, blocks in detail. */
import type { EntryResult, EvidenceResult, ParentageResult } from "../contract.js";
import { escapeLine, escapeText } from "./escape.js";
import type { Painter, RenderOptions } from "./options.js";

/**
 * What one rendering has printed already, so that a note, a sentence of one, or a piece of evidence met
 * again (three models recorded as lacking an ability for the same reason) is printed once.
 */
export class Printed {
  private readonly sentences = new Set<string>();
  private readonly evidence = new Set<string>();

  /** The sentences of `note` not printed yet (null when none is new), now counted as printed. */
  note(note: string | null): string | null {
    if (!note) return null;
    const fresh = note.split(/(?<=[.!?])\s+/).filter((s) => {
      const seen = this.sentences.has(s);
      this.sentences.add(s);
      return !seen;
    });
    return fresh.length ? fresh.join(" ") : null;
  }

  /** True the first time a piece of evidence is seen. */
  firstEvidence(e: EvidenceResult): boolean {
    const key = JSON.stringify([e.source, e.at, e.note]);
    if (this.evidence.has(key)) return false;
    this.evidence.add(key);
    return true;
  }
}

/** `source §at: note`, one line per evidence entry, indented; a piece printed before is named, not repeated. */
export function evidenceLines(
  evidence: readonly EvidenceResult[],
  indent: string,
  opts: RenderOptions,
  printed: Printed,
): string[] {
  const c = opts.painter;
  return evidence.map((e) => {
    const where = [e.source, e.at]
      .filter(Boolean)
      .map((s) => escapeLine(s!))
      .join(" ");
    if (!printed.firstEvidence(e)) return `${indent}${c.cyan(where)}${e.note ? c.dim(" (as above)") : ""}`;
    return `${indent}${c.cyan(where)}${e.note ? `: ${escapeText(e.note).replace(/\n/g, `\n${" ".repeat(indent.length + 2)}`)}` : ""}`;
  });
}

/** A note as an indented line, if it says anything not printed yet. */
export function noteLines(
  note: string | null,
  indent: string,
  printed: Printed,
  style: (text: string) => string = (t) => t,
): string[] {
  const fresh = printed.note(note);
  return fresh ? [`${indent}${style(escapeText(fresh).replace(/\n/g, `\n${indent}`))}`] : [];
}

/** The ids of the sources a claim cites, each once, in order. */
export function sourceIds(evidence: readonly EvidenceResult[]): string {
  return [...new Set(evidence.map((e) => escapeLine(e.source)))].join(", ");
}

/** `davinci -> code-cushman-001` (or `(root) -> davinci`). */
export function edge(from: readonly string[], to: string): string {
  return `${from.length ? from.map(escapeLine).join(" + ") : "(root)"} -> ${escapeLine(to)}`;
}

/** What a step is called in prose: its label, else its kind. */
export function stepName(e: { label: string | null; kind: string; step: string }): string {
  return escapeLine(e.label ?? e.kind);
}

/** A claim's confidence, and how sure the way it says it came is when that differs ("likely; how: hypothesis"). */
export function claimConfidence(e: Pick<EntryResult, "confidence" | "attribution">, c: Painter): string {
  return (
    confidenceText(e.confidence, c) +
    (e.attribution !== e.confidence ? `; how: ${confidenceText(e.attribution, c)}` : "")
  );
}

/** One claim on one line: symbol, change, step (name and id), confidence and the ids of its sources. */
export function entryLine(e: EntryResult, indent: string, opts: RenderOptions): string {
  const c = opts.painter;
  const sources = e.evidence.length ? `; ${sourceIds(e.evidence)}` : "";
  const symbol = (e.symbol || " ").padEnd(2);
  return `${indent}${symbol} ${c.bold(e.change)} by ${stepName(e)} ${c.dim(`[${escapeLine(e.step)}]`)}: ${claimConfidence(e, c)}${sources}`;
}

/** One claim as a block: effect, step, edge, confidence, note and evidence. */
export function entryBlock(e: EntryResult, opts: RenderOptions, printed: Printed): string[] {
  const c = opts.painter;
  const pad = " ".repeat(15);
  const lines = [
    `  ${(e.symbol || " ").padEnd(2)} ${c.bold(e.change)} by ${stepName(e)} ${c.dim(`[${escapeLine(e.step)}, ${escapeLine(e.kind)}]`)}`,
    `${pad}${edge(e.from, e.to)}  confidence: ${claimConfidence(e, c)}`,
  ];
  lines.push(...noteLines(e.note, pad, printed, (t) => c.italic(t)));
  lines.push(...evidenceLines(e.evidence, `${pad}- `, opts, printed));
  return lines;
}

/** A confidence level, coloured by how sure it is. */
export function confidenceText(level: string, c: Painter): string {
  switch (level) {
    case "established":
      return c.green(level);
    case "likely":
      return c.cyan(level);
    case "hypothesis":
      return c.yellow(level);
    default:
      return c.red(level);
  }
}

/** A step's parentage on one line: who it made from whom, how sure, and how many other readings there are. */
export function parentageLine(p: ParentageResult, indent: string, opts: RenderOptions): string {
  const c = opts.painter;
  const alts = p.alternatives.length
    ? `; ${p.alternatives.length} other reading${p.alternatives.length === 1 ? "" : "s"}`
    : "";
  return `${indent}${edge(p.from, p.to)} ${c.dim(`[${escapeLine(p.step)}]`)}: parentage ${confidenceText(p.confidence, c)}${alts}`;
}

/** A step's parentage, with each alternative reading a source gives, its notes and evidence. */
export function parentageLines(p: ParentageResult, opts: RenderOptions, printed: Printed): string[] {
  const c = opts.painter;
  const lines = [
    `  ${edge(p.from, p.to)}  ${c.dim(`[${escapeLine(p.step)}: ${stepName(p)}]`)}  parentage: ${confidenceText(p.confidence, c)}`,
  ];
  for (const alt of p.alternatives) {
    lines.push(
      `    ${c.yellow("alternative reading")}: ${edge(alt.from, p.to)}${alt.from.length === 0 ? " (base unknown)" : ""}  confidence: ${confidenceText(alt.confidence, c)}`,
    );
    lines.push(...noteLines(alt.note, "      ", printed));
    lines.push(...evidenceLines(alt.evidence, "      - ", opts, printed));
  }
  return lines;
}
