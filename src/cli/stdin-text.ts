/** Standard input read whole, as lineage text for `validate -`, within the YAML size limit. */
import { LIMITS } from "../limits.js";
import { decodeUtf8 } from "../load/read-source.js";
import { formatProblem, type Problem } from "../problem.js";
import { CliFailure } from "./errors.js";
import { EXIT } from "../exit-codes.js";
import { stdinFailure } from "./batch-lines.js";
import type { CliIo } from "./io.js";

/** The name stdin's problems are reported under. */
export const STDIN_NAME = "<stdin>";

/** Stdin's lineage refused for `problem` (exit 3, as a file would be). */
function invalid(problem: Problem): CliFailure {
  return new CliFailure(EXIT.invalidLineage, "invalid-lineage", formatProblem(problem), [problem]);
}

/** All of standard input as text; refuses more than the YAML limit (stdin is read as YAML) and bad UTF-8. */
export async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin) {
    const lines: string[] = [];
    for await (const line of io.stdin) lines.push(line);
    return lines.join("\n");
  }
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of io.stdinStream ?? []) {
      const bytes = Buffer.from(chunk);
      size += bytes.length;
      if (size > LIMITS.maxYamlBytes) {
        const mb = `${(LIMITS.maxYamlBytes / 1e6).toFixed(1)} MB`;
        const message = `standard input is too large (more than ${mb}; the limit for YAML, which it is read as, is ${mb})`;
        throw invalid({ file: STDIN_NAME, line: null, column: null, severity: "error", message, path: [] });
      }
      parts.push(bytes);
    }
  } catch (error) {
    throw error instanceof CliFailure ? error : stdinFailure(error);
  }
  const read = decodeUtf8(STDIN_NAME, Buffer.concat(parts));
  if (!read.ok) throw invalid(read.problem);
  return read.text;
}
