/**
 * Imports a hub dump: CSV or JSON Lines rows, one model each, with its id, base model ids and relation,
 * as the public hub-stats / model-atlas style datasets hold them. Streamed row by row.
 */
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { parse as parseCsv } from "csv-parse";
import type { FragmentMerger } from "./merge-fragments.js";
import { emptyFragment, type Fragment, type ImportedStep, type ImportProblem } from "./fragment.js";
import { cardBlock, modelEntry } from "./facts.js";
import { hubKey, normalizeHubId, toLineageId } from "./hub-id.js";
import type { CardEntry, ClaimEntry } from "../schema.js";
import { LIMITS } from "../limits.js";
import { CONFIDENCE_LEVELS, EFFECTS } from "../vocabulary.js";
import { parseRelation, relationFromTag, stepKindFor, type HubRelation } from "./relation.js";

/** The column names read, first match wins (hub-stats uses `id`, `tags`; model-atlas style dumps `model_id`, `base_model`, `relation`). */
export const DUMP_COLUMNS = {
  id: ["id", "model_id", "modelId", "repo_id"],
  bases: ["base_model", "base_models", "baseModels", "parent", "parent_model", "parent_id"],
  relation: ["base_model_relation", "relation", "relationship"],
  tags: ["tags"],
  license: ["license"],
  pipeline: ["pipeline_tag"],
  /** A captrace extension: claims on the step the row declares, `[{ability, effect, confidence, note?}]`. */
  claims: ["claims"],
} as const;

const ABILITY_ID = /^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$/;
const EFFECT_NAMES = new Set<string>(EFFECTS);
const CONFIDENCE_NAMES = new Set<string>(CONFIDENCE_LEVELS);

/** The claims a row carries (captrace's own column), each citing the dump at the row; bad ones give a problem. */
function rowClaims(
  value: unknown,
  where: string,
  source: string,
  at: string,
  line: number | undefined,
  problems: ImportProblem[],
): ClaimEntry[] {
  const out: ClaimEntry[] = [];
  if (value === undefined) return out;
  for (const c of listCell(value)) {
    const o = c !== null && typeof c === "object" && !Array.isArray(c) ? (c as Record<string, unknown>) : undefined;
    const ability = o?.ability,
      effect = o?.effect,
      confidence = o?.confidence;
    if (
      typeof ability !== "string" ||
      !ABILITY_ID.test(ability) ||
      typeof effect !== "string" ||
      !EFFECT_NAMES.has(effect) ||
      typeof confidence !== "string" ||
      !CONFIDENCE_NAMES.has(confidence)
    ) {
      const message = `claims: ${JSON.stringify(c)} is not {ability, effect, confidence}; ignored`;
      problems.push(
        line === undefined
          ? { file: where, severity: "warning", message }
          : { file: where, severity: "warning", message, line },
      );
      continue;
    }
    out.push({
      ability,
      effect: effect as ClaimEntry["effect"],
      confidence: confidence as ClaimEntry["confidence"],
      evidence: [{ source, at }],
      ...(typeof o!.note === "string" ? { note: o!.note } : {}),
    });
  }
  return out;
}

type Column = keyof typeof DUMP_COLUMNS;
const COLUMNS = Object.keys(DUMP_COLUMNS) as Column[];
/** Each column name read: its column and its rank among that column's names (0 wins). */
const COLUMN_OF = new Map<string, { column: number; rank: number }>(
  COLUMNS.flatMap((c, column) => DUMP_COLUMNS[c].map((name, rank) => [name, { column, rank }] as const)),
);

const RANKS = new Float64Array(COLUMNS.length);
const CELLS = new Array<unknown>(COLUMNS.length).fill(undefined);

/**
 * The cells of a row, by column (COLUMNS' order): for each, the first of its names (DUMP_COLUMNS' order)
 * that holds something other than null or "". One pass over the row's own keys (a hub-stats row has
 * dozens, most of them not read).
 */
function cellsOf(row: Record<string, unknown>): unknown[] {
  const cells = CELLS.fill(undefined); // scratch, reused: the caller reads it before the next row
  const ranks = RANKS.fill(Infinity); // scratch, reused: read only here
  for (const key in row) {
    const at = COLUMN_OF.get(key);
    if (at === undefined || at.rank >= ranks[at.column]!) continue;
    const value = row[key];
    if (value === undefined || value === null || value === "") continue;
    cells[at.column] = value;
    ranks[at.column] = at.rank;
  }
  return cells;
}
const ID = COLUMNS.indexOf("id");
const BASES = COLUMNS.indexOf("bases");
const RELATION = COLUMNS.indexOf("relation");
const TAGS = COLUMNS.indexOf("tags");
const LICENSE = COLUMNS.indexOf("license");
const PIPELINE = COLUMNS.indexOf("pipeline");
const CLAIMS = COLUMNS.indexOf("claims");

