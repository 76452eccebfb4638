/**
 * The `captrace import hf` command as a function the CLI calls: imports, then writes the lineage to stdout,
 * to a new file (-o) or into an existing one (--into), and says what it did on stderr. Never throws for bad input.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { EXIT } from "../exit-codes.js";
import type { LineageFile } from "../schema.js";
import { exportHfCard, UnknownModelError } from "./export-card.js";
import type { Env } from "./hub-cache.js";
import { importPaths } from "./import-paths.js";
import { mergeInto } from "./merge-into.js";
import { writeLineageJsonFile } from "./write-json.js";

/** What `import hf` was asked to do. */
export interface ImportHfOptions {
  paths: string[];
  /** Write the lineage to this new file (`.json` as JSON, else YAML); an existing file is never overwritten. */
  out?: string;
  /** Add the import to this existing lineage file (rewritten atomically, keeping every line a person wrote). */
  into?: string;
  env: Env;
}

/** What the command prints and how it exits. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  /** Lines for stderr, in order. */
  stderr: string[];
}

/** Control characters from files are shown escaped, never sent to the terminal raw. */
const safe = (s: string) =>
  [...s].map((c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== "\t") || (code >= 0x7f && code <= 0x9f) ? `\\u${code.toString(16).padStart(4, "0")}` : c;
  }).join("");

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { flag: "wx" });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Runs `captrace import hf PATH... [-o FILE] [--into FILE]`. */
export async function runImportHf(options: ImportHfOptions): Promise<CommandOutput> {
  const stderr: string[] = [];
  if (options.out !== undefined && options.into !== undefined) {
    return { exitCode: EXIT.usage, stdout: "", stderr: ["captrace: -o and --into cannot be used together"] };
  }
  if (options.out !== undefined && existsSync(options.out)) {
    return { exitCode: EXIT.usage, stdout: "", stderr: [`captrace: ${safe(options.out)} exists; use --into ${safe(options.out)} to add to it, or choose a new file`] };
  }
  const result = await importPaths(options.paths, { env: options.env });
  const errors = result.problems.filter((p) => p.severity === "error").length;
  for (const p of result.problems) stderr.push(`${safe(p.file)}: ${p.severity}: ${safe(p.message)}`);
  const { described, external, steps } = result.counts;
  stderr.push(`imported ${described} models (${external} external bases), ${steps} steps; ${errors} errors, ${result.problems.length - errors} warnings`);
  if (described === 0) return { exitCode: EXIT.invalidLineage, stdout: "", stderr: [...stderr, "captrace: nothing could be imported"] };

  if (options.into !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.into, "utf8");
    } catch {
      return { exitCode: EXIT.invalidLineage, stdout: "", stderr: [...stderr, `captrace: cannot read ${safe(options.into)}`] };
    }
    const merged = mergeInto(text, result.lineage, options.into);
    if (merged.problems.length > 0) {
      for (const p of merged.problems) stderr.push(`${safe(p.file)}${p.line === null ? "" : `:${p.line}:${p.column ?? 1}`}: ${p.severity}: ${safe(p.message)}`);
      return { exitCode: EXIT.invalidLineage, stdout: "", stderr: [...stderr, `captrace: ${safe(options.into)} left unchanged`] };
    }
    for (const c of merged.conflicts) stderr.push(`conflict: ${safe(c.message)}`);
    if (merged.text !== text) writeAtomically(options.into, merged.text);
    const a = merged.added;
    stderr.push(`added ${a.models.length} models, ${a.steps.length} steps, ${a.sources.length} sources to ${safe(options.into)}; ${merged.conflicts.length} conflicts (not applied)`);
    return { exitCode: EXIT.ok, stdout: "", stderr };
  }
  if (options.out !== undefined) {
    if (/\.json$/i.test(options.out)) writeLineageJsonFile(result.lineage, options.out);
    else writeAtomically(options.out, stringify(result.lineage, { lineWidth: 0 }));
    stderr.push(`wrote ${safe(options.out)}`);
    return { exitCode: EXIT.ok, stdout: "", stderr };
  }
  return { exitCode: EXIT.ok, stdout: stringify(result.lineage, { lineWidth: 0 }), stderr };
}

/** Runs `captrace export hf-card MODEL` on a loaded lineage: the lines on stdout, or a usage error for an unknown model. */
export function runExportHfCard(lineage: LineageFile, model: string): CommandOutput {
  try {
    return { exitCode: EXIT.ok, stdout: exportHfCard(lineage, model), stderr: [] };
  } catch (err) {
    if (err instanceof UnknownModelError) return { exitCode: EXIT.usage, stdout: "", stderr: [`captrace: ${safe(err.message)}`] };
    throw err;
  }
}
