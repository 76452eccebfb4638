/** `run`: parses argv with commander, runs the command, and turns whatever happened into an exit code. */
import { CommanderError, type Command } from "commander";
import { EXIT } from "../exit-codes.js";
import { RunContext, type GlobalOptions } from "./context.js";
import { report, toFailure } from "./errors.js";
import type { CliIo } from "./io.js";
import { buildProgram } from "./program.js";

export type { CliIo } from "./io.js";

/** Commander's codes for a run that ended as asked (help, version). */
const DONE = new Set(["commander.helpDisplayed", "commander.version"]);

/** Runs captrace with `argv` (arguments after the program name) and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new RunContext(io);
  const program = buildProgram(ctx);
  // The command commander is parsing: the one whose options and arguments an error is about.
  let active: Command = program;
  program.hook("preSubcommand", (_program, sub) => {
    active = sub;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError && (DONE.has(error.code) || error.exitCode === 0)) return EXIT.ok;
    const json = program.opts<GlobalOptions>().json === true;
    // With no command, commander has shown the help on stderr: that is the message.
    const shown = error instanceof CommanderError && error.code === "commander.help";
    return report(toFailure(error, active), io, json, shown);
  }
}
