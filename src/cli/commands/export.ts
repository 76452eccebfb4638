/** `captrace export hf-card MODEL`: the model-card front matter for a model of the lineage, so a team can publish what it recorded. */
import type { Command } from "commander";
import { escapeText } from "../../render/index.js";
import { didYouMean } from "../../suggest.js";
import { SCHEMA_VERSION } from "../../vocabulary.js";
import { CliFailure } from "../errors.js";
import { globals, type RunContext } from "../context.js";
import { escapeJson } from "../../render/escape.js";

/** Adds `export` and its `hf-card` subcommand. */
export function registerExport(program: Command, ctx: RunContext): void {
  const group = program
    .command("export")
    .description("write what the lineage records in another format (export hf-card: model-card lines)");
  group
    .command("hf-card")
    .description("print the base_model and base_model_relation lines of a model card for MODEL")
    .argument("<model>", "a model of the lineage (id or alias)")
    .action(async (model: string, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const graph = await ctx.loadGraph(opts);
      const lineage = graph.lineage;
      // Loaded on use, as `import` is: the importers are not part of every start.
      const { runExportHfCard } = await import("../../import/run-import.js");
      const r = runExportHfCard(lineage, model);
      if (!r.ok) {
        const names = Object.entries(lineage.models).flatMap(([id, m]) => [id, ...(m.aliases ?? [])]);
        throw new CliFailure(r.failure.exitCode, r.failure.code, r.failure.message + didYouMean(model, names));
      }
      if (opts.json)
        await ctx.out(
          `${escapeJson(JSON.stringify({ schemaVersion: SCHEMA_VERSION, ...r.fields, text: r.text }, null, 2))}\n`,
        );
      else await ctx.out(escapeText(r.text));
    });
}
