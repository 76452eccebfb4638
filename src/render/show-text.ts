/** Human rendering of `show`: a model's card, or an ability across models and its claims; the detail on request. */
import type { CardResult, ShowAbilityResult, ShowModelResult, ShowSourceResult, ShowStepResult } from "../contract.js";
import { changeWords, stateSymbol, type AbilityState, type Size } from "../vocabulary.js";
import {
  confidenceText,
  edge,
  entryBlock,
  entryLine,
  evidenceLines,
  noteLines,
  parentageLine,
  parentageLines,
  Printed,
  sourceIds,
  stepName,
} from "./evidence-text.js";
import { escapeLine, escapeText } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";
import { DETAIL_HINT } from "./trace-text.js";
import { fit } from "./wrap.js";

/** An aligned `label  value` line, or nothing when there is no value. */
function field(label: string, value: string | number | null | undefined): string[] {
  return value === null || value === undefined || value === ""
    ? []
    : [`  ${label.padEnd(14)}${escapeLine(String(value))}`];
}

/** Columns past which the "introduced by" column fits beside the others. */
const WIDE = 100;

/** Whether the state table has room for, or was asked for, its "introduced by" column. */
function withIntroducer(opts: RenderOptions): boolean {
  return opts.detail || opts.width === 0 || opts.width >= WIDE;
}

/** The state cell of an ability in a model. */
function stateCell(s: { state: AbilityState; size: Size | null; lacked: boolean; agreement: boolean }): string {
  const absent = s.lacked ? "absent (recorded as lacking)" : "absent";
  const state = s.state === "absent" ? absent : changeWords(s.state, s.size ?? "normal");
  return state + (s.agreement ? "" : " (paths disagree)");
}

/** List entries shown before "+N more" without --evidence (tags and datasets can run to hundreds). */
const SHORT_LIST = 8;

/** Evaluation results shown without --evidence. */
const SHORT_EVALUATIONS = 10;

/** A list as `a, b, c (+N more)`, all of it on request. */
function listText(items: readonly string[], detail: boolean): string {
  if (detail || items.length <= SHORT_LIST) return items.join(", ");
  return `${items.slice(0, SHORT_LIST).join(", ")} (+${items.length - SHORT_LIST} more: --evidence)`;
}

/** The card's facts as aligned fields: license, datasets, languages, pipeline, library, tags, newer version, quantizer, source. */
function cardFields(card: CardResult, opts: RenderOptions): string[] {
  const l = card.license;
  const license = l ? [l.id, l.name ? `(${l.name})` : "", l.link ?? ""].filter(Boolean).join(" ") : null;
  const next = card.newVersion;
  return [
    ...field("license", license),
    ...field("datasets", listText(card.datasets, opts.detail)),
    ...field("languages", listText(card.languages, opts.detail)),
    ...field("pipeline", card.pipelineTag),
    ...field("library", card.library),
    ...field("tags", listText(card.tags, opts.detail)),
    ...field("new version", next && `${next.model ?? next.name}${next.model ? "" : " (not in this lineage)"}`),
    ...field("quantized by", card.quantizedBy),
    ...field(
      "facts from",
      card.source && (opts.detail && card.source.url ? `${card.source.id} ${card.source.url}` : card.source.id),
    ),
  ];
}

/** Who reported a result, in a few words: its source's name, else its URL's host; "the card" when the card's source cites it. */
function reportedBy(src: CardResult["evaluations"][number]["source"]): string {
  if (src.source !== null) return "the card";
  if (src.name !== null) return src.name;
  try {
    return new URL(src.url ?? "").host;
  } catch {
    return src.url ?? "";
  }
}

