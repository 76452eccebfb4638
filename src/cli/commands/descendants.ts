/** `captrace descendants MODEL`: the count of a model's descendants by relation. */
import type { Command } from "commander";
import { descendants } from "../../query/descendants.js";
import { globals, type RunContext } from "../context.js";
import { nonNegativeInt } from "../options.js";

/** Adds `descendants`. */
export function registerDescendants(program: Command, ctx: RunContext): void {
  program
    .command("descendants")
    .description(
      "how many models descend from MODEL, by the relation of the step that made each (fine-tuned, quantized, merged...), and how deep",
    )
    .argument("<model>", "model id or alias")
    .option("--depth <n>", "count at most N levels down (1: children only)", nonNegativeInt)
    .option("-v, --levels", "the count at every level, not only the first five")
    .action(async (model: string, o: { depth?: number; levels?: boolean }, cmd: Command) => {
      const opts = globals(cmd);
      const result = descendants(await ctx.loadGraph(opts), { model, depth: o.depth });
      await ctx.print("descendants", result, opts, "text", { detail: o.levels === true });
    });
}
