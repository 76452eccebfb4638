/** A located problem in a lineage file, as validate reports it. */
export type PathSegment = string | number;

/** One problem: where it is, how bad, what is wrong. */
export interface Problem {
  file: string;
  /** 1-based; null when the problem is the file itself (missing, unreadable). */
  line: number | null;
  column: number | null;
  severity: "error" | "warning";
  message: string;
  path: PathSegment[];
}

/** A problem found by a rule before its position is known: a path, and whether it points at the key. */
export interface Issue {
  path: PathSegment[];
  message: string;
  severity?: "error" | "warning";
  /** Point at the mapping key of the last path segment rather than at its value. */
  atKey?: boolean;
  /** Point here instead of at `path` (a missing key points at its parent mapping). */
  at?: PathSegment[];
}

/** Renders a path the way a person reads it: `steps[3].claims[0].effect`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** Sorts problems by line, then column, then message, so output is stable. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.message.localeCompare(b.message),
  );
}

/** The one-line human form: `FILE:LINE:COL: error: MESSAGE`. */
export function formatProblem(p: Problem): string {
  const where = p.line === null ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${p.severity}: ${p.message}`;
}

/**
 * A valid lineage's warnings as they are kept before anyone asks where they are: those already placed
 * (`located`), and the rest as issues, placed in the file only when shown (locating thousands of warnings
 * costs a scan of the file, which a query that shows none need not pay).
 */
export interface PendingWarnings {
  located: Problem[];
  issues: Issue[];
}

/** Pending warnings shown without reading the file again: the issues without a line or column, after the placed ones. */
export function unplacedWarnings(file: string, pending: PendingWarnings): Problem[] {
  const rest = pending.issues.map((issue): Problem => ({
    file,
    line: null,
    column: null,
    severity: issue.severity ?? "warning",
    message: issue.message,
    path: issue.path,
  }));
  return [...sortProblems(pending.located.map((p) => ({ ...p, file }))), ...rest];
}
