/** `captrace trace MODEL ABILITY` and `trace --batch`. */
import { InvalidArgumentError, type Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import type { LineageGraph } from "../../graph/build-graph.js";
import { traceFields, type TraceArgs } from "../../query/trace.js";
import { renderJson } from "../../render/format.js";
import { didYouMean } from "../../suggest.js";
import { TRACE_FIELDS, type TraceField } from "../../vocabulary.js";
import { UnknownNameError } from "../../query/resolve.js";
import { traceBatch } from "../batch.js";
import type { ReadingChoice } from "../../graph/readings.js";
import { globals, READING_HELP, readingOption, type RunContext } from "../context.js";
import { usage } from "../errors.js";
import type { TraceResult } from "../../contract.js";

/**
 * `--fields a,b,c` (repeatable): top-level fields of the trace answer, each checked against the contract's list;
 * an unknown one is a usage error with the field it is closest to.
 */
export function fieldsOption(value: string, previous: TraceField[] | undefined): TraceField[] {
  const names = value.split(",").map((f) => f.trim());
  const out = [...(previous ?? [])];
  for (const name of names) {
    if (name === "")
      throw new InvalidArgumentError("a field name is empty (fields are comma-separated: present,state)");
    if (!(TRACE_FIELDS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        `unknown field '${name}'${didYouMean(name, TRACE_FIELDS) || ` (the fields: ${TRACE_FIELDS.join(", ")})`}`,
      );
    }
    if (!out.includes(name as TraceField)) out.push(name as TraceField);
  }
  return out;
}

/** The trace of `model` and `ability` (its `fields`); a name error says so when the two were given the other way round. */
function traceOrSwap(graph: LineageGraph, args: TraceArgs, fields: readonly TraceField[]) {
  const { model, ability, reading } = args;
  try {
    return traceFields(graph, args, fields);
  } catch (error) {
    if (!(error instanceof UnknownNameError)) throw error;
    try {
      traceFields(graph, { model: ability, ability: model, reading }, ["present"]);
    } catch {
      throw error;
    }
    throw usage(
      `'${model}' is an ability and '${ability}' a model: the model comes first (did you mean captrace trace ${ability} ${model}?)`,
    );
  }
}

/** Adds `trace`. */
export function registerTrace(program: Command, ctx: RunContext): void {
  program
    .command("trace")
    .description("where ABILITY of MODEL came from: the answer, the path, each step that changed it")
    .argument("[model]", "model id or alias")
    .argument("[ability]", "ability id or alias")
    .option("-v, --evidence", "also the evidence notes, parentage details and alternative readings")
    .option("--reading <STEP=N>", READING_HELP, readingOption)
    .option(
      "--fields <LIST>",
      "only these top-level fields of the JSON answer, comma-separated (present,state,introducedBy); implies --json",
      fieldsOption,
    )
    .option(
      "--batch",
      'answer JSON lines on stdin ({"model": ..., "ability": ..., "reading"?: "STEP=N"}), one JSON answer per line; exit 2 if any line was refused',
    )
    .action(
      async (
        model: string | undefined,
        ability: string | undefined,
        o: { batch?: boolean; evidence?: boolean; reading?: ReadingChoice; fields?: TraceField[] },
        cmd: Command,
      ) => {
        const opts = globals(cmd);
        if (o.batch) {
          if (model !== undefined) throw usage("trace --batch takes its queries on stdin, not as arguments");
          ctx.exitCode = await traceBatch(await ctx.loadGraph(opts), ctx.io, o.fields, o.reading);
          return;
        }
        if (model === undefined || ability === undefined) {
          throw usage("trace needs a model and an ability: captrace trace MODEL ABILITY (or --batch)");
        }
        const graph = await ctx.loadGraph(opts);
        const args = { model, ability, reading: o.reading };
        if (o.fields) {
          if (o.evidence)
            throw usage("--evidence is for the text answer: --fields prints JSON (ask for the fields you need)");
          // The exit code says whether the ability is present, asked for or not.
          const result = traceOrSwap(graph, args, o.fields.includes("present") ? o.fields : [...o.fields, "present"]);
          const present = result.present === true;
          if (!o.fields.includes("present")) delete result.present;
          await ctx.out(renderJson(result));
          ctx.exitCode = present ? EXIT.ok : EXIT.no;
          return;
        }
        const result = traceOrSwap(graph, args, TRACE_FIELDS) as TraceResult;
        await ctx.print("trace", result, opts, "text", { detail: o.evidence === true });
        ctx.exitCode = result.present ? EXIT.ok : EXIT.no;
      },
    );
}
