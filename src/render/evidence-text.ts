/** Shared human renderings of evidence, claims and parentage. */
import type { EntryResult, EvidenceResult, ParentageResult } from "../contract.js";
import { escapeLine, escapeText } from "./escape.js";
import type { RenderOptions } from "./options.js";


/** `source §at: note`, one line per evidence entry, indented. */
export function evidenceLines(evidence: readonly EvidenceResult[], indent: string, opts: RenderOptions): string[] {
  const c = opts.painter;
  return evidence.map((e) => {
    const where = [e.source, e.at].filter(Boolean).map((s) => escapeLine(s!)).join(" ");
    return `${indent}${c.cyan(where)}${e.note ? `: ${escapeText(e.note).replace(/\n/g, `\n${indent}  `)}` : ""}`;
  });
}

/** `davinci -> code-cushman-001` (or `(root) -> davinci`). */
export function edge(from: readonly string[], to: string): string {
  return `${from.length ? from.map(escapeLine).join(" + ") : "(root)"} -> ${escapeLine(to)}`;
}

/** What a step is called in prose: its label, else its kind. */
export function stepName(e: { label: string | null; kind: string; step: string }): string {
  return escapeLine(e.label ?? e.kind);
}

/** One claim as a block: effect, step, edge, confidence, evidence. */
export function entryBlock(e: EntryResult, opts: RenderOptions): string[] {
  const c = opts.painter;
  const head = `${c.bold(e.effect.padEnd(12))} ${stepName(e)} ${c.dim(`[${escapeLine(e.step)}, ${escapeLine(e.kind)}]`)}`;
  const lines = [`  ${head}`, `  ${" ".repeat(13)}${edge(e.from, e.to)}  confidence: ${confidenceText(e.confidence, opts)}`];
  if (e.note) lines.push(`  ${" ".repeat(13)}${c.italic(escapeText(e.note))}`);
  lines.push(...evidenceLines(e.evidence, `  ${" ".repeat(13)}- `, opts));
  return lines;
}

/** A confidence level, coloured by how sure it is. */
export function confidenceText(level: string, opts: RenderOptions): string {
  const c = opts.painter;
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

/** A step's parentage, with each alternative reading a source gives. */
export function parentageLines(p: ParentageResult, opts: RenderOptions): string[] {
  const c = opts.painter;
  const lines = [
    `  ${edge(p.from, p.to)}  ${c.dim(`[${escapeLine(p.step)}: ${stepName(p)}]`)}  parentage: ${confidenceText(p.confidence, opts)}`,
  ];
  for (const alt of p.alternatives) {
    lines.push(`    ${c.yellow("alternative reading")}: ${edge(alt.from, p.to)}${alt.from.length === 0 ? " (base unknown)" : ""}  confidence: ${confidenceText(alt.confidence, opts)}`);
    if (alt.note) lines.push(`      ${escapeText(alt.note)}`);
    lines.push(...evidenceLines(alt.evidence, "      - ", opts));
  }
  return lines;
}
