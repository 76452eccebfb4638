/** `captrace diff A B`. */
import type { Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import { diff } from "../../query/diff.js";
import type { ReadingChoice } from "../../graph/readings.js";
import { globals, READING_HELP, readingOption, type RunContext } from "../context.js";

/** Adds `diff`. */
export function registerDiff(program: Command, ctx: RunContext): void {
  program
    .command("diff")
    .description(
      "the abilities that differ between models A and B (in state, or changed again past their common ancestor), and the steps that explain each",
    )
    .argument("<a>", "model id or alias")
    .argument("<b>", "model id or alias")
    .option("--exit-code", "exit 1 when the models differ")
    .option("-v, --evidence", "also the edge of each step that explains a change")
    .option("--reading <STEP=N>", READING_HELP, readingOption)
    .action(
      async (
        a: string,
        b: string,
        o: { exitCode?: boolean; evidence?: boolean; reading?: ReadingChoice },
        cmd: Command,
      ) => {
        const opts = globals(cmd);
        const result = diff(await ctx.loadGraph(opts), { from: a, to: b, reading: o.reading });
        await ctx.print("diff", result, opts, "text", { detail: o.evidence === true });
        ctx.exitCode = o.exitCode && result.changes.length > 0 ? EXIT.no : EXIT.ok;
      },
    );
}
