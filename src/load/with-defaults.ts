/**
 * What zod's parse of a schema-valid lineage returns, made from the parsed data without zod: the schema has
 * no transforms, so its output is its input but for the records (null-prototype objects, as validateSchema
 * makes them) and the defaults a step may omit. A test holds this equal to validateSchema's output and the
 * schema to having only these defaults. Mutates `data` (the caller's own parse) and may throw on data that
 * is not schema-valid, whose result is never used.
 */
import type { LineageFile } from "../schema.js";

const RECORD_FIELDS = ["sources", "abilities", "models"] as const;

/** The step fields the schema defaults to an empty list. */
export const STEP_DEFAULTS = ["from", "evidence", "claims"] as const;

/** The lineage validateSchema would return for `data`, if `data` is schema-valid. */
export function withDefaults(data: unknown): LineageFile {
  const raw = data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (!(RECORD_FIELDS as readonly string[]).includes(key)) out[key] = raw[key];
  for (const field of RECORD_FIELDS) out[field] = Object.assign(Object.create(null) as object, raw[field]);
  for (const step of raw.steps as Record<string, unknown>[]) {
    for (const field of STEP_DEFAULTS) step[field] ??= [];
  }
  return out as LineageFile;
}
