/**
 * The `trace --batch` protocol: one JSON query per input line, one compact JSON answer (or error object,
 * with `input`, the line's number) per line, in order, each written as soon as it is known (a script may
 * wait for each answer before asking the next); the start is paid once. Output back-pressure is honoured:
 * the next line is read only once the answer is taken, so memory stays flat however many queries stream.
 */
import { EXIT } from "../exit-codes.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { trace } from "../query/trace.js";
import { UnknownNameError } from "../query/resolve.js";
import { LineTooLongError, splitLines, stdinFailure } from "./batch-lines.js";
import { CliFailure, errorBody, usage } from "./errors.js";
import { writeOut, type CliIo } from "./io.js";

/** The answer to one input line: a trace, or the failure it is refused with. */
function answer(graph: LineageGraph, n: number, line: string): string | CliFailure {
  let query: unknown;
  try {
    query = JSON.parse(line);
  } catch {
    return usage(`input line ${n} is not JSON`);
  }
  const q = query as { model?: unknown; ability?: unknown };
  if (typeof q !== "object" || q === null || typeof q.model !== "string" || typeof q.ability !== "string") {
    return usage(`input line ${n} must be an object with string "model" and "ability"`);
  }
  try {
    return JSON.stringify(trace(graph, { model: q.model, ability: q.ability }));
  } catch (error) {
    if (!(error instanceof UnknownNameError)) throw error;
    return usage(error.message);
  }
}

/** No input at all. */
async function* noInput(): AsyncGenerator<string> {}

/** The input lines: the caller's, or standard input split with a length limit. */
function inputLines(io: CliIo): AsyncIterable<string> {
  return io.stdin ?? splitLines(io.stdinStream ?? noInput());
}

/** Answers every line of standard input; the exit code is 0, or 2 if any line was refused. */
export async function traceBatch(graph: LineageGraph, io: CliIo): Promise<number> {
  let n = 0;
  let code: number = EXIT.ok;
  const lines = inputLines(io)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string>;
    try {
      next = await lines.next();
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw stdinFailure(error);
      await writeOut(io.stdout, `${JSON.stringify(errorBody(usage(error.message), error.line))}\n`);
      return EXIT.usage;
    }
    if (next.done || io.stdout.closed) return code;
    n++;
    const line = next.value.trim();
    if (line === "") continue;
    const result = answer(graph, n, line);
    if (result instanceof CliFailure) code = Math.max(code, result.exitCode);
    await writeOut(io.stdout, `${result instanceof CliFailure ? JSON.stringify(errorBody(result, n)) : result}\n`);
  }
}