/** The evaluation results as a table (metric, value, what it was measured on, who reported it); with --evidence all of them and each source's URL. */
function evaluationLines(card: CardResult, opts: RenderOptions): string[] {
  const evals = card.evaluations;
  if (evals.length === 0) return [];
  const c = opts.painter;
  const lines = ["", c.bold(`Evaluations (${evals.length})`)];
  const t = textTable(["metric", "value", "on", "reported by"], opts);
  const shown = opts.detail ? evals : evals.slice(0, SHORT_EVALUATIONS);
  for (const e of shown) {
    const on = e.dataset ? `${e.dataset}${e.split ? ` (${e.split})` : ""}` : (e.task ?? "");
    t.push([escapeLine(e.metric), escapeLine(String(e.value)), escapeLine(on), escapeLine(reportedBy(e.source))]);
  }
  lines.push(t.toString());
  if (shown.length < evals.length) lines.push(`  ${c.dim(`(+${evals.length - shown.length} more: --evidence)`)}`);
  if (opts.detail) {
    const urls = new Map<string, string>();
    // Results the card cites are at the card's URL, which "facts from" shows.
    for (const e of evals) if (e.source.url && e.source.source === null) urls.set(e.source.url, reportedBy(e.source));
    if (urls.size > 0) {
      lines.push("", c.bold("Reported at"));
      for (const [url, by] of urls) lines.push(`  ${escapeLine(by)}: ${c.cyan(escapeLine(url))}`);
    }
  }
  return lines;
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
  const td = r.trainingData as {
    tokens?: string | number;
    cutoff?: string;
    mix?: { name: string; share?: number }[];
    note?: string;
  } | null;
  if (td) {
    const mix = (td.mix ?? []).map((p) => `${p.share !== undefined ? `${p.share}% ` : ""}${p.name}`).join(", ");
    lines.push(
      ...field(
        "training data",
        [td.tokens !== undefined ? `${td.tokens} tokens` : "", td.cutoff ? `until ${td.cutoff}` : "", mix]
          .filter(Boolean)
          .join("; "),
      ),
    );
    if (td.note && opts.detail) lines.push(...noteLines(td.note, " ".repeat(16), printed));
  }
  if (r.approximations.length) lines.push(...field("open approx.", r.approximations.map((a) => a.name).join(", ")));
  if (r.card) lines.push(...cardFields(r.card, opts));
  if (r.description) lines.push("", `  ${escapeText(r.description)}`);
  if (r.madeBy) {
    lines.push("", c.bold("Made by"));
    if (opts.detail)
      lines.push(
        ...parentageLines(r.madeBy, opts, printed),
        ...evidenceLines(r.madeBy.evidence, "    - ", opts, printed),
      );
    else lines.push(parentageLine(r.madeBy, "  ", opts));
  }
  lines.push("", c.bold("Abilities"));
  const introducer = withIntroducer(opts);
  const t = textTable(["", "ability", "state", "confidence", ...(introducer ? ["introduced by"] : [])], opts);
  for (const a of r.abilities) {
    const row = [
      stateSymbol(a.state, a.size ?? "normal"),
      escapeLine(a.ability),
      stateCell(a),
      a.confidence ? confidenceText(a.confidence, c) : "",
    ];
    t.push(introducer ? [...row, escapeLine(a.introducedBy ?? "")] : row);
  }
  lines.push(t.toString());
  if (r.lacks.length) {
    lines.push("", c.bold("Recorded as lacking"));
    for (const l of r.lacks) {
      const sources = opts.detail || !l.evidence.length ? "" : `; ${sourceIds(l.evidence)}`;
      lines.push(`  ${escapeLine(l.ability)}: ${confidenceText(l.confidence, c)}${sources}`);
      if (opts.detail)
        lines.push(...noteLines(l.note, "    ", printed), ...evidenceLines(l.evidence, "    - ", opts, printed));
    }
  }
  if (r.card) lines.push(...evaluationLines(r.card, opts));
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
    const row = [
      stateSymbol(m.state, m.size ?? "normal"),
      escapeLine(m.model),
      stateCell(m),
      m.confidence ? confidenceText(m.confidence, c) : "",
    ];
    t.push(introducer ? [...row, escapeLine(m.introducedBy ?? "")] : row);
  }
  lines.push(t.toString());
  if (r.claims.length) {
    lines.push("", c.bold("Claims"));
    for (const e of r.claims) {
      if (opts.detail) lines.push(...entryBlock(e, opts, printed));
      else lines.push(entryLine(e, "  ", opts));
    }
    if (!opts.detail && r.claims.some((e) => e.note || e.evidence.some((x) => x.note)))
      lines.push("", c.dim(DETAIL_HINT));
  }
  return `${fit(lines, opts.width).join("\n")}\n`;
}

