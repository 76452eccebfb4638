/** `captrace show NAME`: a model's card, an ability across the lineage, what a step did, or what a source supports. */
import type { Command } from "commander";
import { showAny } from "../../query/show.js";
import { globals, type RunContext } from "../context.js";

/** Adds `show`. */
export function registerShow(program: Command, ctx: RunContext): void {
  program
    .command("show")
    .description(
      "a model's card (every ability with its state), an ability across every model, what a step did, or what a source supports",
    )
    .argument("<name>", "model, ability, step or source id (or alias)")
    .option("-v, --evidence", "also the evidence notes and parentage details")
    .action(async (name: string, o: { evidence?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      await ctx.print("show", showAny(await ctx.loadGraph(opts), name), opts, "text", { detail: o.evidence === true });
    });
}
