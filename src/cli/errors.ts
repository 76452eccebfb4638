/**
 * The error envelope: every failure becomes one message and a documented exit code; under --json an
 * error object on stdout (the contract's ErrorOut), otherwise one line on stderr. Never a stack trace.
 */
import { CommanderError, type Command } from "commander";
import type { ErrorResult } from "../contract.js";
import { EXIT } from "../exit-codes.js";
import { DamagedEntryError } from "../lineage-error.js";
import { formatProblem, type Problem } from "../problem.js";
import { UnknownNameError } from "../query/resolve.js";
import { escapeLine } from "../render/index.js";
import { didYouMean } from "../suggest.js";
import { writeOut, type CliIo } from "./io.js";
import { escapeJson } from "../render/escape.js";

/** The error codes of the contract. */
export type ErrorCode = ErrorResult["error"]["code"];

/** A failure the CLI reports as one message and an exit code. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** A usage error (exit 2). */
export function usage(message: string): CliFailure {
  return new CliFailure(EXIT.usage, "usage", message);
}

/** The label commander puts before each message it makes, for its own display (captrace prints "captrace: "). */
const COMMANDER_LABEL = "error: ";

/** The long flags `cmd` accepts, its ancestors' included. */
function longFlags(cmd: Command): string[] {
  const flags: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) flags.push(...c.options.flatMap((o) => (o.long ? [o.long] : [])));
  return flags;
}

/** commander's message for a usage error, with captrace's own suggestion where it has one. */
function commanderMessage(error: CommanderError, cmd: Command): string {
  const text = error.message.startsWith(COMMANDER_LABEL) ? error.message.slice(COMMANDER_LABEL.length) : error.message;
  if (error.code === "commander.unknownCommand") {
    return (
      text +
      didYouMean(
        cmd.args[0] ?? "",
        cmd.commands.map((c) => c.name()),
      )
    );
  }
  if (error.code === "commander.unknownOption") {
    const flags = longFlags(cmd);
    // commander stops at the first unknown option, which is the first option-like argument it does not know.
    const flag = cmd.args.find((a) => a.startsWith("--") && !flags.includes(a.split("=")[0]!));
    return flag ? text + didYouMean(flag, flags) : text;
  }
  if (error.code === "commander.help")
    return "no command given: captrace COMMAND ... (captrace --help lists the commands)";
  return text;
}

/** Any error thrown by a run, as a failure. `cmd` is the command commander was parsing. */
export function toFailure(error: unknown, cmd: Command): CliFailure {
  if (error instanceof CliFailure) return error;
  if (error instanceof CommanderError) return usage(commanderMessage(error, cmd));
  if (error instanceof UnknownNameError) return usage(error.message);
  if (error instanceof DamagedEntryError)
    return new CliFailure(
      EXIT.invalidLineage,
      "invalid-lineage",
      `the cached copy of the lineage was damaged while in use (${error.message}); it has been removed: run the command again`,
    );
  const detail = error instanceof Error ? error.message : String(error);
  return new CliFailure(
    EXIT.internal,
    "internal",
    `internal error: ${detail.split("\n")[0]} (this is a bug in captrace; please report it with the command you ran)`,
  );
}

/** The error object printed under --json. */
export function errorBody(failure: CliFailure, input?: number): ErrorResult {
  const first = failure.problems.find((p) => p.severity === "error");
  const error = {
    code: failure.code,
    exitCode: failure.exitCode,
    message: failure.message,
    file: first?.file ?? null,
    line: first?.line ?? null,
    column: first?.column ?? null,
  };
  return {
    error,
    ...(failure.problems.length ? { problems: failure.problems } : {}),
    ...(input === undefined ? {} : { input }),
  };
}

/** Reports a failure (`quiet`: its message was already shown, as commander's help is) and returns its exit code. */
export async function report(failure: CliFailure, io: CliIo, json: boolean, quiet = false): Promise<number> {
  if (json) await writeOut(io.stdout, `${escapeJson(JSON.stringify(errorBody(failure), null, 2))}\n`);
  else if (failure.problems.length)
    for (const p of failure.problems) await writeOut(io.stderr, `${escapeLine(formatProblem(p))}\n`);
  else if (!quiet) await writeOut(io.stderr, `captrace: ${escapeLine(failure.message)}\n`);
  return failure.exitCode;
}
