/** `captrace tree [MODEL]`. */
import { Option, type Command } from "commander";
import { tree } from "../../query/tree.js";
import { globals, type RunContext } from "../context.js";
import { nonNegativeInt, oneOf } from "../options.js";

const CHARSETS = ["utf8", "ascii"] as const;
type TreeOptions = { descendants?: boolean; depth?: number; charset: (typeof CHARSETS)[number]; ability?: string };

/** Adds `tree`. */
export function registerTree(program: Command, ctx: RunContext): void {
  program
    .command("tree")
    .description("the lineage as a text tree from its roots, or MODEL's ancestors or descendants")
    .argument("[model]", "model id or alias")
    .option("--ancestors", "with MODEL: its ancestry (the default)")
    .option("--descendants", "with MODEL: what descends from it")
    .option("--depth <n>", "stop after N levels", nonNegativeInt)
    .addOption(
      new Option("--charset <set>", "branch characters").choices(CHARSETS).argParser(oneOf(CHARSETS)).default("utf8"),
    )
    .option("--ability <ability>", "mark each model with the ability's state")
    .action(async (model: string | undefined, o: TreeOptions, cmd: Command) => {
      const opts = globals(cmd);
      const direction = o.descendants ? "descendants" : "ancestors";
      const result = tree(await ctx.loadGraph(opts), { model, direction, depth: o.depth, ability: o.ability });
      await ctx.print("tree", result, opts, "text", { charset: o.charset });
    });
}
