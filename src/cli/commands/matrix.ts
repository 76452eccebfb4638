/** `captrace matrix`: models by abilities. */
import { Option, type Command } from "commander";
import { matrixRows } from "../../query/matrix.js";
import { MATRIX_FORMATS, renderMatrixStream } from "../../render/index.js";
import type { ReadingChoice } from "../../graph/readings.js";
import { globals, READING_HELP, readingOption, type RunContext } from "../context.js";
import { commaList, oneOf } from "../options.js";
import { escapeJson } from "../../render/escape.js";

type MatrixOptions = {
  models?: string[];
  abilities?: string[];
  changes?: boolean;
  reading?: ReadingChoice;
  format: (typeof MATRIX_FORMATS)[number];
};

/** Adds `matrix`. */
export function registerMatrix(program: Command, ctx: RunContext): void {
  program
    .command("matrix")
    .description(
      "models by abilities in the article's notation (+ ++ - -- x): each cell the accumulated state, or with --changes what the model's own step changed",
    )
    .option("--models <ids>", "comma-separated models (rows), default all", commaList)
    .option("--abilities <ids>", "comma-separated abilities (columns), default all", commaList)
    .option(
      "--changes",
      "each cell what the model's own step changed, relative to its parent (the article's summary table)",
    )
    .option("--reading <STEP=N>", READING_HELP, readingOption)
    .addOption(
      new Option("--format <format>", "output format")
        .choices(MATRIX_FORMATS)
        .argParser(oneOf(MATRIX_FORMATS))
        .default("table"),
    )
    .action(async (o: MatrixOptions, cmd: Command) => {
      const opts = globals(cmd);
      const rows = matrixRows(await ctx.loadGraph(opts), {
        models: o.models,
        abilities: o.abilities,
        changes: o.changes === true,
        reading: o.reading,
      });
      // Written a piece at a time, each after the last has drained: 100,000 rows never sit in memory as text.
      const format = opts.json ? "json" : o.format;
      const pieces = renderMatrixStream(format, rows, await ctx.renderOptions(opts));
      for (const piece of pieces) {
        if (ctx.io.stdout.closed) break;
        await ctx.out(format === "json" ? escapeJson(piece) : piece);
      }
    });
}
