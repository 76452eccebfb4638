/**
 * The `trace --batch` protocol: one JSON query per input line, one compact JSON answer (or error object, with
 * `input`, the line's number) per line, in order. The answers to the lines at hand (those one read of standard
 * input brought) are written together, as soon as they are known, before more input is read: a script that
 * waits for each answer before asking the next gets it at once, and a stream of queries costs few writes. The
 * start is paid once. Output back-pressure is honoured: input is read again only once the answers are taken, so
 * memory stays flat however many queries stream.
 */
import { EXIT } from "../exit-codes.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { traceJson } from "../query/trace.js";
import { parseReading, type ReadingChoice } from "../graph/readings.js";
import { UnknownNameError } from "../query/resolve.js";
import type { TraceField } from "../vocabulary.js";
import { LineTooLongError, splitLineGroups, stdinFailure } from "./batch-lines.js";
import { CliFailure, errorBody, usage } from "./errors.js";
import { writeOut, type CliIo } from "./io.js";
import { escapeJson } from "../render/escape.js";

/** Answers gathered past this many characters are written before the next line is answered. */
const FLUSH_AT = 64 * 1024;

/** A line's own reading: `"STEP=N,..."` as `--reading` takes it, or `{"STEP": N}`; undefined when it has none; a message when it is malformed. */
function lineReading(n: number, value: unknown): ReadingChoice | undefined | CliFailure {
  if (value === undefined) return undefined;
  if (typeof value === "string") return parseReading(value);
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => Number.isSafeInteger(v) && (v as number) >= 0))
      return Object.fromEntries(entries) as ReadingChoice;
  }
  return usage(`input line ${n}: "reading" is "STEP=N,..." or {"STEP": N} with N a whole number`);
}

/** The answer to one input line: a trace (all its fields, or `fields`), or the failure it is refused with. */
function answer(
  graph: LineageGraph,
  n: number,
  line: string,
  fields: readonly TraceField[] | undefined,
  reading: ReadingChoice | undefined,
): string | CliFailure {
  let query: unknown;
  try {
    query = JSON.parse(line);
  } catch {
    return usage(`input line ${n} is not JSON`);
  }
  const q = query as { model?: unknown; ability?: unknown; reading?: unknown };
  if (typeof q !== "object" || q === null || typeof q.model !== "string" || typeof q.ability !== "string") {
    return usage(`input line ${n} must be an object with string "model" and "ability"`);
  }
  try {
    const own = lineReading(n, q.reading);
    if (own instanceof CliFailure) return own;
    // A line's own reading is taken on top of the batch's (`--reading`), as two --reading options are.
    const args = { model: q.model, ability: q.ability, reading: own ? { ...reading, ...own } : reading };
    return traceJson(graph, args, fields);
  } catch (error) {
    if (!(error instanceof UnknownNameError)) throw error;
    return usage(error.message);
  }
}

/** No input at all. */
async function* noInput(): AsyncGenerator<string[]> {}

/** A caller's lines, one at a time. */
async function* oneByOne(lines: AsyncIterable<string>): AsyncGenerator<string[]> {
  for await (const line of lines) yield [line];
}

/** The input lines, by the groups that arrive together: the caller's one by one, or standard input's by read. */
function inputGroups(io: CliIo): AsyncIterable<string[]> {
  if (io.stdin) return oneByOne(io.stdin);
  return io.stdinStream ? splitLineGroups(io.stdinStream) : noInput();
}

/**
 * Answers every line of standard input (with `fields` only, when given; under `reading`, and each line's own
 * `reading`, when given); the exit code is 0, or 2 if any line was refused.
 */
export async function traceBatch(
  graph: LineageGraph,
  io: CliIo,
  fields?: readonly TraceField[],
  reading?: ReadingChoice,
): Promise<number> {
  let n = 0;
  let code: number = EXIT.ok;
  const groups = inputGroups(io)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<string[]>;
    try {
      next = await groups.next();
    } catch (error) {
      if (!(error instanceof LineTooLongError)) throw stdinFailure(error);
      await writeOut(io.stdout, `${escapeJson(JSON.stringify(errorBody(usage(error.message), error.line)))}\n`);
      return EXIT.usage;
    }
    if (next.done) return code;
    let out = "";
    for (const raw of next.value) {
      if (io.stdout.closed) return code;
      n++;
      const line = raw.trim();
      if (line === "") continue;
      const result = answer(graph, n, line, fields, reading);
      if (result instanceof CliFailure) code = Math.max(code, result.exitCode);
      // Escaped as every --json output is (the characters JSON leaves raw that act on a terminal): an answer
      // comes so from traceJson.
      out += `${result instanceof CliFailure ? escapeJson(JSON.stringify(errorBody(result, n))) : result}\n`;
      if (out.length >= FLUSH_AT) {
        await writeOut(io.stdout, out);
        out = "";
      }
    }
    if (out !== "") await writeOut(io.stdout, out);
    if (io.stdout.closed) return code;
  }
}
