/**
 * Loading a hub dump (JSON Lines or CSV, `isDumpPath`) as a lineage: its rows are converted by the importer
 * (src/import/dump-lineage.ts, the one module of src/import that storage reads), then validated like any
 * lineage: the schema and the cross-reference rules. A problem is placed at the line of the row it comes
 * from (column 1). With a worker script, a worker thread converts the same file and checks the schema (the
 * costliest part) while this thread checks the rules and does the caller's work (building the graph,
 * writing the cache entry), kept only when the verdict is valid; as for large JSON (load-parallel.ts).
 *
 * One rule is folded: a dump row that declares no base is a root by the dump's word, so instead of the
 * orphan warning for each (70% of the Hub's models), one warning counts them.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, fstatSync, openSync, closeSync, constants } from "node:fs";
import type { Worker } from "node:worker_threads";
import { readDumpLineage, type DumpLineage, type ImportProblem } from "../import/dump-lineage.js";
import { LIMITS } from "../limits.js";
import { checkRules, locateAll, locatedWarnings, validResult, type Locate, type Locator } from "../load/check-rules.js";
import type { LoadResult } from "../load/load-lineage.js";
import { checkAlternativeCycles } from "../load/rules/cycles.js";
import { checkReferences } from "../load/rules/references.js";
import { RULES, type Rule } from "../load/rules/index.js";
import { checkOneStepPerModel, checkOrphans, checkParents } from "../load/rules/structure.js";
import { checkUniqueIds } from "../load/rules/unique-ids.js";
import { schemaHolds, validateSchema } from "../load/validate-schema.js";
import { sortProblems, type PendingWarnings, type Problem } from "../problem.js";
import type { LineageFile } from "../schema.js";

/** What a worker is sent to check a dump. */
export interface DumpCheckRequest {
  captraceDumpCheck: true;
  path: string;
  file: string;
}

/** The worker's verdict on a dump's schema, with the sha256 of the bytes it read (to know it read what this thread did). */
export type DumpVerdict = { sha256: string } & (
  { ok: true; ruleProblems: Problem[] } | { ok: false; problems: Problem[] }
);

/** Every rule but the orphan check, which a dump gets folded into one warning (`rootsWarning`). */
const DUMP_RULES: readonly Rule[] = RULES.filter((rule) => rule !== checkOrphans);

/**
 * The rules the worker runs beside the schema: those that need no lineage order and report only errors
 * (so that a valid dump's speculation is never undone by them). More than a JSON lineage's worker runs
 * (RULES_BESIDE_SCHEMA): this thread has the graph and its compact form to make. Not the cycle check: this
 * thread sorts the models for the lineage order anyway, which is that check's cost. The references too (about
 * 2 s on the bench's 1M-row dump): with the schema checked by zod's compiled form, the worker finished some
 * 7 s before this thread with them here. (Problems are sorted by place and message: which thread finds one
 * does not change the order they are shown in.)
 */
const DUMP_BESIDE_SCHEMA: readonly Rule[] = [
  checkReferences,
  checkUniqueIds,
  checkOneStepPerModel,
  checkParents,
  checkAlternativeCycles,
];
/** The rest of DUMP_RULES, run on this thread. */
const DUMP_AFTER: readonly Rule[] = DUMP_RULES.filter((rule) => !DUMP_BESIDE_SCHEMA.includes(rule));

/** A problem of the dump file itself (missing, too large, not a regular file), or its size. */
export function checkDumpFile(
  path: string,
  file: string,
): { ok: true; size: number } | { ok: false; problem: Problem } {
  const fail = (message: string) => ({
    ok: false as const,
    problem: { file, line: null, column: null, severity: "error" as const, message, path: [] },
  });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(
      code === "ENOENT"
        ? "no such file"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : `cannot be read (${code ?? "unknown error"})`,
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail("is a directory, not a lineage file");
    if (!stat.isFile()) return fail("is not a regular file (a pipe, socket or device cannot be read as a lineage)");
    if (stat.size > LIMITS.maxDumpBytes) {
      const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
      return fail(`file is too large (${mb(stat.size)}; the limit for a hub dump is ${mb(LIMITS.maxDumpBytes)})`);
    }
    return { ok: true, size: stat.size };
  } finally {
    closeSync(fd);
  }
}

