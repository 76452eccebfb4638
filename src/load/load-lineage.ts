/** Loads a lineage: read, parse (YAML with positions, or strict JSON), validate with zod, then run the cross-reference rules. */
import { sortProblems, type PendingWarnings, type Problem } from "../problem.js";
import { checkRules, locateAll, locatedWarnings, validResult, type Locator } from "./check-rules.js";
import type { LoadResult } from "./load-result.js";
import { jsonLocate, parseJson } from "./parse-json.js";
import { earlyProblem, parseText, yamlSource } from "./parse-yaml.js";
import { parseYamlFast } from "./parse-yaml-fast.js";
import { chunkLocator } from "./locate-yaml-chunks.js";
import { LIMITS } from "../limits.js";
import { isJsonPath, readSource } from "./read-source.js";
import { validateSchema } from "./validate-schema.js";

export type { LoadResult } from "./load-result.js";

/**
 * Places pending warnings in lineage text (the text they were found in: a cache entry's source, read again).
 * Parses the text as loading it does, without validating it again. Never throws.
 */
export function locateWarnings(text: string, file: string, pending: PendingWarnings): Problem[] {
  if (pending.issues.length === 0) return locatedWarnings(file, pending, () => unlocated);
  if (isJsonPath(file)) return locatedWarnings(file, pending, jsonLocate(text));
  const source = yamlSource(text);
  const fast = parseYamlFast(source);
  if (fast.ok) return locatedWarnings(file, pending, () => chunkLocator(source, fast.data));
  const parsed = parseText(file, text);
  return locatedWarnings(file, pending, () => (parsed.ok ? parsed.parsed.locate : unlocated));
}

/**
 * At least the nodes yaml@2 would make of YAML text, counted without parsing: its line ends, commas,
 * colons and dashes (js-yaml may stop early, at a syntax error, and does not report every empty entry).
 */
function yamlNodeEstimate(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x2c || c === 0x3a || c === 0x2d) n++;
  }
  return n;
}

/** The locator of a file that could not be parsed again with positions: problems keep their path, not a line. */
const unlocated = () => ({ line: null, column: null });

/**
 * Lineage text parsed for the schema step: its data, the problems found while parsing (a key given twice,
 * when the located YAML path read it), and how to locate a problem; or the problems that end the load there.
 */
type ParsedText = { ok: true; data: unknown; early: Problem[]; locate: Locator } | { ok: false; problems: Problem[] };

/** Parses lineage text as loading it does (`file` names it; a `.json` name selects strict JSON). Never throws. */
function parseLineageText(text: string, file: string): ParsedText {
  if (isJsonPath(file)) {
    const parsed = parseJson(file, text);
    if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
    // Positions are needed only when something is wrong: scan for just those paths then.
    return { ok: true, data: parsed.data, early: [], locate: jsonLocate(text) };
  }
  const source = yamlSource(text);
  const first = earlyProblem(file, source);
  if (first) return { ok: false, problems: [first] };
  // The fast path reads what needs no report; anything else is parsed again with positions.
  const fast = parseYamlFast(source);
  if (fast.ok) return { ok: true, data: fast.data, early: [], locate: fastLocator(text, file, source, fast) };
  if (fast.refusal.reason === "nodes" || !yamlLocatable(source, fast.refusal.nodes)) {
    const { message, at } = fast.refusal;
    return {
      ok: false,
      problems: [{ file, line: at?.line ?? null, column: at?.column ?? null, severity: "error", message, path: [] }],
    };
  }
  const parsed = parseText(file, text);
  if (!parsed.ok) return { ok: false, problems: sortProblems(parsed.problems) };
  return { ok: true, data: parsed.parsed.data, early: parsed.parsed.duplicateKeys, locate: () => parsed.parsed.locate };
}

/** Whether YAML text is small enough to be parsed again whole with positions. */
function yamlLocatable(source: string, nodes: number): boolean {
  return (
    source.length <= LIMITS.maxYamlLocateBytes && Math.max(nodes, yamlNodeEstimate(source)) <= LIMITS.maxYamlLocateNodes
  );
}

/** The locator of YAML text the fast path read. */
function fastLocator(
  text: string,
  file: string,
  source: string,
  fast: { data: Record<string, unknown>; nodes: number },
): Locator {
  return (issues) => {
    // Past the limits, the entry each problem is in is parsed again. Warnings alone (a valid file: a
    // query never shows them, and a whole second parse would cost ten times the first) are located so
    // too; an error, within the limits, has the whole file parsed again with positions.
    const warningsOnly = issues.every((issue) => issue.severity === "warning");
    if (!yamlLocatable(source, fast.nodes) || warningsOnly) return chunkLocator(source, fast.data);
    const again = parseText(file, text);
    return again.ok ? again.parsed.locate : unlocated;
  };
}

/** Validates lineage text; `file` is the name used in messages (a `.json` name selects strict JSON). Never throws. */
export function loadLineageText(text: string, file: string): LoadResult {
  const parsed = parseLineageText(text, file);
  if (!parsed.ok) return { ok: false, file, problems: parsed.problems };
  const { data, early, locate } = parsed;
  const schema = validateSchema(data);
  if (!schema.ok) {
    return {
      ok: false,
      file,
      problems: sortProblems([...early, ...locateAll(file, locate(schema.issues), schema.issues)]),
    };
  }
  const rules = checkRules(schema.lineage, file, locate, early);
  if (rules.problems.length > 0) return { ok: false, file, problems: rules.problems };
  return validResult(file, schema.lineage, rules.order(), rules.warnings, locate);
}

/** Reads and validates a lineage file. Never throws. */
export async function loadLineageFile(file: string): Promise<LoadResult> {
  const read = await readSource(file);
  if (!read.ok) return { ok: false, file, problems: [read.problem] };
  return loadLineageText(read.text, file);
}

// What the two-thread load (store/load-parallel.ts) runs on its own thread, from this lazily loaded module.
export { jsonLocate } from "./parse-json.js";
export { checkRules, locatedWarnings, validResult } from "./check-rules.js";
export { RULES_AFTER } from "./rules/index.js";
export { withDefaults } from "./with-defaults.js";
