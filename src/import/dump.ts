/**
 * Imports a hub dump: CSV or JSON Lines rows, one model each, with its id, base model ids and relation,
 * as the public hub-stats / model-atlas style datasets hold them. Streamed row by row.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import type { FragmentMerger } from "./merge-fragments.js";
import { emptyFragment, type Fragment, type ImportProblem } from "./fragment.js";
import { modelEntry } from "./facts.js";
import { normalizeHubId, toLineageId } from "./hub-id.js";
import type { ClaimEntry } from "../schema.js";
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
function rowClaims(value: unknown, where: string, source: string, at: string, problems: ImportProblem[]): ClaimEntry[] {
  const out: ClaimEntry[] = [];
  for (const c of listCell(typeof value === "string" ? value : value === undefined ? undefined : value)) {
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
      problems.push({
        file: where,
        severity: "warning",
        message: `claims: ${JSON.stringify(c)} is not {ability, effect, confidence}; ignored`,
      });
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

/** Longest row accepted, in bytes (a longer one is a problem, not a memory blow-up in the CSV parser). */
export const MAX_ROW_BYTES = 1024 * 1024;

const pick = (row: Record<string, unknown>, keys: readonly string[]): unknown => {
  for (const k of keys) if (row[k] !== undefined && row[k] !== null && row[k] !== "") return row[k];
  return undefined;
};

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

/** Imports one dump row; `at` names it in problems and evidence (e.g. `line 12`). Pure. */
export function importDumpRow(row: Record<string, unknown>, file: string, at: string, source: string): Fragment {
  const problems: ImportProblem[] = [];
  const where = `${file} ${at}`;
  const rawId = pick(row, DUMP_COLUMNS.id);
  const hubId = typeof rawId === "string" ? normalizeHubId(rawId) : null;
  if (hubId === null)
    return emptyFragment({
      file: where,
      severity: "error",
      message: `no valid model id: ${JSON.stringify(rawId ?? null)}`,
    });
  let relation: Exclude<HubRelation, "unspecified"> | null = parseRelation(pick(row, DUMP_COLUMNS.relation));
  const bases: string[] = [];
  const addBase = (b: unknown) => {
    const id = typeof b === "string" ? normalizeHubId(b) : null;
    if (id === null)
      problems.push({
        file: where,
        severity: "warning",
        message: `base ${JSON.stringify(b)} is not a Hub repo id; ignored`,
      });
    else if (id.toLowerCase() !== hubId.toLowerCase() && !bases.some((x) => x.toLowerCase() === id.toLowerCase()))
      bases.push(id);
  };
  for (const b of listCell(pick(row, DUMP_COLUMNS.bases))) addBase(b);
  const tags: string[] = [];
  for (const t of listCell(pick(row, DUMP_COLUMNS.tags))) {
    if (typeof t !== "string") continue;
    const r = relationFromTag(t);
    if (!r) tags.push(t);
    else if (r.relation) {
      // The Hub's own tags: base_model:RELATION:ID
      relation ??= r.relation;
      if (bases.length === 0 || !bases.some((x) => x.toLowerCase() === r.base.toLowerCase())) addBase(r.base);
    }
  }
  const license = pick(row, DUMP_COLUMNS.license);
  const pipeline = pick(row, DUMP_COLUMNS.pipeline);
  const fragment: Fragment = {
    // No per-model evidence: at a million rows it would double the lineage; the step cites the row.
    models: [
      {
        hubId,
        entry: modelEntry(hubId, toLineageId(hubId), {
          ...(typeof license === "string" ? { license } : {}),
          ...(typeof pipeline === "string" ? { pipelineTag: pipeline } : {}),
        }),
      },
    ],
    steps: [],
    sources: {},
    problems,
  };
  if (bases.length > 0) {
    const declared = relation;
    const read = declared ?? (bases.length > 1 ? "merge" : "finetune");
    const { kind, method } = stepKindFor(read);
    fragment.steps.push({
      to: hubId,
      from: bases,
      file: where,
      step: {
        kind,
        ...(method ? { method } : {}),
        label: declared ? `${declared} (declared)` : `relation unspecified (read as ${read})`,
        confidence: "established",
        evidence: [{ source, at }],
        claims: rowClaims(pick(row, DUMP_COLUMNS.claims), where, source, at, problems),
      },
    });
  } else if (pick(row, DUMP_COLUMNS.claims) !== undefined) {
    problems.push({
      file: where,
      severity: "warning",
      message: "claims on a row that declares no base: no step to carry them; ignored",
    });
  }
  return fragment;
}

/** The source id for a dump file. */
export function dumpSourceId(file: string): string {
  const base = file
    .split(/[\\/]/)
    .pop()!
    .replace(/[^A-Za-z0-9_.:+-]/g, "_");
  return `dump:${base}`;
}

/** Streams a dump file (`.csv`, or JSON Lines otherwise) into a merger, row by row. Never throws; problems name file and line. */
export async function importDumpFile(path: string, file: string, merger: FragmentMerger): Promise<{ rows: number }> {
  const source = dumpSourceId(file);
  merger.add({
    models: [],
    steps: [],
    sources: { [source]: { title: `Hub dump ${file.split(/[\\/]/).pop()}` } },
    problems: [],
  });
  let rows = 0;
  const fail = (message: string) => merger.add(emptyFragment({ file, severity: "error", message }));
  try {
    if (/\.csv$/i.test(path)) {
      const parser = createReadStream(path).pipe(
        parseCsv({
          columns: true,
          bom: true,
          relax_column_count: true,
          skip_empty_lines: true,
          max_record_size: MAX_ROW_BYTES,
        }),
      );
      for await (const record of parser as AsyncIterable<Record<string, string>>) {
        rows++;
        merger.add(
          importDumpRow(record, file, `line ${(parser as unknown as { info: { lines: number } }).info.lines}`, source),
        );
      }
    } else {
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      let n = 0;
      for await (const line of lines) {
        n++;
        if (line.trim() === "") continue;
        if (line.length > MAX_ROW_BYTES) {
          merger.add(
            emptyFragment({
              file: `${file}:${n}`,
              severity: "error",
              message: `a row longer than ${MAX_ROW_BYTES} bytes; skipped`,
            }),
          );
          continue;
        }
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          merger.add(emptyFragment({ file: `${file}:${n}`, severity: "error", message: "not a JSON object; skipped" }));
          continue;
        }
        if (row === null || typeof row !== "object" || Array.isArray(row)) {
          merger.add(emptyFragment({ file: `${file}:${n}`, severity: "error", message: "not a JSON object; skipped" }));
          continue;
        }
        rows++;
        merger.add(importDumpRow(row as Record<string, unknown>, file, `line ${n}`, source));
      }
    }
  } catch (err) {
    fail(`could not read the dump: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { rows };
}
