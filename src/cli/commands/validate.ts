/** `captrace validate [FILE...]`: every problem as FILE:LINE:COL; `-` reads the lineage from stdin. */
import type { Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import { formatProblem } from "../../problem.js";
import { escapeLine } from "../../render/index.js";
import { validateFile, validateText, type Validation } from "../../validate.js";
import { readStdin, STDIN_NAME } from "../stdin-text.js";
import { FROM_ENV, globals, shownAs, type GlobalOptions, type RunContext } from "../context.js";
import { escapeJson } from "../../render/escape.js";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** One file's report: its problems on stderr, then its summary (stdout when valid, stderr when not). */
async function printReport(ctx: RunContext, v: Validation): Promise<void> {
  for (const p of v.problems) await ctx.err(`${escapeLine(formatProblem(p))}\n`);
  const name = escapeLine(v.file);
  if (v.counts) {
    const c = v.counts;
    const what = [
      plural(c.models, "model", "models"),
      plural(c.steps, "step", "steps"),
      plural(c.abilities, "ability", "abilities"),
      plural(c.claims, "claim", "claims"),
    ];
    await ctx.out(`${name}: ${what.join(", ")}\n`);
  } else {
    const n = v.problems.filter((p) => p.severity === "error").length;
    await ctx.err(`${name}: ${n} error${n === 1 ? "" : "s"}\n`);
  }
}

/** Validates one named file (or stdin for "-"), the problems under the name the user gave. */
async function validateOne(ctx: RunContext, opts: GlobalOptions, name: string | undefined): Promise<Validation> {
  if (name === "-") return validateText(await readStdin(ctx.io), STDIN_NAME);
  const file = ctx.lineageFile(opts, name);
  // Read fresh, never from the cache: validate is asked to check the file as it is now.
  const v = await validateFile(file.real, { cwd: ctx.cwd, name: file.display, cache: false, env: ctx.env });
  return { ...v, file: file.display, problems: shownAs(v.problems, file.display, file.fromEnv ? FROM_ENV : "") };
}

/** Adds `validate`. */
export function registerValidate(program: Command, ctx: RunContext): void {
  program
    .command("validate")
    .description("check lineage files and report every problem as FILE:LINE:COL")
    .argument("[files...]", "lineage files, - for stdin (default: --lineage, $CAPTRACE_LINEAGE, else the embedded one)")
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      const opts = globals(cmd);
      const names = files.length ? files : [undefined];
      const results: Validation[] = [];
      for (const name of names) results.push(await validateOne(ctx, opts, name));
      // One file: its problems as an array (as before); several: one array of every file's, each located.
      if (opts.json)
        await ctx.out(
          `${escapeJson(
            JSON.stringify(
              results.flatMap((v) => v.problems),
              null,
              2,
            ),
          )}\n`,
        );
      else for (const v of results) await printReport(ctx, v);
      ctx.exitCode = results.every((v) => v.ok) ? EXIT.ok : EXIT.invalidLineage;
    });
}
