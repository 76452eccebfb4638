/** `captrace summary`: the article's summary table from the data. */
import type { Command } from "commander";
import { summary } from "../../query/summary.js";
import { globals, type RunContext } from "../context.js";

/** Adds `summary`. */
export function registerSummary(program: Command, ctx: RunContext): void {
  program
    .command("summary")
    .description(
      "the article's summary table: each model, its API name, how it was trained, what its own step changed, open approximations",
    )
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      await ctx.print("summary", summary(await ctx.loadGraph(opts)), opts, "text");
    });
}
