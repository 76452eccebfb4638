/** `captrace list WHAT`. */
import { Argument, type Command } from "commander";
import { list, LISTABLE, type Listable } from "../../query/list.js";
import { globals, type RunContext } from "../context.js";
import { oneOf } from "../options.js";

/** Adds `list`. */
export function registerList(program: Command, ctx: RunContext): void {
  program
    .command("list")
    .description(`list the ${LISTABLE.join(", ")} of the lineage`)
    .addArgument(new Argument("<what>", LISTABLE.join("|")).choices(LISTABLE).argParser(oneOf(LISTABLE)))
    .action(async (what: Listable, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      await ctx.print("list", list(await ctx.loadGraph(opts), what), opts, "text");
    });
}
