/** Human rendering of `show`: a model's card, or an ability across models. */
import type { ShowAbilityResult, ShowModelResult } from "../contract.js";
import { confidenceText, evidenceLines, parentageLines } from "./evidence-text.js";
import { painter, safe, safeLine, stateSymbol, table, type RenderOptions } from "./style.js";

function field(label: string, value: string | number | null | undefined): string[] {
  return value === null || value === undefined || value === "" ? [] : [`  ${label.padEnd(14)}${safeLine(String(value))}`];
}

/** Renders a model card. */
export function renderShowModelText(r: ShowModelResult, opts: RenderOptions): string {
  const c = painter(opts);
  const lines = [`${c.bold(safeLine(r.name))} (${safeLine(r.id)})`];
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
    if (td.note) lines.push(`  ${"".padEnd(14)}${safe(td.note)}`);
  }
  if (r.approximations.length) lines.push(...field("open approx.", r.approximations.map((a) => a.name).join(", ")));
  if (r.description) lines.push("", `  ${safe(r.description)}`);
  if (r.madeBy) lines.push("", c.bold("Made by"), ...parentageLines(r.madeBy, opts), ...evidenceLines(r.madeBy.evidence, "    - ", opts));
  lines.push("", c.bold("Abilities"));
  const t = table(["", "ability", "state", "confidence", "introduced by"], opts);
  for (const a of r.abilities) {
    const state = a.state === "absent" ? (a.lacked ? "absent (recorded as lacking)" : "absent") : a.state;
    t.push([stateSymbol(a.state), safeLine(a.ability), state + (a.agreement ? "" : " (paths disagree)"), a.confidence ? confidenceText(a.confidence, opts) : "", safeLine(a.introducedBy ?? "")]);
  }
  lines.push(t.toString());
  if (r.lacks.length) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      lines.push(`  ${safeLine(l.ability)}  confidence: ${confidenceText(l.confidence, opts)}${l.note ? `: ${safe(l.note)}` : ""}`);
      lines.push(...evidenceLines(l.evidence, "    - ", opts));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Renders one ability across every model. */
export function renderShowAbilityText(r: ShowAbilityResult, opts: RenderOptions): string {
  const c = painter(opts);
  const lines = [`${c.bold(safeLine(r.name))} (${safeLine(r.id)})`, ...field("aliases", r.aliases.join(", "))];
  if (r.description) lines.push(`  ${safe(r.description)}`);
  lines.push("");
  const t = table(["", "model", "state", "confidence", "introduced by"], opts);
  for (const m of r.models) {
    const state = m.state === "absent" ? (m.lacked ? "absent (recorded as lacking)" : "absent") : m.state;
    t.push([stateSymbol(m.state), safeLine(m.model), state + (m.agreement ? "" : " (paths disagree)"), m.confidence ? confidenceText(m.confidence, opts) : "", safeLine(m.introducedBy ?? "")]);
  }
  lines.push(t.toString());
  return `${lines.join("\n")}\n`;
}