/** The sha256 of a file's bytes, hex, streamed (a dump may be far larger than a lineage read whole). */
export async function hashFile(path: string): Promise<string | undefined> {
  const hash = createHash("sha256");
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest("hex");
}

/** Finds where an entry of a converted dump came from: a model or step by the line of its row. */
export function dumpLocator(dump: Pick<DumpLineage, "lines">): Locator {
  let modelIndex: Map<string, number> | undefined;
  const at = (line: number | undefined) => (line ? { line, column: 1 } : { line: null, column: null });
  const locate: Locate = (path) => {
    if (path[0] === "steps" && typeof path[1] === "number") return at(dump.lines.steps[path[1]]);
    if (path[0] === "models" && typeof path[1] === "string") {
      modelIndex ??= new Map(dump.lines.modelIds.map((id, i) => [id, i]));
      const i = modelIndex.get(path[1]);
      return at(i === undefined ? undefined : dump.lines.models[i]);
    }
    return at(undefined);
  };
  return () => locate;
}

/** An import problem as a lineage problem, at the line of its row. */
function asProblem(p: ImportProblem, file: string): Problem {
  return {
    file,
    line: p.line ?? null,
    column: p.line ? 1 : null,
    severity: p.severity,
    message: p.message,
    path: [],
  };
}

/** The problem of a dump that holds no row (only blank lines, or a CSV header alone). */
function noRows(file: string): Problem {
  return {
    file,
    line: null,
    column: null,
    severity: "error",
    message: "no rows: a hub dump holds one model a row (JSON Lines, or CSV under a header row)",
    path: [],
  };
}

/** The one warning that stands for the orphan check's: how many rows declare no base, the first few named. */
function rootsWarning(dump: DumpLineage, file: string): Problem[] {
  const { count, first } = dump.roots;
  if (count === 0) return [];
  const names = first.map((id) => `'${id}'`).join(", ") + (count > first.length ? ", ..." : "");
  const models = `${count.toLocaleString("en-US")} ${count === 1 ? "model declares" : "models declare"}`;
  return [
    {
      file,
      line: null,
      column: null,
      severity: "warning",
      message: `${models} no base (${names}): read as roots`,
      path: [],
    },
  ];
}

/** The schema step's verdict on a converted dump, then the rules beside it; what the worker computes. */
export async function dumpVerdict(path: string, file: string): Promise<DumpVerdict> {
  const hash = createHash("sha256");
  const dump = await readDumpLineage(path, file, (chunk) => hash.update(chunk));
  const sha256 = hash.digest("hex");
  // Only the verdict: the converted lineage needs no default, so the rules read it, not a validated copy.
  const schema = schemaHolds(dump.lineage);
  const locator = dumpLocator(dump);
  if (!schema.ok)
    return { sha256, ok: false, problems: sortProblems(locateAll(file, locator(schema.issues), schema.issues)) };
  const rules = checkRules(dump.lineage, file, locator, [], DUMP_BESIDE_SCHEMA);
  return {
    sha256,
    ok: true,
    ruleProblems: rules.problems.length > 0 ? rules.problems : locatedWarnings(file, rules.warnings, locator),
  };
}

/** The caller's work on a lineage whose rules hold, done while the schema is checked (as load-parallel.ts's). */
export type DumpSpeculation<T> = (lineage: LineageFile, order: string[] | undefined, warnings: PendingWarnings) => T;

/**
 * The outcome of loading a dump: the load result, the sha256 of the bytes converted, and the
 * speculation's value when it stands (`built`) or, to be undone, when it does not (`discarded`).
 */
export interface DumpOutcome<T> {
  result: LoadResult;
  sha256: string;
  built?: T;
  discarded?: T;
}

