/**
 * Adds an imported lineage to an existing lineage file's text, never changing or dropping what a person
 * wrote: new models, sources and steps are appended as text at the end of their blocks, so every existing
 * byte (comments, order, quoting) stays as it was. A different base for a model the file already
 * derives is a conflict: reported, not applied. A model of the file that has no `card` block gets the
 * imported one (appended to its entry); one that has a block keeps it as written, and a license there
 * that differs from the card's is reported as a conflict too.
 */
import { isMap, isSeq, parseDocument, stringify, type Node as YamlNode } from "yaml";
import { loadLineageText } from "../load/load-lineage.js";
import type { Problem } from "../problem.js";
import type { CardEntry, LineageFile, ModelEntry, StepEntry } from "../schema.js";

/** A base (or a license) the import gives for a model whose parentage (or card) the file already records otherwise. */
export interface MergeConflict {
  model: string;
  /** What differs: the parents (`inFile`, `imported` are model ids) or the license (they hold license ids). */
  about: "base" | "license";
  inFile: string[];
  imported: string[];
  message: string;
}

/** The merged text, what was added, and what was not applied. */
export interface MergeIntoResult {
  text: string;
  conflicts: MergeConflict[];
  /** `cards`: models of the file that had no card block and were given the imported one. */
  added: { models: string[]; sources: string[]; steps: string[]; cards: string[] };
  /** Non-empty when the merged text would not validate: then `text` is the original, unchanged. */
  problems: Problem[];
}

const lower = (s: string) => s.toLowerCase();

