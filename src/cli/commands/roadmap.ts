/** `captrace roadmap MODEL`. */
import type { Command } from "commander";
import { roadmap } from "../../query/roadmap.js";
import { globals, type RunContext } from "../context.js";

/** Adds `roadmap`. */
export function registerRoadmap(program: Command, ctx: RunContext): void {
  program
    .command("roadmap")
    .description("the ordered steps from the roots to MODEL, what each contributes, and open approximations")
    .argument("<model>", "model id or alias")
    .action(async (model: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      await ctx.print("roadmap", roadmap(await ctx.loadGraph(opts), model), opts, "text");
    });
}
