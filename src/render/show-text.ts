/** Human rendering of `show`: a model's card, or an ability across models and its claims; the detail on request. */
import type { ShowAbilityResult, ShowModelResult } from "../contract.js";
import { stateSymbol } from "../notation.js";
import { confidenceText, entryBlock, entryLine, evidenceLines, noteLines, parentageLine, parentageLines, Printed, sourceIds } from "./evidence-text.js";
import { escapeLine, escapeText } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { DETAIL_HINT } from "./trace-text.js";
import { fit } from "./wrap.js";

/** An aligned `label  value` line, or nothing when there is no value. */
function field(label: string, value: string | number | null | undefined): string[] {
  return value === null || value === undefined || value === "" ? [] : [`  ${label.padEnd(14)}${escapeLine(String(value))}`];
}

/** Columns past which the "introduced by" column fits beside the others. */
const WIDE = 100;

/** Whether the state table has room for, or was asked for, its "introduced by" column. */
function withIntroducer(opts: RenderOptions): boolean {
  return opts.detail || opts.width === 0 || opts.width >= WIDE;
}

/** The state cell of an ability in a model. */
function stateCell(s: { state: string; lacked: boolean; agreement: boolean }): string {
  const state = s.state === "absent" ? (s.lacked ? "absent (recorded as lacking)" : "absent") : s.state;
  return state + (s.agreement ? "" : " (paths disagree)");
}

/** Renders a model card. */
export function renderShowModelText(r: ShowModelResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
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
    if (td.note && opts.detail) lines.push(...noteLines(td.note, " ".repeat(16), printed));
  }
  if (r.approximations.length) lines.push(...field("open approx.", r.approximations.map((a) => a.name).join(", ")));
  if (r.description) lines.push("", `  ${escapeText(r.description)}`);
  if (r.madeBy) {
    lines.push("", c.bold("Made by"));
    if (opts.detail) lines.push(...parentageLines(r.madeBy, opts, printed), ...evidenceLines(r.madeBy.evidence, "    - ", opts, printed));
    else lines.push(parentageLine(r.madeBy, "  ", opts));
  }
  lines.push("", c.bold("Abilities"));
  const introducer = withIntroducer(opts);
  const t = textTable(["", "ability", "state", "confidence", ...(introducer ? ["introduced by"] : [])], opts);
  for (const a of r.abilities) {
    const row = [stateSymbol(a.state), escapeLine(a.ability), stateCell(a), a.confidence ? confidenceText(a.confidence, c) : ""];
    t.push(introducer ? [...row, escapeLine(a.introducedBy ?? "")] : row);
  }
  lines.push(t.toString());
  if (r.lacks.length) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      const sources = opts.detail || !l.evidence.length ? "" : `; ${sourceIds(l.evidence)}`;
      lines.push(`  ${escapeLine(l.ability)}: ${confidenceText(l.confidence, c)}${sources}`);
      if (opts.detail) lines.push(...noteLines(l.note, "    ", printed), ...evidenceLines(l.evidence, "    - ", opts, printed));
    }
  }
  const more = Boolean(td?.note || r.madeBy || r.lacks.some((l) => l.note || l.evidence.length));
  if (!opts.detail && more) lines.push("", c.dim(DETAIL_HINT));
  return `${fit(lines, opts.width).join("\n")}\n`;
}

/** Renders one ability across every model, then the claims made about it. */
export function renderShowAbilityText(r: ShowAbilityResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
  const lines = [`${c.bold(escapeLine(r.name))} (${escapeLine(r.id)})`, ...field("aliases", r.aliases.join(", "))];
  if (r.description) lines.push(`  ${escapeText(r.description)}`);
  lines.push("");
  const introducer = withIntroducer(opts);
  const t = textTable(["", "model", "state", "confidence", ...(introducer ? ["introduced by"] : [])], opts);
  for (const m of r.models) {
    const row = [stateSymbol(m.state), escapeLine(m.model), stateCell(m), m.confidence ? confidenceText(m.confidence, c) : ""];
    t.push(introducer ? [...row, escapeLine(m.introducedBy ?? "")] : row);
  }
  lines.push(t.toString());
  if (r.claims.length) {
    lines.push("", c.bold("Claims"));
    for (const e of r.claims) {
      if (opts.detail) lines.push(...entryBlock(e, opts, printed));
      else lines.push(entryLine(e, "  ", opts));
    }
    if (!opts.detail && r.claims.some((e) => e.note || e.evidence.some((x) => x.note))) lines.push("", c.dim(DETAIL_HINT));
  }
  return `${fit(lines, opts.width).join("\n")}\n`;
}
