/** `captrace init [FILE]`: a commented starter lineage that validates, never over an existing file. */
import { constants, openSync, writeSync, closeSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import { packageDir } from "../../package-root.js";
import { escapeLine } from "../../render/index.js";
import { CliFailure, usage } from "../errors.js";
import { globals, type RunContext } from "../context.js";
import { starterLineage } from "../starter-lineage.js";
import { SCHEMA_VERSION } from "../../vocabulary.js";
import { escapeJson } from "../../render/escape.js";

/** The file `init` writes when given none. */
export const INIT_DEFAULT_FILE = "lineage.yaml";

/** The schema shipped in the package, as a file: URL an editor resolves from wherever the new file is. */
export function shippedSchemaUrl(): string {
  return pathToFileURL(join(packageDir(), "lineage.schema.json")).href;
}

/** Creates `real` with `text`; O_EXCL, so an existing file (or a link planted there) is never overwritten. */
function createNew(real: string, display: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(real, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST")
      throw usage(
        `${display} already exists: captrace init never overwrites a file (name another: captrace init FILE)`,
      );
    throw new CliFailure(EXIT.io, "usage", `cannot create ${display} (${code ?? String(error)})`);
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Adds `init`. */
export function registerInit(program: Command, ctx: RunContext): void {
  program
    .command("init")
    .description(`write a commented starter lineage to FILE (default ${INIT_DEFAULT_FILE}); never overwrites`)
    .argument("[file]", "the file to create")
    .addHelpText(
      "after",
      "\nIts first line, # yaml-language-server: $schema=file:///..., points editors at\nthe JSON Schema shipped in this captrace package, by absolute path: it resolves\nwherever the new file is.",
    )
    .action(async (file: string | undefined, _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const target = ctx.locate(file ?? INIT_DEFAULT_FILE);
      createNew(target.real, escapeLine(target.display), starterLineage(shippedSchemaUrl()));
      if (opts.json)
        await ctx.out(
          `${escapeJson(JSON.stringify({ schemaVersion: SCHEMA_VERSION, created: target.display }, null, 2))}\n`,
        );
      else
        await ctx.err(
          `created ${escapeLine(target.display)}: edit it, then run captrace validate ${escapeLine(target.display)}\n`,
        );
    });
}
