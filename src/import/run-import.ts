/**
 * The `captrace import hf` and `captrace export hf-card` commands as functions the CLI calls: they do the
 * work and return what happened as data (a summary, or a failure with its exit code); the CLI prints it.
 * Nothing a user had is overwritten: a new file is never written over one, a rewrite is atomic. Never
 * throws for bad input.
 */
import { readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { stringify } from "yaml";
import { EXIT } from "../exit-codes.js";
import type { Problem } from "../problem.js";
import type { LineageFile } from "../schema.js";
import { hfCardFields, hfCardText, UnknownModelError, type HfCardFields } from "./export-card.js";
import type { ImportProblem } from "./fragment.js";
import { hubCacheDir, type Env } from "./hub-cache.js";
import { importPaths } from "./import-paths.js";
import { mergeInto, type MergeConflict } from "./merge-into.js";
import { createNewFile, FileChangedError, FileExistsError, replaceFile, stampOf } from "./write-file.js";
import { writeLineageJsonFile } from "./write-json.js";

/** What `import hf` was asked to do. Paths are as the user typed them, resolved against `cwd`. */
export interface ImportHfOptions {
  /** Files and directories; none: the local Hub cache that `env` names. */
  paths: string[];
  /** Write the lineage to this new file (`.json` as JSON, else YAML); an existing file is never overwritten. */
  out?: string;
  /** Add the import to this existing lineage file (rewritten atomically, keeping every line a person wrote). */
  into?: string;
  env: Env;
  /** The directory relative paths are in (default: the process's). */
  cwd?: string;
}

/** What an import did: the counts, every problem with the inputs, the conflicts not applied, what was written. */
export interface ImportHfSummary {
  imported: { models: number; externalBases: number; steps: number; errors: number; warnings: number };
  /** Problems with the inputs, each naming its file as the user gave it. */
  problems: ImportProblem[];
  /** With --into: bases the import gives for models the file derives otherwise; reported, not applied. */
  conflicts: MergeConflict[];
  /** With --into: what was added to the file (nothing: the file was left as it was). */
  added: { models: string[]; sources: string[]; steps: string[]; cards: string[] } | null;
  /** The file written (-o or --into), as the user named it; null when the lineage went to stdout or nothing changed. */
  written: string | null;
}

/** Why the command failed: its exit code, the contract's error code, one message, and the located problems. */
export interface CommandFailure {
  exitCode: number;
  code: "usage" | "invalid-lineage";
  message: string;
  problems: Problem[];
}

/** The outcome of `import hf`: the summary and, when no file was named, the lineage for stdout; or a failure (with the summary so far). */
export type ImportHfOutcome =
  | { ok: true; summary: ImportHfSummary; lineage: LineageFile | null }
  | { ok: false; summary: ImportHfSummary | null; failure: CommandFailure };

/** The lineage as YAML, the way `import hf` prints and writes it. */
export function lineageYaml(lineage: LineageFile): string {
  return stringify(lineage, { lineWidth: 0 });
}

const fail = (
  exitCode: number,
  code: CommandFailure["code"],
  message: string,
  problems: Problem[] = [],
  summary: ImportHfSummary | null = null,
): ImportHfOutcome => ({
  ok: false,
  summary,
  failure: { exitCode, code, message, problems },
});

/** An import problem as a lineage problem (it has no line: it is about an input file). */
const asProblem = (p: ImportProblem): Problem => ({
  file: p.file,
  line: null,
  column: null,
  severity: p.severity,
  message: p.message,
  path: [],
});

/** Puts the name the user gave back in place of the resolved path at the start of each problem's file. */
function displayed(problems: ImportProblem[], names: { real: string; display: string }[]): ImportProblem[] {
  return problems.map((p) => {
    for (const n of names) {
      if (p.file === n.real) return { ...p, file: n.display };
      if (p.file.startsWith(n.real + sep))
        return { ...p, file: n.display.replace(/[\\/]$/, "") + p.file.slice(n.real.length) };
    }
    return p;
  });
}

/** A write that failed, as the failure it is: an existing file is a usage error, anything else cannot be written (exit 5). */
function writeFailure(err: unknown, display: string, summary: ImportHfSummary): ImportHfOutcome {
  if (err instanceof FileExistsError)
    return fail(
      EXIT.usage,
      "usage",
      `${display} exists; use --into ${display} to add to it, or choose a new file`,
      [],
      summary,
    );
  if (err instanceof FileChangedError)
    return fail(
      EXIT.io,
      "usage",
      `${display} changed while importing; it was left as it is now (run the import again)`,
      [],
      summary,
    );
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return fail(EXIT.io, "usage", `cannot write ${display} (${code}); it was left unchanged`, [], summary);
}

/** Runs `captrace import hf PATH... [-o FILE] [--into FILE]`. */
export async function runImportHf(options: ImportHfOptions): Promise<ImportHfOutcome> {
  const cwd = options.cwd ?? process.cwd();
  if (options.out !== undefined && options.into !== undefined)
    return fail(EXIT.usage, "usage", "-o and --into cannot be used together");
  const outReal = options.out === undefined ? undefined : resolve(cwd, options.out);
  if (outReal !== undefined) {
    let exists = false;
    try {
      stampOf(outReal);
      exists = true;
    } catch {
      // not there: good
    }
    // Checked first to spare a long import; the write itself refuses again if one appears meanwhile.
    if (exists)
      return fail(
        EXIT.usage,
        "usage",
        `${options.out} exists; use --into ${options.out} to add to it, or choose a new file`,
      );
  }
  const names = options.paths.map((display) => ({ real: resolve(cwd, display), display }));
  const cache = names.length === 0 ? hubCacheDir(options.env) : null;
  const result = await importPaths(
    names.length > 0 ? names.map((n) => n.real) : cache !== null ? [resolve(cwd, cache)] : [],
    { env: options.env },
  );
  const problems = displayed(result.problems, names);
  const errors = problems.filter((p) => p.severity === "error").length;
  const summary: ImportHfSummary = {
    imported: {
      models: result.counts.described,
      externalBases: result.counts.external,
      steps: result.counts.steps,
      errors,
      warnings: problems.length - errors,
    },
    problems,
    conflicts: [],
    added: null,
    written: null,
  };
  if (result.counts.described === 0) {
    const where =
      names.length > 0
        ? ""
        : cache === null
          ? ": no path given and no Hub cache found (set HF_HUB_CACHE or HF_HOME)"
          : ` from the Hub cache ${cache}`;
    return fail(
      EXIT.invalidLineage,
      "invalid-lineage",
      `nothing could be imported${where}`,
      problems.map(asProblem),
      summary,
    );
  }

  if (options.into !== undefined) {
    const real = resolve(cwd, options.into);
    let text: string;
    let stamp;
    try {
      stamp = stampOf(real);
      text = readFileSync(real, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file (to write a new one: -o FILE)" : (code ?? String(err));
      return fail(
        EXIT.invalidLineage,
        "invalid-lineage",
        `cannot read ${options.into}: ${why}`,
        [{ file: options.into, line: null, column: null, severity: "error", message: `cannot read: ${why}`, path: [] }],
        summary,
      );
    }
    const merged = mergeInto(text, result.lineage, options.into);
    summary.conflicts = merged.conflicts;
    if (merged.problems.length > 0) {
      const first = merged.problems.find((p) => p.severity === "error") ?? merged.problems[0]!;
      const where = first.line === null ? first.file : `${first.file}:${first.line}:${first.column ?? 1}`;
      return fail(
        EXIT.invalidLineage,
        "invalid-lineage",
        `${where}: ${first.message} (${options.into} left unchanged)`,
        merged.problems,
        summary,
      );
    }
    summary.added = merged.added;
    if (merged.text !== text) {
      try {
        replaceFile(real, merged.text, stamp);
      } catch (err) {
        summary.added = null;
        return writeFailure(err, options.into, summary);
      }
      summary.written = options.into;
    }
    return { ok: true, summary, lineage: null };
  }
  if (options.out !== undefined && outReal !== undefined) {
    try {
      if (/\.json$/i.test(options.out)) writeLineageJsonFile(result.lineage, outReal);
      else createNewFile(outReal, (write) => write(lineageYaml(result.lineage)));
    } catch (err) {
      return writeFailure(err, options.out, summary);
    }
    summary.written = options.out;
    return { ok: true, summary, lineage: null };
  }
  return { ok: true, summary, lineage: result.lineage };
}

/** Runs `captrace export hf-card MODEL` on a loaded lineage: the card fields and their front-matter text, or a usage failure for an unknown model. */
export function runExportHfCard(
  lineage: LineageFile,
  model: string,
): { ok: true; fields: HfCardFields; text: string } | { ok: false; failure: CommandFailure } {
  try {
    const fields = hfCardFields(lineage, model);
    return { ok: true, fields, text: hfCardText(fields) };
  } catch (err) {
    if (err instanceof UnknownModelError)
      return { ok: false, failure: { exitCode: EXIT.usage, code: "usage", message: err.message, problems: [] } };
    throw err;
  }
}
