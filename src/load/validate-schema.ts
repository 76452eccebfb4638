/** Runs the zod schema over parsed data and turns its issues into located, human messages. */
import { z } from "zod";
import { Ability, Id, Lineage, Model, Source, type LineageFile } from "../schema.js";
import { formatPath, type Issue, type PathSegment } from "../problem.js";
import { didYouMean } from "../suggest.js";

type ZodIssue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

const SINGULAR: Record<string, string> = { sources: "source", abilities: "ability", models: "model" };

/** Record fields validated entry by entry, so that ids such as `__proto__` survive as ordinary keys. */
const RECORDS = { sources: Source, abilities: Ability, models: Model } as const;
const Head = Lineage.omit({ sources: true, abilities: true, models: true });

/**
 * A record (or step list) of at least this many entries is checked with zod's compiled form of its schema
 * (`z.compile`: a parser generated for the schema, which hands an invalid input to the ordinary parser, so
 * the verdict, the issues and the output are the same). It checks an entry several times faster, but takes
 * tens of milliseconds to generate: worth it for a hub dump's million models, not for a file someone wrote.
 */
const COMPILE_AT = 2000;
const compiledForms = new Map<AnySchema, AnySchema>();
/**
 * Whether a model entry holds to Model, its card checked once per card object: a hub dump's million models
 * share a few dozen cards (one per license and pipeline). The entry with its card taken as anything, and the
 * card against Model's own card schema, hold exactly when the entry does. False also when unsure (the caller
 * then checks the entry as any other, for its issues).
 */
function modelHolds(entry: unknown): boolean {
  if (entry === null || typeof entry !== "object") return false;
  const card = (entry as { card?: unknown }).card;
  if (card === null || typeof card !== "object") return false;
  let holds = cardVerdicts.get(card);
  if (holds === undefined) cardVerdicts.set(card, (holds = z.core.validate(formOf(CardField, true), card)));
  return holds && z.core.validate(formOf(ModelAnyCard, true), entry);
}
const CardField = Model.shape.card;
const ModelAnyCard = Model.extend({ card: z.unknown().optional() });
const cardVerdicts = new WeakMap<object, boolean>();

/** `schema`, compiled (once per process) when `compiled`. */
function formOf<T extends AnySchema>(schema: T, compiled: boolean): T {
  if (!compiled) return schema;
  let form = compiledForms.get(schema) as T | undefined;
  if (form === undefined) compiledForms.set(schema, (form = z.compile(schema)));
  return form;
}

/**
 * A test that a record key is a valid Id without a zod parse (a hub dump has a million keys), read from Id's
 * own checks: the key is valid exactly when it passes them all. Undefined (every key goes to zod) when Id
 * holds a check of another kind, which this cannot read.
 */
const plainId = ((): ((key: string) => boolean) | undefined => {
  let min = 0;
  let max = Infinity;
  const patterns: RegExp[] = [];
  for (const check of Id._zod.def.checks ?? []) {
    const def = check._zod.def as unknown as {
      check?: string;
      format?: string;
      minimum?: number;
      maximum?: number;
      pattern?: RegExp;
    };
    if (def.check === "min_length" && typeof def.minimum === "number") min = Math.max(min, def.minimum);
    else if (def.check === "max_length" && typeof def.maximum === "number") max = Math.min(max, def.maximum);
    else if (def.check === "string_format" && def.format === "regex" && def.pattern instanceof RegExp)
      patterns.push(def.pattern);
    else return undefined;
  }
  return (key) => key.length >= min && key.length <= max && patterns.every((p) => ((p.lastIndex = 0), p.test(key)));
})();

/** The schema found by following `path` down from `root`, or undefined. */
function schemaAt(root: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let schema: AnySchema | undefined = root;
  const unwrap = (s: AnySchema): AnySchema => {
    let cur = s;
    for (;;) {
      const def = cur._zod.def as { type: string; innerType?: AnySchema };
      if ((def.type === "optional" || def.type === "default") && def.innerType) cur = def.innerType;
      else return cur;
    }
  };
  for (const seg of path) {
    if (!schema) return undefined;
    const def = unwrap(schema)._zod.def as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
      valueType?: AnySchema;
    };
    if (def.type === "object") schema = def.shape?.[String(seg)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else return undefined;
  }
  return schema ? unwrap(schema) : undefined;
}

