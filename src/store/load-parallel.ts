/**
 * Loading a large JSON lineage on both cores: a worker thread checks it against the schema (zod, the
 * larger part of validating) and the rules that need no lineage order, while this thread parses the same
 * text, checks the other rules and does the caller's work on the result (building the graph, writing the
 * cache entry). The outcome is the one loadLineageText gives; the caller's work is kept only when it is valid.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import type { LineageFile } from "../schema.js";
import type { Issue, PendingWarnings } from "../problem.js";
import type { LoadResult } from "../load/load-lineage.js";
import { isJsonPath } from "../load/read-source.js";
import type { SchemaCheckRequest, SchemaVerdict } from "./validate-worker.js";

/**
 * Below this size the worker is not worth it: measured on 2 cores, it saved a fifth of a 70 MB file's first
 * load and nothing on a 7 MB one (its start and the second parse cost what the overlap saves).
 */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** The worker script beside this module, built (a bundle's .cjs, or tsc's .js), if there is one. */
export function defaultWorkerFile(): string | undefined {
  for (const name of ["./validate-worker.cjs", "./validate-worker.js"]) {
    const file = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Whether a file is loaded in parallel: a JSON lineage of at least `minBytes`, with a worker script. Not
 * YAML: its parse is four times JSON's, and two of them at once took longer than one and the schema check
 * after it (in-process, 100k models: 12.3-13.2 s against 10.5-11.1 s).
 */
export function useParallel(
  file: string,
  size: number,
  worker: string | undefined,
  minBytes = PARALLEL_MIN_BYTES,
): worker is string {
  return worker !== undefined && isJsonPath(file) && size >= minBytes;
}

/** The caller's work on a valid-looking lineage, done while the schema check runs; `T` is kept only if the lineage is valid. */
export type Speculation<T> = (lineage: LineageFile, order: string[] | undefined, warnings: PendingWarnings) => T;

/**
 * What loading in parallel came to: the load result and, when it is ok, the speculation's value; or
 * `result` undefined when the worker failed (the caller then loads the usual way). A speculation that is
 * not kept is handed back as `discarded`, to be undone.
 */
export interface ParallelOutcome<T> {
  result?: LoadResult;
  built?: T;
  discarded?: T;
}

/** Loads JSON text (and its bytes, for the worker) with the schema check in `workerFile`. Never throws. */
export async function loadInParallel<T>(
  text: string,
  bytes: Uint8Array,
  file: string,
  workerFile: string,
  speculate: Speculation<T>,
): Promise<ParallelOutcome<T>> {
  const { Worker } = await import("node:worker_threads");
  const request: SchemaCheckRequest = { captraceSchemaCheck: true, file, bytes };
  let worker: Worker;
  try {
    worker = new Worker(workerFile, { workerData: request });
  } catch {
    return {};
  }
  const verdict = new Promise<SchemaVerdict | undefined>((resolve) => {
    worker.once("message", (v: SchemaVerdict) => resolve(v));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  try {
    // The parser and the rules live in the lazy bundle a load needs anyway: none of it is in every start.
    const { checkRules, jsonLocate, locatedWarnings, RULES_AFTER, validResult, withDefaults } =
      await import("../load/load-lineage.js");
    // The worker parses the same text with every check (syntax, a key given twice, the depth limit) and
    // locates what it finds: this thread only needs the data, and leaves a text JSON.parse refuses to it.
    let data: unknown;
    try {
      data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    } catch {
      const schema = await verdict;
      // (Both parse with JSON.parse: a verdict that saw none, or none at all, leaves it to the usual load.)
      return schema && !schema.ok ? { result: { ok: false, file, problems: schema.problems } } : {};
    }
    const locate = jsonLocate(text);
    // On data that is not schema-valid any of this may throw or be wrong: the verdict decides.
    let lineage: LineageFile | undefined;
    let rules: { issues: Issue[]; warnings: PendingWarnings; order?: string[] } | undefined;
    let built: T | undefined;
    try {
      lineage = withDefaults(data);
      const checked = checkRules(lineage, file, locate, [], RULES_AFTER);
      rules = { issues: checked.issues, warnings: checked.warnings, order: checked.order() };
      if (checked.problems.length === 0) built = speculate(lineage, rules.order, rules.warnings);
    } catch {
      rules = undefined;
    }
    const schema = await verdict;
    if (schema === undefined) return { discarded: built };
    if (!schema.ok) return { result: { ok: false, file, problems: schema.problems }, discarded: built };
    if (!lineage || !rules) return { discarded: built }; // schema-valid, yet this thread could not check it: load the usual way
    // The worker's rules come first in RULES: so joined, the issues are those of one load, located by one locator.
    const issues = [...schema.ruleIssues, ...rules.issues];
    if (issues.some((issue) => (issue.severity ?? "error") === "error")) {
      const problems = locatedWarnings(file, { located: [], issues }, locate);
      return { result: { ok: false, file, problems }, discarded: built };
    }
    const result = validResult(file, lineage, rules.order, { located: [], issues }, locate);
    // The speculation saw this thread's warnings only: it stands if the worker's rules added none.
    return schema.ruleIssues.length === 0 ? { result, built } : { result, discarded: built };
  } finally {
    void worker.terminate();
  }
}