/** Descriptions made so far, so that the many models with the same facts share one string (at most INTERNED). */
const interned = new Map<string, string>();
const INTERNED = 4096;
function intern(text: string): string {
  const had = interned.get(text);
  if (had !== undefined) return had;
  if (interned.size < INTERNED) interned.set(text, text);
  return text;
}

/**
 * The card blocks made so far, by license and pipeline cell (at most INTERNED): a dump's million rows have a
 * few dozen pairs, so they share a few dozen blocks instead of making a million (nothing mutates a card).
 */
const cards = new Map<string | undefined, Map<string | undefined, CardEntry | null>>();
let cardCount = 0;
function rowCard(license: string | undefined, pipelineTag: string | undefined): CardEntry | undefined {
  let byPipeline = cards.get(license);
  const had = byPipeline?.get(pipelineTag);
  if (had !== undefined) return had ?? undefined;
  const card = cardBlock({ license, pipelineTag });
  if (cardCount < INTERNED) {
    if (byPipeline === undefined) cards.set(license, (byPipeline = new Map<string | undefined, CardEntry | null>()));
    byPipeline.set(pipelineTag, card ?? null);
    cardCount++;
  }
  return card;
}

/** A list cell: an array, a JSON list in a string (CSV), or ids separated by `|`, `;`, `,` or spaces. */
function listCell(v: unknown): unknown[] {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v !== "string") return [v];
  const t = v.trim();
  if (t.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not JSON: fall through to separators
    }
  }
  return t.split(/[|;,\s]+/).filter((x) => x !== "");
}

/** Where the pieces of a row go: a merger, or the fragment importDumpRow returns. */
type RowSink = Pick<FragmentMerger, "addModel" | "addStep" | "problems">;

/** The step label for each relation, declared or read: one string each, not one a row. */
const LABELS = new Map<string, string>();
function labelOf(declared: HubRelation | null, read: HubRelation): string {
  const key = declared ?? `?${read}`;
  let label = LABELS.get(key);
  if (label === undefined)
    LABELS.set(key, (label = declared ? `${declared} (declared)` : `relation unspecified (read as ${read})`));
  return label;
}

/** Imports one dump row; `at` names it in problems and evidence (e.g. `line 12`). Pure. */
export function importDumpRow(row: Record<string, unknown>, file: string, at: string, source: string): Fragment {
  const fragment: Fragment = { models: [], steps: [], sources: {}, problems: [] };
  readDumpRow(row, file, at, undefined, source, {
    problems: fragment.problems,
    addModel: (m) => void fragment.models.push(m),
    addStep: (s) => void fragment.steps.push(s),
  });
  return fragment;
}

/**
 * What importDumpRow makes of a row, given to `sink` as it is made (its problems, then its model, then its
 * step: the order a merger adds a fragment's), each marked with `line` when there is one. `at` names the row
 * in problems and evidence; when it is undefined it is `line LINE`, made only if a step or a problem needs it.
 */