/** The keys an object schema at `path` allows. */
function allowedKeys(path: readonly PathSegment[]): string[] {
  const schema = schemaAt(Lineage, path);
  const def = schema?._zod.def as { type: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function typeName(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `a string ('${value.length > 40 ? value.slice(0, 40) + "..." : value}')`;
  // Objects and lists are described before this line: what is left is a primitive.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return `${typeof value === "number" ? "a number" : `a ${typeof value}`} (${String(value)})`;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

/** Turns one zod issue (with its path already made absolute) into our issues. */
function describe(issue: ZodIssue, path: PathSegment[]): Issue[] {
  const where = formatPath(path) || "the file";
  const input = (issue as { input?: unknown }).input;
  if (input === undefined && path.length > 0 && issue.code !== "unrecognized_keys") {
    // YAML data never holds undefined: the key is missing. Point at the mapping that lacks it.
    const parent = path.slice(0, -1);
    const name = String(path[path.length - 1]);
    return [
      {
        path,
        at: parent,
        message: `missing required key '${name}' in ${formatPath(parent) || "the top-level mapping"}`,
      },
    ];
  }
  if (typeof input === "number" && !Number.isFinite(input)) {
    return [{ path, message: `${where} must be a finite number, got ${String(input)}` }];
  }
  switch (issue.code) {
    case "invalid_type":
      return [
        { path, message: `${where} must be ${EXPECTED[issue.expected] ?? issue.expected}, got ${typeName(input)}` },
      ];
    case "unrecognized_keys": {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key '${key}' in ${where}${didYouMean(key, allowed)}${allowed.length && !didYouMean(key, allowed) ? ` (allowed: ${allowed.join(", ")})` : ""}`,
      }));
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      if (values.length === 1) return [{ path, message: `${where} must be ${values[0]}, got ${typeName(input)}` }];
      const hint = typeof input === "string" ? didYouMean(input, values) : "";
      return [{ path, message: `${where} must be one of ${values.join(", ")}; got ${typeName(input)}${hint}` }];
    }
    case "too_small":
      if (issue.origin === "array") {
        const n = Number(issue.minimum);
        return [{ path, message: `${where} needs at least ${n} ${n === 1 ? "entry" : "entries"}` }];
      }
      if (issue.origin === "string") return [{ path, message: `${where} must not be empty` }];
      return [
        {
          path,
          message: `${where} must be ${issue.inclusive === false ? "greater than" : "at least"} ${String(issue.minimum)}, got ${typeName(input)}`,
        },
      ];
    case "too_big":
      if (issue.origin === "string")
        return [{ path, message: `${where} is too long (at most ${String(issue.maximum)} characters)` }];
      return [
        {
          path,
          message: `${where} must be ${issue.inclusive === false ? "less than" : "at most"} ${String(issue.maximum)}, got ${typeName(input)}`,
        },
      ];
    case "invalid_format":
      if (issue.format === "url") return [{ path, message: `${where} must be a URL, got ${typeName(input)}` }];
      return [{ path, message: `${where} ${issue.message}` }];
    case "invalid_union":
      return [
        {
          path,
          message: `${where} ${issue.message.startsWith("must") ? issue.message : `has the wrong type: got ${typeName(input)}`}`,
        },
      ];
    default:
      return [{ path, message: `${where}: ${issue.message}` }];
  }
}

function zodIssues(result: { success: boolean; error?: { issues: ZodIssue[] } }, prefix: PathSegment[]): Issue[] {
  if (result.success || !result.error) return [];
  return result.error.issues.flatMap((issue) => describe(issue, [...prefix, ...(issue.path as PathSegment[])]));
}

/** Validated data, or the issues zod found (with paths, not yet positions). */
export type SchemaResult = { ok: true; lineage: LineageFile } | { ok: false; issues: Issue[] };

/** How the schema is checked. */
export interface SchemaOptions {
  /**
   * Use zod's compiled schemas (`z.compile`), or not; by default, for a record or step list of COMPILE_AT
   * entries or more. Either way gives the same result (a test holds them equal).
   */
  compiled?: boolean;
}

/** Validates parsed data against the lineage schema. Records come back as null-prototype objects. */
export function validateSchema(data: unknown, options: SchemaOptions = {}): SchemaResult {
  return checkSchema(data, true, options) as SchemaResult;
}

/**
 * Whether parsed data holds to the lineage schema, or the issues (the same as validateSchema's) when it
 * does not. Makes no validated copy: for a caller that goes on with `data` itself, which must then need no
 * default filled in (a converted hub dump's steps have every list).
 */
export function schemaHolds(data: unknown, options: SchemaOptions = {}): { ok: true } | { ok: false; issues: Issue[] } {
  return checkSchema(data, false, options);
}

/** validateSchema (`copy`) or schemaHolds. */
function checkSchema(
  data: unknown,
  copy: boolean,
  options: SchemaOptions,
): SchemaResult | { ok: true } | { ok: false; issues: Issue[] } {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return {
      ok: false,
      issues: [{ path: [], message: `expected a mapping at the top of the file, found ${typeName(data)}` }],
    };
  }
  const raw = data as Record<string, unknown>;
  const issues: Issue[] = [];
  const large = (n: number) => options.compiled ?? n >= COMPILE_AT;
  /** Checks `value` against `schema`: true, or false with its issues (under `prefix`) pushed; `out` gets the output. */
  const check = (
    schema: AnySchema,
    value: unknown,
    compiled: boolean,
    prefix: PathSegment[],
    out?: (data: unknown) => void,
  ): boolean => {
    const form = formOf(schema, compiled);
    if (!copy && z.core.validate(form, value)) return true;
    const parsed = z.core.safeParse(form, value, { reportInput: true });
    if (parsed.success) {
      out?.(parsed.data);
      return true;
    }
    issues.push(...zodIssues(parsed, prefix));
    return false;
  };
  const headInput: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (!Object.prototype.hasOwnProperty.call(RECORDS, key)) headInput[key] = raw[key];
  let head: Record<string, unknown> | undefined;
  const steps = raw.steps;
  const headOk = check(Head, { ...headInput }, large(Array.isArray(steps) ? steps.length : 0), [], (d) => {
    head = d as Record<string, unknown>;
  });
  const records: Record<string, Record<string, unknown>> = {};
  for (const [field, schema] of Object.entries(RECORDS)) {
    const value = raw[field];
    const out = Object.create(null) as Record<string, unknown>;
    records[field] = out;
    if (value === undefined) {
      issues.push({ path: [field], at: [], message: `missing required key '${field}' in the top-level mapping` });
      continue;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      issues.push({ path: [field], message: `${field} must be a mapping from id to entry, got ${typeName(value)}` });
      continue;
    }
    const keys = Object.keys(value);
    const compiled = large(keys.length);
    for (const key of keys) {
      const entry = (value as Record<string, unknown>)[key];
      const idCheck = plainId?.(key) ? undefined : Id.safeParse(key, { reportInput: true });
      if (idCheck !== undefined && !idCheck.success) {
        const label = `${SINGULAR[field]} id '${key.length > 40 ? `${key.slice(0, 40)}...` : key}'`;
        for (const issue of idCheck.error.issues) {
          const [described] = describe(issue, [field, key]);
          const rest = described!.message.slice(formatPath([field, key]).length).trimStart();
          issues.push({ path: [field, key], atKey: true, message: `${label} ${rest}` });
        }
      }
      if (!copy && field === "models" && compiled && modelHolds(entry)) continue;
      check(schema, entry, compiled, [field, key], (d) => {
        out[key] = d;
      });
    }
  }
  if (issues.length > 0 || !headOk) return { ok: false, issues };
  if (!copy) return { ok: true };
  return { ok: true, lineage: { ...head, ...records } as LineageFile };
}
