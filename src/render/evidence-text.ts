/** Shared human renderings of evidence, claims and parentage. */
import type { EntryResult, EvidenceResult, ParentageResult } from "../contract.js";
import { painter, safe, safeLine, type RenderOptions } from "./style.js";

/** `source §at: note`, one line per evidence entry, indented. */
export function evidenceLines(evidence: readonly EvidenceResult[], indent: string, opts: RenderOptions): string[] {
  const c = painter(opts);
  return evidence.map((e) => {
    const where = [e.source, e.at].filter(Boolean).map((s) => safeLine(s!)).join(" ");
    return `${indent}${c.cyan(where)}${e.note ? `: ${safe(e.note).replace(/\n/g, `\n${indent}  `)}` : ""}`;
  });
}

/** `davinci -> code-cushman-001` (or `(root) -> davinci`). */
export function edge(from: readonly string[], to: string): string {
  return `${from.length ? from.map(safeLine).join(" + ") : "(root)"} -> ${safeLine(to)}`;
}

/** What a step is called in prose: its label, else its kind. */
export function stepName(e: { label: string | null; kind: string; step: string }): string {
  return safeLine(e.label ?? e.kind);
}

/** One claim as a block: effect, step, edge, confidence, evidence. */
export function entryBlock(e: EntryResult, opts: RenderOptions): string[] {
  const c = painter(opts);
  const head = `${c.bold(e.effect.padEnd(12))} ${stepName(e)} ${c.dim(`[${safeLine(e.step)}, ${safeLine(e.kind)}]`)}`;
  const lines = [`  ${head}`, `  ${" ".repeat(13)}${edge(e.from, e.to)}  confidence: ${confidenceText(e.confidence, opts)}`];
  if (e.note) lines.push(`  ${" ".repeat(13)}${c.italic(safe(e.note))}`);
  lines.push(...evidenceLines(e.evidence, `  ${" ".repeat(13)}- `, opts));
  return lines;
}

/** A confidence level, coloured by how sure it is. */
export function confidenceText(level: string, opts: RenderOptions): string {
  const c = painter(opts);
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
  const c = painter(opts);
  const lines = [
    `  ${edge(p.from, p.to)}  ${c.dim(`[${safeLine(p.step)}: ${stepName(p)}]`)}  parentage: ${confidenceText(p.confidence, opts)}`,
  ];
  for (const alt of p.alternatives) {
    lines.push(`    ${c.yellow("alternative reading")}: ${edge(alt.from, p.to)}${alt.from.length === 0 ? " (base unknown)" : ""}  confidence: ${confidenceText(alt.confidence, opts)}`);
    if (alt.note) lines.push(`      ${safe(alt.note)}`);
    lines.push(...evidenceLines(alt.evidence, "      - ", opts));
  }
  return lines;
}
