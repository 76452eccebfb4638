/** `captrace schema`: the JSON Schema of the lineage format. */
import type { Command } from "commander";
import type { RunContext } from "../context.js";

/** Adds `schema`. */
export function registerSchema(program: Command, ctx: RunContext): void {
  program
    .command("schema")
    .description("print the JSON Schema (draft-7) of the lineage format")
    .action(async () => {
      const { lineageJsonSchema } = await import("../../json-schema.js");
      await ctx.out(`${JSON.stringify(lineageJsonSchema(), null, 2)}\n`);
    });
}
