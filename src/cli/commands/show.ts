/** `captrace show NAME`: a model's card or an ability across the lineage. */
import type { Command } from "commander";
import { show } from "../../query/show.js";
import { globals, type RunContext } from "../context.js";

/** Adds `show`. */
export function registerShow(program: Command, ctx: RunContext): void {
  program
    .command("show")
    .description("a model's card (every ability with its state), or an ability across every model")
    .argument("<name>", "model or ability id or alias")
    .option("-v, --evidence", "also the evidence notes and parentage details")
    .action(async (name: string, o: { evidence?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      await ctx.print("show", show(await ctx.loadGraph(opts), name), opts, "text", { detail: o.evidence === true });
    });
}