/** Renders what one step did: who it made from whom (and other readings), then each claim it makes. */
export function renderShowStepText(r: ShowStepResult, opts: RenderOptions): string {
  const c = opts.painter;
  const printed = new Printed();
  const p = r.parentage;
  const lines = [
    `${c.bold(stepName(p))} (${escapeLine(r.id)}): made ${escapeLine(p.to)} from ${p.from.length ? p.from.map(escapeLine).join(" + ") : "nothing (a root)"}`,
  ];
  lines.push(...field("kind", p.kind), ...field("method", p.method), ...field("parentage", p.confidence));
  if (p.alternatives.length) {
    for (const alt of p.alternatives)
      lines.push(
        ...field("or", `${edge(alt.from, p.to)}${alt.from.length ? "" : " (base unknown)"} (${alt.confidence})`),
      );
  }
  if (opts.detail) {
    lines.push(...noteLines(p.note, "  ", printed), ...evidenceLines(p.evidence, "  - ", opts, printed));
    for (const alt of p.alternatives)
      lines.push(...noteLines(alt.note, "  ", printed), ...evidenceLines(alt.evidence, "  - ", opts, printed));
  } else if (p.evidence.length) lines.push(...field("sources", sourceIds(p.evidence)));
  lines.push("", c.bold(`Claims (${r.claims.length})`));
  if (!r.claims.length) lines.push(`  ${c.dim("(none recorded)")}`);
  for (const e of r.claims) {
    if (opts.detail) lines.push(...entryBlock(e, opts, printed));
    else
      lines.push(
        `  ${(e.symbol || " ").padEnd(2)} ${escapeLine(e.ability)}: ${c.bold(e.change)}, ${confidenceText(e.confidence, c)}${e.attribution !== e.confidence ? `; how: ${confidenceText(e.attribution, c)}` : ""}${e.evidence.length ? `; ${sourceIds(e.evidence)}` : ""}`,
      );
  }
  const more = Boolean(
    p.note ||
    p.alternatives.some((a) => a.note || a.evidence.length) ||
    r.claims.some((e) => e.note || e.evidence.some((x) => x.note)),
  );
  if (!opts.detail && more) lines.push("", c.dim(DETAIL_HINT));
  return `${fit(lines, opts.width).join("\n")}\n`;
}

const SUPPORT_WORDS: Record<ShowSourceResult["supports"][number]["what"], string> = {
  claim: "claim",
  parentage: "parentage",
  alternative: "other reading",
  model: "model facts",
  lack: "lacks",
  approximation: "approximation",
  paper: "paper of",
};

/** What one citation supports, in a few words: "claim  sft-text-davinci-002: in-context-learning weakened". */
function supportText(s: ShowSourceResult["supports"][number]): string {
  const where = s.step ?? s.model ?? "";
  switch (s.what) {
    case "claim":
      return `${escapeLine(where)}: ${escapeLine(s.ability ?? "")} ${s.effect ?? ""}`;
    case "lack":
      return `${escapeLine(s.model ?? "")} lacks ${escapeLine(s.ability ?? "")}`;
    case "parentage":
    case "alternative":
      return `${escapeLine(where)} (makes ${escapeLine(s.model ?? "")})`;
    case "approximation":
      return `${escapeLine(s.note ?? "")} for ${escapeLine(s.model ?? "")}`;
    default:
      return escapeLine(s.model ?? where);
  }
}

/** Renders a source and everything it is cited for. */
export function renderShowSourceText(r: ShowSourceResult, opts: RenderOptions): string {
  const c = opts.painter;
  const title = fit([`${c.bold(escapeLine(r.title))} (${escapeLine(r.id)})`], opts.width);
  const lines: string[] = [];
  lines.push(
    ...field("authors", r.authors.join(", ")),
    ...field("year", r.year),
    ...field("identifier", r.identifier),
    ...field("url", r.url),
  );
  const claims = r.supports.filter((x) => x.what === "claim").length;
  lines.push(
    "",
    c.bold(
      `Cited ${r.supports.length} time${r.supports.length === 1 ? "" : "s"}${claims ? `, for ${claims} claim${claims === 1 ? "" : "s"}` : ""}`,
    ),
  );
  for (const x of r.supports) {
    const at = x.at ? c.dim(` (${escapeLine(x.at)})`) : "";
    lines.push(`  ${SUPPORT_WORDS[x.what].padEnd(14)}${supportText(x)}${at}`);
    if (opts.detail && x.note && x.what !== "approximation")
      lines.push(`${" ".repeat(16)}${c.italic(escapeText(x.note).replace(/\n/g, `\n${" ".repeat(16)}`))}`);
  }
  if (!opts.detail && r.supports.some((x) => x.note && x.what !== "approximation"))
    lines.push("", c.dim("(--evidence: what the source is cited as saying)"));
  return `${[...title, ...fit(lines, opts.width, 14)].join("\n")}\n`;
}