function readDumpRow(
  row: Record<string, unknown>,
  file: string,
  at: string | undefined,
  line: number | undefined,
  source: string,
  sink: RowSink,
): void {
  const problems = sink.problems;
  let where: string | undefined;
  const here = () => (where ??= `${file} ${(at ??= `line ${line}`)}`);
  const problem = (severity: ImportProblem["severity"], message: string) =>
    problems.push(line === undefined ? { file: here(), severity, message } : { file: here(), severity, message, line });
  const cells = cellsOf(row);
  const rawId = cells[ID];
  const relationCell = cells[RELATION];
  const baseCell = cells[BASES];
  const tagCell = cells[TAGS];
  const license = cells[LICENSE];
  const pipeline = cells[PIPELINE];
  const claims = cells[CLAIMS];
  const hubId = typeof rawId === "string" ? normalizeHubId(rawId) : null;
  if (hubId === null) {
    problem("error", `no valid model id: ${JSON.stringify(rawId ?? null)}`);
    return;
  }
  const key = hubKey(hubId);
  let relation: Exclude<HubRelation, "unspecified"> | null = parseRelation(relationCell);
  const bases: string[] = [];
  const baseKeys: string[] = [];
  const addBase = (b: unknown) => {
    const id = typeof b === "string" ? normalizeHubId(b) : null;
    if (id === null) {
      problem("warning", `base ${JSON.stringify(b)} is not a Hub repo id; ignored`);
      return;
    }
    const k = hubKey(id);
    if (k !== key && !baseKeys.includes(k)) {
      bases.push(id);
      baseKeys.push(k);
    }
  };
  if (baseCell !== undefined) for (const b of listCell(baseCell)) addBase(b);
  if (tagCell !== undefined)
    for (const t of listCell(tagCell)) {
      if (typeof t !== "string") continue;
      const r = relationFromTag(t);
      if (r?.relation) {
        // The Hub's own tags: base_model:RELATION:ID
        relation ??= r.relation;
        if (!baseKeys.includes(hubKey(r.base))) addBase(r.base);
      }
    }
  // The card is made (once per license and pipeline: rowCard) apart from the entry, and put where
  // modelEntry puts it, last.
  const entry = modelEntry(hubId, toLineageId(hubId), NO_FACTS);
  const card = rowCard(
    typeof license === "string" ? license : undefined,
    typeof pipeline === "string" ? pipeline : undefined,
  );
  if (card !== undefined) entry.card = card;
  if (entry.description !== undefined) entry.description = intern(entry.description);
  let step: ImportedStep | undefined;
  if (bases.length > 0) {
    const declared = relation;
    const read = declared ?? (bases.length > 1 ? "merge" : "finetune");
    const { kind, method } = stepKindFor(read);
    const label = labelOf(declared, read);
    at ??= `line ${line}`;
    const evidence = [{ source, at }];
    const stepClaims = rowClaims(claims, here(), source, at, line, problems);
    const confidence = "established";
    step = {
      to: hubId,
      from: bases,
      file: here(),
      step: method
        ? { kind, method, label, confidence, evidence, claims: stepClaims }
        : { kind, label, confidence, evidence, claims: stepClaims },
    };
    if (line !== undefined) step.line = line;
  } else if (claims !== undefined) {
    problem("warning", "claims on a row that declares no base: no step to carry them; ignored");
  }
  // No per-model evidence: at a million rows it would double the lineage; the step cites the row.
  sink.addModel(line === undefined ? { hubId, entry } : { hubId, entry, line }, key);
  if (step !== undefined) sink.addStep(step, key);
}

/** The facts of a dump row's model entry: none but its id (its card is the row's shared one). */
const NO_FACTS = {};

/** The source id for a dump file. */
export function dumpSourceId(file: string): string {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/[^A-Za-z0-9_.:+-]/g, "_");
  return `dump:${base}`;
}

/** How a dump is read. Every field is optional. */
export interface DumpReadOptions {
  /** Given every chunk of the file's bytes as it is read, in order (to hash what was read). */
  onBytes?: (chunk: Buffer) => void;
  /** Most rows read; past it the read stops with an error (default: no limit). */
  maxRows?: number;
}

/** Whether a path names a CSV dump (anything else is read as JSON Lines). */
export function isCsvDump(path: string): boolean {
  return /\.csv$/i.test(path);
}

/**
 * Streams a dump file (`.csv`, or JSON Lines otherwise) into a merger, row by row. Never throws; every
 * problem names the file and carries the line of its row (`line`; `file` reads `FILE:LINE` for JSON Lines).
 */
export async function importDumpFile(
  path: string,
  file: string,
  merger: FragmentMerger,
  opts: DumpReadOptions = {},
): Promise<{ rows: number }> {
  const source = dumpSourceId(file);
  merger.add({
    models: [],
    steps: [],
    sources: { [source]: { title: `Hub dump ${file.split(/[\\/]/).pop()}` } },
    problems: [],
  });
  let rows = 0;
  const maxRows = opts.maxRows ?? Infinity;
  const problem = (message: string, line?: number) =>
    merger.add(
      emptyFragment({
        file: line === undefined || isCsvDump(path) ? file : `${file}:${line}`,
        severity: "error",
        message,
        ...(line === undefined ? {} : { line }),
      }),
    );
  /** Adds one row's problems, model and step, marked with the row's line. */
  const addRow = (row: Record<string, unknown>, line: number) =>
    readDumpRow(row, file, undefined, line, source, merger);
  const tooMany = (line: number) =>
    problem(`more than ${maxRows.toLocaleString("en-US")} rows (the limit for a hub dump); the rest is not read`, line);
  try {
    if (isCsvDump(path)) {
      const input = createReadStream(path);
      if (opts.onBytes) input.on("data", opts.onBytes as (chunk: Buffer | string) => void);
      const parser = input.pipe(
        parseCsv({
          columns: true,
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          max_record_size: LIMITS.maxDumpLineBytes,
        }),
      );
      try {
        for await (const record of parser as AsyncIterable<Record<string, string>>) {
          const line = (parser as unknown as { info: { lines: number } }).info.lines;
          if (++rows > maxRows) {
            rows--;
            tooMany(line);
            break;
          }
          addRow(record, line);
        }
      } finally {
        input.destroy();
      }
    } else {
      await forEachLine(path, opts.onBytes, (line, n) => {
        if (typeof line !== "string") return (problem(line.problem, n), true);
        if (isBlank(line)) return true;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          row = undefined;
        }
        if (row === null || typeof row !== "object" || Array.isArray(row)) {
          problem("not a JSON object; skipped", n);
          return true;
        }
        if (++rows > maxRows) {
          rows--;
          tooMany(n);
          return false;
        }
        addRow(row as Record<string, unknown>, n);
        return true;
      });
    }
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    problem(
      `could not read the dump: ${err instanceof Error ? err.message : String(err)}`,
      typeof line === "number" && line > 0 ? line : undefined,
    );
  }
  return { rows };
}