/** Indentation of the line holding position `at`. */
function indentAt(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** YAML lines for entries, indented to sit inside a block collection. */
function block(value: unknown, indent: string): string {
  const body = stringify(value, { lineWidth: 0 });
  return (
    body
      .split("\n")
      .filter((line, i, all) => !(i === all.length - 1 && line === ""))
      .map((line) => (line === "" ? line : indent + line))
      .join("\n") + "\n"
  );
}

/** Where and how to append entries to the top-level collection `key` (a block map or sequence); null when it must be rewritten. */
function appendPoint(
  text: string,
  doc: ReturnType<typeof parseDocument>,
  key: string,
): { at: number; indent: string } | null {
  const node = doc.get(key, true) as YamlNode | undefined;
  if (!node || !(isMap(node) || isSeq(node)) || node.flow || node.items.length === 0 || !node.range) return null;
  const first = node.items[0]!;
  const firstNode = (isMap(node) ? (first as { key: YamlNode }).key : first) as YamlNode;
  return { at: node.range[2], indent: indentAt(text, firstNode.range![0]) };
}

/** Merges `imported` into the lineage file text `existing`. Pure; the text is validated before it is returned. */
export function mergeInto(existing: string, imported: LineageFile, file = "lineage.yaml"): MergeIntoResult {
  const before = loadLineageText(existing, file);
  const none = { models: [], sources: [], steps: [], cards: [] };
  if (!before.ok) return { text: existing, conflicts: [], added: none, problems: before.problems };
  const current = before.lineage;
  const json = /\.json$/i.test(file);
  const doc = parseDocument(existing);

  // Names a person's file already uses, ignoring case: ids and aliases.
  const nameToId = new Map<string, string>();
  for (const [id, m] of Object.entries(current.models)) {
    nameToId.set(lower(id), id);
    for (const a of m.aliases ?? []) nameToId.set(lower(a), id);
  }
  const idMap = new Map<string, string>();
  const newModels: [string, ModelEntry][] = [];
  for (const [id, m] of Object.entries(imported.models)) {
    const hit = [id, ...(m.aliases ?? [])].map((n) => nameToId.get(lower(n))).find((x) => x !== undefined);
    if (hit !== undefined) idMap.set(id, hit);
    else {
      idMap.set(id, id);
      nameToId.set(lower(id), id);
      for (const a of m.aliases ?? []) nameToId.set(lower(a), id);
      newModels.push([id, m]);
    }
  }
  const sourceIds = new Set(Object.keys(current.sources).map(lower));
  const newSources = Object.entries(imported.sources).filter(([id]) => !sourceIds.has(lower(id)));

  const madeBy = new Map(current.steps.map((s) => [s.to, s]));
  const stepIds = new Set(current.steps.map((s) => lower(s.id)));
  const conflicts: MergeConflict[] = [];
  const newSteps: StepEntry[] = [];
  for (const s of imported.steps) {
    const to = idMap.get(s.to) ?? s.to;
    const from = s.from.map((f) => idMap.get(f) ?? f);
    const had = madeBy.get(to);
    if (had) {
      const same = had.from.length === from.length && had.from.every((f) => from.includes(f));
      if (!same) {
        conflicts.push({
          model: to,
          about: "base",
          inFile: had.from,
          imported: from,
          message: `${to}: the import names ${from.join(", ") || "no base"} as its base; the file has ${had.from.join(", ") || "none (a root)"}; kept the file's`,
        });
      }
      continue;
    }
    let id = s.id;
    for (let n = 2; stepIds.has(lower(id)); n++) id = `${s.id}-${n}`;
    stepIds.add(lower(id));
    newSteps.push({ ...s, id, to, from });
    madeBy.set(to, newSteps[newSteps.length - 1]!);
  }

  const cards = cardsToAdd(current, imported, idMap, conflicts);

  // An imported external root the file does not need (no new step names it) is left out.
  const needed = new Set<string>();
  for (const s of newSteps) for (const m of [s.to, ...s.from]) needed.add(m);
  const models = newModels.filter(([id]) => needed.has(id) || !isExternalOnly(imported, id));

  // Only sources that something added cites: a card whose step was a conflict brings nothing.
  const cited = new Set<string>();
  for (const [, m] of models) for (const e of m.evidence ?? []) cited.add(e.source);
  for (const [, card] of cards) if (card.source) cited.add(card.source);
  for (const s of newSteps)
    for (const e of [...s.evidence, ...s.claims.flatMap((c) => c.evidence)]) cited.add(e.source);
  const sourcesToAdd = newSources.filter(([id]) => cited.has(id));

  // `inline`: inserted within a line (inside a flow mapping), never after a line break of its own.
  const ops: [start: number, end: number, insert: string, inline?: boolean][] = [];
  const plan = (key: "sources" | "models" | "steps", value: Record<string, unknown> | unknown[]) => {
    if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) return;
    const point = appendPoint(existing, doc, key);
    if (point) {
      ops.push([point.at, point.at, block(value, point.indent)]);
      return;
    }
    const node = doc.get(key, true) as (YamlNode & { range?: [number, number, number] }) | undefined;
    if (!node?.range) return;
    // A JSON lineage is all flow collections: the entries go in as JSON before the closing bracket, so it stays JSON.
    if (json && (isMap(node) || isSeq(node)) && node.flow) {
      const close = existing.lastIndexOf(isMap(node) ? "}" : "]", node.range[1]);
      if (close < node.range[0]) return;
      const entries = Array.isArray(value)
        ? value.map((v) => JSON.stringify(v))
        : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      const before = existing.slice(node.range[0], close).trimEnd();
      const at = node.range[0] + before.length;
      const indent = `${indentAt(existing, node.range[0])}  `;
      const lead = node.items.length > 0 ? "," : "";
      // The blank before the bracket is replaced by the new lines (and the same indent before it).
      ops.push([at, close, `${lead}\n${entries.map((e) => indent + e).join(",\n")}\n${indent.slice(2)}`, true]);
      return;
    }
    // An empty or flow-style collection (`models: {}`): only that node is rewritten, as a block holding old and new.
    const old = (doc.toJS() as Record<string, unknown>)[key] as Record<string, unknown> | unknown[] | null;
    const all = Array.isArray(value)
      ? [...((old as unknown[] | null) ?? []), ...value]
      : { ...((old as Record<string, unknown> | null) ?? {}), ...value };
    ops.push([node.range[0], node.range[1], "\n" + block(all, "  ").replace(/\n$/, "")]);
  };
  plan("sources", Object.fromEntries(sourcesToAdd));
  plan("models", Object.fromEntries(models));
  plan("steps", newSteps.map(stripDefaults));
  // Planned last: at a position shared with the end of `models`, what is applied later comes first in the text.
  const given: string[] = [];
  for (const [id, card] of cards) {
    const op = cardOp(existing, doc, id, card);
    if (op) {
      ops.push(op);
      given.push(id);
    }
  }

  // Apply from the end so earlier positions stay valid.
  let text = existing;
  for (const [start, end, insert, inline] of ops.sort((x, y) => y[0] - x[0])) {
    const needsBreak = !inline && start === end && start > 0 && text[start - 1] !== "\n";
    text = text.slice(0, start) + (needsBreak ? "\n" : "") + insert + text.slice(end);
  }
  const added = {
    models: models.map(([id]) => id),
    sources: sourcesToAdd.map(([id]) => id),
    steps: newSteps.map((s) => s.id),
    cards: given,
  };
  const after = loadLineageText(text, file);
  if (!after.ok) return { text: existing, conflicts, added: none, problems: after.problems };
  return { text, conflicts, added, problems: [] };
}

