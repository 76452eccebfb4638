/** `captrace import hf PATH... [-o FILE] [--into FILE]`: a lineage from what model cards, GGUF headers and hub dumps declare. */
import type { Command } from "commander";
// The importers (yaml, zod, gray-matter, the GGUF reader) load only when `import` runs: every other command starts without them.
import type { CommandFailure, ImportHfSummary } from "../../import/run-import.js";
import { formatProblem, type Problem } from "../../problem.js";
import { escapeLine } from "../../render/index.js";
import { SCHEMA_VERSION } from "../../vocabulary.js";
import { CliFailure } from "../errors.js";
import { globals, type RunContext } from "../context.js";
import { escapeJson } from "../../render/escape.js";

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The summary for people, on stderr: each problem, each conflict, then what was imported and written. */
async function printSummary(ctx: RunContext, s: ImportHfSummary): Promise<void> {
  for (const p of s.problems) await ctx.err(`${escapeLine(`${p.file}: ${p.severity}: ${p.message}`)}\n`);
  for (const c of s.conflicts) await ctx.err(`conflict (not applied): ${escapeLine(c.message)}\n`);
  const i = s.imported;
  await ctx.err(
    `imported ${count(i.models, "model")} (${count(i.externalBases, "external base")}), ${count(i.steps, "step")}; ${count(i.errors, "error")}, ${count(i.warnings, "warning")}\n`,
  );
  if (s.added) {
    const a = s.added;
    const into = s.written ?? "the file";
    const cards = a.cards.length > 0 ? `, ${count(a.cards.length, "card block")}` : "";
    const what = `${count(a.models.length, "model")}, ${count(a.steps.length, "step")}, ${count(a.sources.length, "source")}${cards}`;
    await ctx.err(s.written ? `added ${what} to ${escapeLine(into)}\n` : "nothing new to add: the file is unchanged\n");
  } else if (s.written) await ctx.err(`wrote ${escapeLine(s.written)}\n`);
}

/** The failure for the envelope. Text: what was found is printed first, then the one message; --json: the problems go in the error object. */
async function failWith(
  ctx: RunContext,
  json: boolean,
  failure: CommandFailure,
  summary: ImportHfSummary | null,
): Promise<never> {
  if (!json) {
    if (summary) await printSummary(ctx, summary);
    const shown = new Set(summary?.problems.map((p) => `${p.file}: ${p.severity}: ${p.message}`));
    for (const p of failure.problems)
      if (!shown.has(formatProblem(p))) await ctx.err(`${escapeLine(formatProblem(p))}\n`);
  }
  const problems: Problem[] = json ? failure.problems : [];
  throw new CliFailure(failure.exitCode, failure.code, failure.message, problems);
}

/** Adds `import` and its `hf` subcommand. */
export function registerImport(program: Command, ctx: RunContext): void {
  const group = program
    .command("import")
    .description("make a lineage from what others declare (import hf: Hugging Face model cards)");
  group
    .command("hf")
    .description("import the lineage Hugging Face model cards, API answers, GGUF headers and hub dumps declare")
    .argument(
      "[paths...]",
      "README.md cards, directories, Hub caches, .json, .gguf, .jsonl/.csv (default: the local Hub cache)",
    )
    .option("-o, --out <file>", "write the lineage to this new file (.json: JSON, else YAML); never overwrites")
    .option(
      "--into <file>",
      "add what is new to this lineage file, keeping every line in it; conflicts are reported, not applied",
    )
    .addHelpText(
      "after",
      "\nReads only local files. Without -o or --into the lineage is printed on stdout\n(YAML; under --json a summary object holding it). What was imported, the\nproblems with the inputs and the conflicts go to stderr. Exit 0 when anything\nwas imported, 2 for a usage error (-o names an existing file), 3 when nothing\ncould be imported or the --into file is invalid, 5 when it cannot be written.",
    )
    .action(async (paths: string[], o: { out?: string; into?: string }, cmd: Command) => {
      const opts = globals(cmd);
      const json = opts.json === true;
      const { runImportHf, lineageYaml } = await import("../../import/run-import.js");
      const outcome = await runImportHf({ paths, out: o.out, into: o.into, env: ctx.env, cwd: ctx.cwd });
      if (!outcome.ok) return failWith(ctx, json, outcome.failure, outcome.summary);
      const { summary, lineage } = outcome;
      if (json) {
        const body = { schemaVersion: SCHEMA_VERSION, ...summary, ...(lineage ? { lineage } : {}) };
        await ctx.out(`${escapeJson(JSON.stringify(body, null, 2))}\n`);
        return;
      }
      if (lineage) await ctx.out(lineageYaml(lineage));
      await printSummary(ctx, summary);
    });
}