/** Whether a line holds only spaces and tabs. */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * Calls `each` with every line of a file (without its line end) and its number, or with the problem that
 * stops a line being read: longer than LIMITS.maxDumpLineBytes (its bytes are never gathered), or not
 * UTF-8. Stops when `each` returns false. Reads 1 MB at a time; the whole lines of a chunk are decoded at
 * once when they are valid UTF-8 (as almost every chunk is), else each line on its own.
 */
async function forEachLine(
  path: string,
  onBytes: ((chunk: Buffer) => void) | undefined,
  each: (line: string | { problem: string }, n: number) => boolean,
): Promise<void> {
  const max = LIMITS.maxDumpLineBytes;
  const tooLong = { problem: `a row longer than ${max} bytes (the limit for a hub dump row); skipped` };
  const notUtf8 = { problem: "not valid UTF-8 text (a hub dump must be UTF-8); skipped" };
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let carry: Buffer[] = [];
  let carried = 0;
  let skipping = false; // inside a line already reported as too long
  let n = 0;
  const emit = (bytes: Buffer): boolean => {
    n++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    let start = 0;
    if (n === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    if (end - start > max) return each(tooLong, n);
    const line = bytes.subarray(start, end);
    if (!isUtf8(line)) return each(notUtf8, n);
    return each(line.toString("utf8"), n);
  };
  /** Emits the lines of `block` (whole lines, separated by line feeds, the last without one), as `emit` would. */
  const emitBlock = (block: Buffer): boolean => {
    if (!isUtf8(block)) {
      let start = 0;
      for (let nl = block.indexOf(0x0a); nl !== -1; nl = block.indexOf(0x0a, start)) {
        if (!emit(block.subarray(start, nl))) return false;
        start = nl + 1;
      }
      return emit(block.subarray(start));
    }
    // Valid UTF-8 cut at line feeds is valid UTF-8 line by line: one decoding for all of them.
    const text = block.toString("utf8");
    const long = block.length > max;
    for (let start = 0; ;) {
      const nl = text.indexOf("\n", start);
      let line = text.slice(start, nl === -1 ? text.length : nl);
      n++;
      if (line.endsWith("\r")) line = line.slice(0, -1);
      if (n === 1 && line.startsWith("\ufeff")) line = line.slice(1);
      // At most 3 bytes a UTF-16 unit: only a line that long can be past the limit.
      const past = long && line.length * 3 > max && Buffer.byteLength(line) > max;
      if (!each(past ? tooLong : line, n)) return false;
      if (nl === -1) return true;
      start = nl + 1;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk);
      let start = 0;
      const first = chunk.indexOf(0x0a);
      if (first !== -1) {
        // The line the carried bytes began (or the chunk's first line), then the whole lines up to the last line feed.
        start = first + 1;
        if (skipping) {
          skipping = false;
          n++;
        } else {
          const piece = chunk.subarray(0, first);
          const whole = carried > 0 ? Buffer.concat([...carry, piece]) : piece;
          if (!emit(whole)) return;
        }
        carry = [];
        carried = 0;
        const last = chunk.lastIndexOf(0x0a);
        if (last > first) {
          if (!emitBlock(chunk.subarray(start, last))) return;
          start = last + 1;
        }
      }
      if (start < chunk.length && !skipping) {
        const rest = chunk.subarray(start);
        carried += rest.length;
        if (carried > max + 3) {
          // A line past the limit: reported now, its bytes dropped up to its end.
          carry = [];
          carried = 0;
          skipping = true;
          if (!each(tooLong, n + 1)) return;
        } else carry.push(rest);
      }
    }
    if (skipping) n++;
    else if (carried > 0) emit(Buffer.concat(carry));
  } finally {
    stream.destroy();
  }
}