/**
 * The imported card blocks for models of the file that have none (by the file's id). A model whose imported
 * base was a conflict gets none (the card may be of another model of that name); a model with a block keeps
 * it, and a license that differs from the imported one (ignoring case) is added to `conflicts`.
 */
function cardsToAdd(
  current: LineageFile,
  imported: LineageFile,
  idMap: Map<string, string>,
  conflicts: MergeConflict[],
): [string, CardEntry][] {
  const conflicted = new Set(conflicts.map((c) => c.model));
  const out: [string, CardEntry][] = [];
  for (const [id, m] of Object.entries(imported.models)) {
    const target = idMap.get(id);
    const mine = target === undefined ? undefined : current.models[target];
    if (!m.card || target === undefined || mine === undefined || conflicted.has(target)) continue;
    if (!mine.card) {
      out.push([target, m.card]);
      continue;
    }
    const theirs = m.card.license?.id;
    const ours = mine.card.license?.id;
    if (theirs !== undefined && ours !== undefined && lower(theirs) !== lower(ours))
      conflicts.push({
        model: target,
        about: "license",
        inFile: [ours],
        imported: [theirs],
        message: `${target}: the import gives the license ${theirs}; the file has ${ours}; kept the file's`,
      });
  }
  return out;
}

/**
 * The text to add a `card` block to the model `id`'s entry: block lines at the end of a block mapping, or
 * `, card: {...}` (JSON, which YAML reads as flow) before the closing brace of a flow mapping; null when
 * the entry is neither (it is left as it is).
 */
function cardOp(
  text: string,
  doc: ReturnType<typeof parseDocument>,
  id: string,
  card: CardEntry,
): [number, number, string, boolean] | null {
  const node = doc.getIn(["models", id], true) as YamlNode | undefined;
  if (!node || !isMap(node) || !node.range || node.items.length === 0) return null;
  if (node.flow) {
    const close = text.lastIndexOf("}", node.range[1]);
    if (close < node.range[0]) return null;
    const before = text.slice(node.range[0], close).trimEnd();
    const comma = before.endsWith(",") || before.endsWith("{") ? "" : ",";
    const at = node.range[0] + before.length;
    // A flow mapping over several lines (as JSON is written) gets the key on a line of its own, indented as its first.
    const firstKey = (node.items[0] as { key: YamlNode }).key;
    const gap = before.includes("\n") ? `\n${indentAt(text, firstKey.range![0])}` : " ";
    return [at, at, `${comma}${gap}"card": ${JSON.stringify(card)}`, true];
  }
  const firstKey = (node.items[0] as { key: YamlNode }).key;
  return [node.range[1], node.range[1], block({ card }, indentAt(text, firstKey.range![0])), false];
}

/** Whether the import holds `id` only as an external root (named as a base, described by nothing). */
function isExternalOnly(imported: LineageFile, id: string): boolean {
  return imported.models[id]?.external === true;
}

/** A step as a person would write it: empty defaults left out. */
function stripDefaults(step: StepEntry): Record<string, unknown> {
  const { claims, evidence, ...rest } = step;
  return { ...rest, ...(evidence.length > 0 ? { evidence } : {}), ...(claims.length > 0 ? { claims } : {}) };
}
