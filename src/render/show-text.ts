/** Human rendering of `show`: a model's card, or an ability across models. */
import type { ShowAbilityResult, ShowModelResult } from "../contract.js";
import { confidenceText, evidenceLines, parentageLines } from "./evidence-text.js";
import { escapeLine, escapeText } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { stateSymbol } from "../notation.js";


function field(label: string, value: string | number | null | undefined): string[] {
  return value === null || value === undefined || value === "" ? [] : [`  ${label.padEnd(14)}${escapeLine(String(value))}`];
}

/** Renders a model card. */
export function renderShowModelText(r: ShowModelResult, opts: RenderOptions): string {
  const c = opts.painter;
  const lines = [`${c.bold(escapeLine(r.name))} (${escapeLine(r.id)})`];
  lines.push(
    ...field("aliases", r.aliases.join(", ")),
    ...field("series", r.series),
    ...field("family", r.family),
    ...field("api", r.api),
    ...field("released", r.released),
    ...field("parameters", r.params),
    ...field("context", r.context === null ? null : `${r.context} tokens`),
    ...field("paper", r.paper),
    ...field("parents", r.parents.join(", ") || "(none: a root)"),
    ...field("children", r.children.join(", ")),
  );
  const td = r.trainingData as { tokens?: string | number; cutoff?: string; mix?: { name: string; share?: number }[]; note?: string } | null;
  if (td) {
    const mix = (td.mix ?? []).map((p) => `${p.share !== undefined ? `${p.share}% ` : ""}${p.name}`).join(", ");
    lines.push(...field("training data", [td.tokens !== undefined ? `${td.tokens} tokens` : "", td.cutoff ? `until ${td.cutoff}` : "", mix].filter(Boolean).join("; ")));
    if (td.note) lines.push(`  ${"".padEnd(14)}${escapeText(td.note)}`);
  }
  if (r.approximations.length) lines.push(...field("open approx.", r.approximations.map((a) => a.name).join(", ")));
  if (r.description) lines.push("", `  ${escapeText(r.description)}`);
  if (r.madeBy) lines.push("", c.bold("Made by"), ...parentageLines(r.madeBy, opts), ...evidenceLines(r.madeBy.evidence, "    - ", opts));
  lines.push("", c.bold("Abilities"));
  const t = textTable(["", "ability", "state", "confidence", "introduced by"], opts);
  for (const a of r.abilities) {
    const state = a.state === "absent" ? (a.lacked ? "absent (recorded as lacking)" : "absent") : a.state;
    t.push([stateSymbol(a.state), escapeLine(a.ability), state + (a.agreement ? "" : " (paths disagree)"), a.confidence ? confidenceText(a.confidence, opts) : "", escapeLine(a.introducedBy ?? "")]);
  }
  lines.push(t.toString());
  if (r.lacks.length) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      lines.push(`  ${escapeLine(l.ability)}  confidence: ${confidenceText(l.confidence, opts)}${l.note ? `: ${escapeText(l.note)}` : ""}`);
      lines.push(...evidenceLines(l.evidence, "    - ", opts));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Renders one ability across every model. */
export function renderShowAbilityText(r: ShowAbilityResult, opts: RenderOptions): string {
  const c = opts.painter;
  const lines = [`${c.bold(escapeLine(r.name))} (${escapeLine(r.id)})`, ...field("aliases", r.aliases.join(", "))];
  if (r.description) lines.push(`  ${escapeText(r.description)}`);
  lines.push("");
  const t = textTable(["", "model", "state", "confidence", "introduced by"], opts);
  for (const m of r.models) {
    const state = m.state === "absent" ? (m.lacked ? "absent (recorded as lacking)" : "absent") : m.state;
    t.push([stateSymbol(m.state), escapeLine(m.model), state + (m.agreement ? "" : " (paths disagree)"), m.confidence ? confidenceText(m.confidence, opts) : "", escapeLine(m.introducedBy ?? "")]);
  }
  lines.push(t.toString());
  return `${lines.join("\n")}\n`;
}
