/** The cross-reference rules over a schema-valid lineage, their issues located: shared by every way of loading. */
import type { LineageFile } from "../schema.js";
import type { LoadResult } from "./load-result.js";
import { sortProblems, type Issue, type PathSegment, type PendingWarnings, type Problem } from "../problem.js";
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

/** What the rules found: every problem, located, when one is an error; else the warnings, not yet located. */
export interface RuleOutcome {
  /** When there is an error (the rules', or among `early`): every problem, located and sorted; else empty. */
  problems: Problem[];
  /** When there is no error: the warnings, to be located when shown. */
  warnings: PendingWarnings;
  /** The lineage order (undefined on a cycle), computed if asked. */
  order: () => string[] | undefined;
  /** Every issue the rules found, not located (a load on two threads locates both threads' together). */
  issues: Issue[];
}

/** Runs `rules` (by default every rule) after the `early` problems (of the parse). */
export function checkRules(
  lineage: LineageFile,
  file: string,
  locator: Locator,
  early: Problem[] = [],
  rules: readonly Rule[] = RULES,
): RuleOutcome {
  const ctx = ruleContext(lineage);
  const issues = rules.flatMap((rule) => rule(ctx));
  const order = () => topologicalOrder(ctx);
  const failed = early.some((p) => p.severity === "error") || issues.some((i) => (i.severity ?? "error") === "error");
  if (!failed) return { problems: [], warnings: { located: early, issues }, order, issues };
  return { problems: locatedWarnings(file, { located: early, issues }, locator), warnings: NONE, order, issues };
}

const NONE: PendingWarnings = { located: [], issues: [] };

/** Pending warnings (or problems) placed in the file, sorted by position. */
export function locatedWarnings(file: string, pending: PendingWarnings, locator: Locator): Problem[] {
  const { located, issues } = pending;
  return sortProblems([...located, ...(issues.length ? locateAll(file, locator(issues), issues) : [])]);
}

/** A valid lineage's load result, its warnings located by `locator` when first read. */
export function validResult(
  file: string,
  lineage: LineageFile,
  order: string[] | undefined,
  pending: PendingWarnings,
  locator: Locator,
): LoadResult {
  let warnings: Problem[] | undefined;
  return {
    ok: true,
    file,
    lineage,
    order,
    pending,
    get warnings() {
      return (warnings ??= locatedWarnings(file, pending, locator));
    },
  };
}
