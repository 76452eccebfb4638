/** `captrace graph`: the lineage as Graphviz or Mermaid. */
import { Option, type Command } from "commander";
import { graphView } from "../../query/graph-view.js";
import { GRAPH_FORMATS } from "../../render/index.js";
import { globals, type RunContext } from "../context.js";
import { oneOf } from "../options.js";

/** Adds `graph`. */
export function registerGraph(program: Command, ctx: RunContext): void {
  program
    .command("graph")
    .description("the lineage as a Graphviz (dot) or Mermaid graph")
    .addOption(
      new Option("--format <format>", "output format")
        .choices(GRAPH_FORMATS)
        .argParser(oneOf(GRAPH_FORMATS))
        .default("dot"),
    )
    .option("--ability <ability>", "colour each model by the ability's state")
    .action(async (o: { format: (typeof GRAPH_FORMATS)[number]; ability?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const result = graphView(await ctx.loadGraph(opts), { ability: o.ability });
      // A graph description is data for another program: never terminal colour.
      await ctx.print("graph", result, { ...opts, color: false }, o.format);
    });
}
