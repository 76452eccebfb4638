/** The cross-reference rules over a schema-valid lineage, their issues located: shared by every way of loading. */
import type { LineageFile } from "../schema.js";
import { sortProblems, type Issue, type PathSegment, type Problem } from "../problem.js";
import { RULES, type Rule } from "./rules/index.js";
import { ruleContext } from "./rules/context.js";
import { topologicalOrder } from "./rules/cycles.js";

/** Where a path lies in the file: its value, or with `atKey` its mapping key. */
export type Locate = (path: readonly PathSegment[], atKey?: boolean) => { line: number | null; column: number | null };

/** Makes the locator for some issues (a JSON file scans only for the paths it is asked). */
export type Locator = (issues: Issue[]) => Locate;

/** Places issues in the file. */
export function locateAll(file: string, locate: Locate, issues: Issue[]): Problem[] {
  return issues.map((issue) => {
    const { line, column } = locate(issue.at ?? issue.path, issue.at ? false : issue.atKey);
    return { file, line, column, severity: issue.severity ?? "error", message: issue.message, path: issue.path };
  });
}

/** Runs `rules` (by default every rule); returns their problems (with `early` ones, sorted) and the lineage order (undefined on a cycle), computed if asked. */
export function checkRules(
  lineage: LineageFile,
  file: string,
  locator: Locator,
  early: Problem[] = [],
  rules: readonly Rule[] = RULES,
): { problems: Problem[]; order: () => string[] | undefined } {
  const ctx = ruleContext(lineage);
  const issues = rules.flatMap((rule) => rule(ctx));
  const problems = sortProblems([...early, ...(issues.length ? locateAll(file, locator(issues), issues) : [])]);
  return { problems, order: () => topologicalOrder(ctx) };
}
