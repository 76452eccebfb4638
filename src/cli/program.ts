/** The commander program: the global options, the output and error routing, and every command. */
import { Command } from "commander";
import { packageVersion } from "../package-root.js";
import { registerCache } from "./commands/cache.js";
import { registerDescendants } from "./commands/descendants.js";
import { registerDiff } from "./commands/diff.js";
import { registerExport } from "./commands/export.js";
import { registerGraph } from "./commands/graph.js";
import { registerImport } from "./commands/import.js";
import { registerInit } from "./commands/init.js";
import { registerList } from "./commands/list.js";
import { registerMatrix } from "./commands/matrix.js";
import { registerRoadmap } from "./commands/roadmap.js";
import { registerSchema } from "./commands/schema.js";
import { registerShow } from "./commands/show.js";
import { registerSummary } from "./commands/summary.js";
import { registerTrace } from "./commands/trace.js";
import { registerTree } from "./commands/tree.js";
import { registerValidate } from "./commands/validate.js";
import type { GlobalOptions, RunContext } from "./context.js";
import { EXIT_CODES_HELP } from "./help.js";
import { nonNegativeInt } from "./options.js";
import { outputWidth } from "./width.js";

/** Every command, in the order --help lists them. */
const COMMANDS = [
  registerValidate,
  registerSchema,
  registerInit,
  registerTrace,
  registerDiff,
  registerShow,
  registerList,
  registerTree,
  registerDescendants,
  registerMatrix,
  registerGraph,
  registerRoadmap,
  registerSummary,
  registerImport,
  registerExport,
  registerCache,
];

/** Help wraps at the output width; with no wrapping, at a width no line reaches. */
const NO_WRAP_HELP_WIDTH = 1_000_000;

/**
 * The program of one run. Commander parses every option; its errors are thrown (exitOverride) for the
 * error envelope to report, never printed by commander itself; help goes to the run's own streams.
 */
export function buildProgram(ctx: RunContext): Command {
  const program = new Command("captrace");
  const opts = () => program.opts<GlobalOptions>();
  const helpWidth = () => {
    const width = outputWidth(opts().width, ctx.env, ctx.io.stdout);
    return Number.isFinite(width) ? width : NO_WRAP_HELP_WIDTH;
  };
  program
    .description("Trace where a model's abilities came from through its lineage of training steps.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option(
      "--lineage <file>",
      "lineage file to query (default: $CAPTRACE_LINEAGE, else the embedded GPT-3 to ChatGPT lineage)",
    )
    .option("--json", "print one JSON document on stdout (the versioned contract), no colour")
    .option("--no-color", "never colour the output")
    .option("--no-cache", "do not read or write the cache of validated lineages")
    .option(
      "--width <n>",
      "columns to fit text to (default: $COLUMNS, else the terminal's, else 80; 0: no wrapping)",
      nonNegativeInt,
    )
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      // Help shown for a usage error goes to stderr, except under --json, whose error object says it all.
      writeErr: (s) => (opts().json ? undefined : ctx.io.stderr.write(s)),
      // Errors are reported by the envelope (errors.ts), in one line or one JSON object.
      outputError: () => undefined,
      getOutHelpWidth: helpWidth,
      getErrHelpWidth: helpWidth,
    })
    // commander stops wrapping when the description column is narrower than 40: a narrow terminal still wraps.
    .configureHelp({ minWidthToWrap: 20 })
    .addHelpText("after", EXIT_CODES_HELP);
  for (const register of COMMANDS) register(program, ctx);
  return program;
}
