/** `captrace trace MODEL ABILITY` and `trace --batch`. */
import type { Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import type { LineageGraph } from "../../graph/build-graph.js";
import { trace } from "../../query/trace.js";
import { UnknownNameError } from "../../query/resolve.js";
import { traceBatch } from "../batch.js";
import type { ReadingChoice } from "../../graph/readings.js";
import { globals, READING_HELP, readingOption, type RunContext } from "../context.js";
import { usage } from "../errors.js";

/** The trace of `model` and `ability`; a name error says so when the two were given the other way round. */
function traceOrSwap(graph: LineageGraph, model: string, ability: string, reading?: ReadingChoice) {
  try {
    return trace(graph, { model, ability, reading });
  } catch (error) {
    if (!(error instanceof UnknownNameError)) throw error;
    try {
      trace(graph, { model: ability, ability: model, reading });
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
      "--batch",
      'answer JSON lines on stdin ({"model": ..., "ability": ...}), one JSON answer per line; exit 2 if any line was refused',
    )
    .action(
      async (
        model: string | undefined,
        ability: string | undefined,
        o: { batch?: boolean; evidence?: boolean; reading?: ReadingChoice },
        cmd: Command,
      ) => {
        const opts = globals(cmd);
        if (o.batch) {
          if (model !== undefined) throw usage("trace --batch takes its queries on stdin, not as arguments");
          if (o.reading) throw usage("trace --batch answers under the steps' own parents: --reading is for one trace");
          ctx.exitCode = await traceBatch(await ctx.loadGraph(opts), ctx.io);
          return;
        }
        if (model === undefined || ability === undefined) {
          throw usage("trace needs a model and an ability: captrace trace MODEL ABILITY (or --batch)");
        }
        const result = traceOrSwap(await ctx.loadGraph(opts), model, ability, o.reading);
        await ctx.print("trace", result, opts, "text", { detail: o.evidence === true });
        ctx.exitCode = result.present ? EXIT.ok : EXIT.no;
      },
    );
}
