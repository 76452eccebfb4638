/** `captrace matrix`: models by abilities. */
import { Option, type Command } from "commander";
import { matrix } from "../../query/matrix.js";
import { MATRIX_FORMATS } from "../../render/index.js";
import { globals, type RunContext } from "../context.js";
import { commaList, oneOf } from "../options.js";

type MatrixOptions = { models?: string[]; abilities?: string[]; format: (typeof MATRIX_FORMATS)[number] };

/** Adds `matrix`. */
export function registerMatrix(program: Command, ctx: RunContext): void {
  program
    .command("matrix")
    .description("models by abilities, each cell the state in the article's notation (+ ++ - --)")
    .option("--models <ids>", "comma-separated models (rows), default all", commaList)
    .option("--abilities <ids>", "comma-separated abilities (columns), default all", commaList)
    .addOption(new Option("--format <format>", "output format").choices(MATRIX_FORMATS).argParser(oneOf(MATRIX_FORMATS)).default("table"))
    .action(async (o: MatrixOptions, cmd: Command) => {
      const opts = globals(cmd);
      const result = matrix(await ctx.loadGraph(opts), { models: o.models, abilities: o.abilities });
      await ctx.print("matrix", result, opts, o.format);
    });
}
