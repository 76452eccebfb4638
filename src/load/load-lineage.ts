/** Loads a lineage: read, parse with positions, validate with zod, then run the cross-reference rules. */
import type { LineageFile } from "../schema.js";
import { sortProblems, type Issue, type Problem } from "../problem.js";
import { parseText, type ParsedText } from "./parse-yaml.js";
import { readSource } from "./read-source.js";
import { RULES } from "./rules/index.js";
import { ruleContext } from "./rules/context.js";
import { validateSchema } from "./validate-schema.js";

/** A loaded lineage with its warnings, or every problem found, sorted by position. */
export type LoadResult =
  | { ok: true; file: string; lineage: LineageFile; warnings: Problem[] }
  | { ok: false; file: string; problems: Problem[] };

function locateAll(file: string, parsed: ParsedText, issues: Issue[]): Problem[] {
  return issues.map((issue) => {
    const { line, column } = parsed.locate(issue.at ?? issue.path, issue.at ? false : issue.atKey);
    return { file, line, column, severity: issue.severity ?? "error", message: issue.message, path: issue.path };
  });
}

/** Validates lineage text; `file` is the name used in messages. Never throws. */
export function loadLineageText(text: string, file: string): LoadResult {
  const parsed = parseText(file, text);
  if (!parsed.ok) return { ok: false, file, problems: sortProblems(parsed.problems) };
  const dup = parsed.parsed.duplicateKeys;
  const schema = validateSchema(parsed.parsed.data);
  if (!schema.ok) {
    return { ok: false, file, problems: sortProblems([...dup, ...locateAll(file, parsed.parsed, schema.issues)]) };
  }
  const ctx = ruleContext(schema.lineage);
  const found = [...dup, ...locateAll(file, parsed.parsed, RULES.flatMap((rule) => rule(ctx)))];
  const problems = sortProblems(found);
  if (problems.some((p) => p.severity === "error")) return { ok: false, file, problems };
  return { ok: true, file, lineage: schema.lineage, warnings: problems };
}

/** Reads and validates a lineage file. Never throws. */
export async function loadLineageFile(file: string): Promise<LoadResult> {
  const read = await readSource(file);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  return loadLineageText(read.text, file);
}