/**
 * Loads a dump: converts it, validates it (the schema on a worker thread when `workerFile` is given), and,
 * while the schema is checked, runs `speculate` on a lineage whose rules hold. Never throws.
 */
export async function loadDump<T>(
  path: string,
  file: string,
  workerFile: string | undefined,
  speculate: DumpSpeculation<T>,
): Promise<DumpOutcome<T>> {
  let worker: Worker | undefined;
  let verdict: Promise<DumpVerdict | undefined> | undefined;
  if (workerFile !== undefined) {
    const { Worker } = await import("node:worker_threads");
    const request: DumpCheckRequest = { captraceDumpCheck: true, path, file };
    try {
      const started = new Worker(workerFile, { workerData: request });
      worker = started;
      verdict = new Promise<DumpVerdict | undefined>((resolve) => {
        started.once("message", (v: DumpVerdict) => resolve(v));
        started.once("error", () => resolve(undefined));
        started.once("exit", () => resolve(undefined));
      });
    } catch {
      worker = undefined;
    }
  }
  try {
    const hash: Hash = createHash("sha256");
    const dump = await readDumpLineage(path, file, (chunk) => hash.update(chunk));
    const sha256 = hash.digest("hex");
    const fail = (problems: Problem[]): DumpOutcome<T> => ({ sha256, result: { ok: false, file, problems } });
    const early = sortProblems(dump.problems.map((p) => asProblem(p, file)));
    if (early.some((p) => p.severity === "error")) return fail(early);
    // As an empty lineage file is refused, so is a dump without a row.
    if (dump.rows === 0) return fail([noRows(file)]);
    const locator = dumpLocator(dump);
    const roots = rootsWarning(dump, file);
    if (verdict === undefined) {
      // One thread: the schema, then every rule, as loadLineageText.
      const schema = validateSchema(dump.lineage);
      if (!schema.ok) return fail(sortProblems([...early, ...locateAll(file, locator(schema.issues), schema.issues)]));
      const checked = checkRules(schema.lineage, file, locator, [...early, ...roots], DUMP_RULES);
      if (checked.problems.length > 0) return fail(checked.problems);
      const order = checked.order();
      // A dump's problems are placed by their row, which costs nothing: placed now.
      const pending = { located: locatedWarnings(file, checked.warnings, locator), issues: [] };
      const result = validResult(file, schema.lineage, order, pending, locator);
      return { sha256, result, built: speculate(schema.lineage, order, pending) };
    }
    // On a lineage that is not schema-valid the rules may throw or be wrong: the verdict decides.
    let rules: { problems: Problem[]; order?: string[] } | undefined;
    let built: T | undefined;
    try {
      const checked = checkRules(dump.lineage, file, locator, [...early, ...roots], DUMP_AFTER);
      const failed = checked.problems.length > 0;
      rules = {
        problems: failed ? checked.problems : locatedWarnings(file, checked.warnings, locator),
        order: checked.order(),
      };
      if (!failed) built = speculate(dump.lineage, rules.order, { located: rules.problems, issues: [] });
    } catch {
      rules = undefined;
    }
    const schema = await verdict;
    if (schema === undefined || schema.sha256 !== sha256 || !rules) {
      // The worker failed, read other bytes (the file changed meanwhile) or this thread could not check: one thread.
      const serial = await loadDump(path, file, undefined, speculate);
      return { ...serial, discarded: built };
    }
    if (!schema.ok) return { ...fail(sortProblems([...early, ...schema.problems])), discarded: built };
    const problems = sortProblems([...schema.ruleProblems, ...rules.problems]);
    if (problems.some((p) => p.severity === "error")) return { ...fail(problems), discarded: built };
    const result = validResult(file, dump.lineage, rules.order, { located: problems, issues: [] }, locator);
    // The speculation saw this thread's warnings only: it stands if the worker's rules added none.
    return schema.ruleProblems.length === 0 ? { sha256, result, built } : { sha256, result, discarded: built };
  } finally {
    void worker?.terminate();
  }
}
