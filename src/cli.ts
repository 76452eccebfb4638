/** The command line: commander wiring only. `run` parses argv, calls the library, renders, and returns the exit code. */
import { relative, isAbsolute } from "node:path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { ErrorResult } from "./contract.js";
import { EXIT } from "./exit-codes.js";
import type { LineageGraph } from "./graph/build-graph.js";
import { embeddedLineagePath } from "./load/embedded.js";
import { openLineage } from "./load/open-lineage.js";
import { formatProblem, type Problem } from "./problem.js";
import { diff } from "./query/diff.js";
import { list, LISTABLE, type Listable } from "./query/list.js";
import { UnknownNameError } from "./query/resolve.js";
import { show } from "./query/show.js";
import { trace } from "./query/trace.js";
import { createPainter, escapeLine as safeLine, GRAPH_FORMATS, MATRIX_FORMATS, render, type RenderedCommand, type RenderOptions, type Results } from "./render/index.js";
import { graphView } from "./query/graph-view.js";
import { matrix } from "./query/matrix.js";
import { roadmap } from "./query/roadmap.js";
import { tree } from "./query/tree.js";
import { packageVersion } from "./package-root.js";

/** Where the CLI writes, and what it knows of its environment. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  /** Lines of standard input, for `trace --batch`. */
  stdin?: AsyncIterable<string>;
  env?: Record<string, string | undefined>;
  cwd?: string;
}

interface GlobalOptions {
  lineage?: string;
  json?: boolean;
  color?: boolean;
  cache?: boolean;
}

/** A failure the CLI reports as one message and an exit code. */
class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: ErrorResult["error"]["code"],
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** Whether human output may be coloured: a TTY, and nothing says no. */
export function useColor(io: CliIo, opts: GlobalOptions): boolean {
  const env = io.env ?? {};
  if (opts.json || opts.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  if (env.TERM === "dumb") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return true;
  return io.stdout.isTTY === true;
}

/** One JSON error line of a batch. */
function batchError(input: number, code: ErrorResult["error"]["code"], exitCode: number, message: string): string {
  const body: ErrorResult = { error: { code, exitCode, message, file: null, line: null, column: null }, input };
  return JSON.stringify(body);
}

/**
 * `trace --batch`: one compact JSON answer (or error object) per input line, in order, written as soon as
 * it is known (a script may wait for each answer before asking the next); the start is paid once.
 */
async function traceBatch(graph: LineageGraph, io: CliIo): Promise<void> {
  let n = 0;
  const answer = (line: string) => io.stdout.write(`${line}\n`);
  for await (const raw of io.stdin ?? []) {
    n++;
    const line = raw.trim();
    if (line === "") continue;
    let query: unknown;
    try {
      query = JSON.parse(line);
    } catch {
      answer(batchError(n, "usage", EXIT.usage, `input line ${n} is not JSON`));
      continue;
    }
    const q = query as { model?: unknown; ability?: unknown };
    if (typeof q !== "object" || q === null || typeof q.model !== "string" || typeof q.ability !== "string") {
      answer(batchError(n, "usage", EXIT.usage, `input line ${n} must be an object with string "model" and "ability"`));
      continue;
    }
    try {
      answer(JSON.stringify(trace(graph, { model: q.model, ability: q.ability })));
    } catch (error) {
      if (!(error instanceof UnknownNameError)) throw error;
      answer(batchError(n, "usage", EXIT.usage, error.message));
    }
  }
}

function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("must be a whole number (0 or more)");
  return Number(value);
}

function commaList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").map((v) => v.trim()).filter(Boolean)];
}

/** Runs captrace with `argv` (arguments after the program name) and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes("--json");
  const env = io.env ?? {};
  const cwd = io.cwd ?? process.cwd();
  let exitCode: number = EXIT.ok;
  let graphCache: { file: string; graph: LineageGraph } | undefined;

  const display = (file: string) => {
    if (!isAbsolute(file)) return file;
    const rel = relative(cwd, file);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
  };
  const lineagePath = (opts: GlobalOptions, explicit?: string) =>
    explicit ?? opts.lineage ?? (env.CAPTRACE_LINEAGE || undefined) ?? embeddedLineagePath();

  const loadGraph = async (opts: GlobalOptions): Promise<LineageGraph> => {
    const file = lineagePath(opts);
    if (graphCache?.file === file) return graphCache.graph;
    const result = await openLineage(display(file), file, { embedded: embeddedLineagePath(), cache: opts.cache !== false, env });
    if (!result.ok) {
      const errors = result.problems.filter((p) => p.severity === "error");
      throw new CliFailure(EXIT.invalidLineage, "invalid-lineage", formatProblem(errors[0]!), result.problems);
    }
    graphCache = { file, graph: result.graph };
    return result.graph;
  };
  const renderOptions = async (opts: GlobalOptions): Promise<RenderOptions> => {
    return { painter: await createPainter(useColor(io, opts)), width: 80, detail: false };
  };
  const out = async <C extends Exclude<RenderedCommand, "matrix" | "graph">>(command: C, result: Results[C], opts: GlobalOptions) => {
    io.stdout.write(render(command, opts.json ? "json" : "text", result, await renderOptions(opts)));
  };

  const fail = (failure: CliFailure): number => {
    const first = failure.problems.find((p) => p.severity === "error");
    if (json) {
      const body: ErrorResult = {
        error: {
          code: failure.code,
          exitCode: failure.exitCode,
          message: failure.message,
          file: first?.file ?? null,
          line: first?.line ?? null,
          column: first?.column ?? null,
        },
        ...(failure.problems.length ? { problems: failure.problems } : {}),
      };
      io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    } else if (failure.problems.length) {
      for (const p of failure.problems) io.stderr.write(`${safeLine(formatProblem(p))}\n`);
    } else {
      io.stderr.write(`captrace: ${safeLine(failure.message)}\n`);
    }
    return failure.exitCode;
  };


  let program: Command;
  try {
  program = new Command("captrace")
    .description("Trace where a model's abilities came from through its lineage of training steps.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--lineage <file>", "lineage file to query (default: $CAPTRACE_LINEAGE, else the embedded GPT-3 to ChatGPT lineage)")
    .option("--json", "print one JSON document on stdout (the versioned contract), no colour")
    .option("--no-color", "never colour the output")
    .option("--no-cache", "do not read or write the cache of validated lineages")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: () => undefined,
    });
  program.addHelpText(
    "after",
    `
Exit codes: 0 success (trace: present); 1 a query answered no (trace: absent; diff --exit-code: differs);
            2 usage error; 3 invalid or unreadable lineage file; 4 internal error.`,
  );

  const global = (cmd: Command) => cmd.optsWithGlobals<GlobalOptions>();

  program
    .command("validate")
    .description("check a lineage file and report every problem as FILE:LINE:COL")
    .argument("[file]", "lineage file (default: --lineage, $CAPTRACE_LINEAGE, else the embedded one)")
    .action(async (file: string | undefined, _o: unknown, cmd: Command) => {
      const opts = global(cmd);
      const path = display(lineagePath(opts, file));
      const { loadLineageFile } = await import("./load/load-lineage.js");
      const result = await loadLineageFile(path);
      const problems = result.ok ? result.warnings : result.problems;
      if (opts.json) {
        io.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
      } else {
        for (const p of problems) io.stderr.write(`${safeLine(formatProblem(p))}\n`);
        if (result.ok) {
          const l = result.lineage;
          const claims = l.steps.reduce((n, s) => n + s.claims.length, 0);
          const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
          io.stdout.write(
            `${path}: ${plural(Object.keys(l.models).length, "model", "models")}, ${plural(l.steps.length, "step", "steps")}, ${plural(Object.keys(l.abilities).length, "ability", "abilities")}, ${plural(claims, "claim", "claims")}\n`,
          );
        } else {
          const n = problems.filter((p) => p.severity === "error").length;
          io.stderr.write(`${path}: ${n} error${n === 1 ? "" : "s"}\n`);
        }
      }
      exitCode = result.ok ? EXIT.ok : EXIT.invalidLineage;
    });

  program
    .command("schema")
    .description("print the JSON Schema (draft-7) of the lineage format")
    .action(async () => {
      const { lineageJsonSchema } = await import("./json-schema.js");
      io.stdout.write(`${JSON.stringify(lineageJsonSchema(), null, 2)}\n`);
    });

  program
    .command("trace")
    .description("where ABILITY of MODEL came from: the step that gave it, the path, every later change, the evidence")
    .argument("[model]", "model id or alias")
    .argument("[ability]", "ability id or alias")
    .option("--batch", 'answer queries read as JSON lines on stdin ({"model": ..., "ability": ...}), one JSON answer per line')
    .action(async (model: string | undefined, ability: string | undefined, o: { batch?: boolean }, cmd: Command) => {
      const opts = global(cmd);
      if (o.batch) {
        if (model !== undefined) throw new CliFailure(EXIT.usage, "usage", "trace --batch takes its queries on stdin, not as arguments");
        await traceBatch(await loadGraph(opts), io);
        return;
      }
      if (model === undefined || ability === undefined) {
        throw new CliFailure(EXIT.usage, "usage", "trace needs a model and an ability: captrace trace MODEL ABILITY (or --batch)");
      }
      const result = trace(await loadGraph(opts), { model, ability });
      await out("trace", result, opts);
      exitCode = result.present ? EXIT.ok : EXIT.no;
    });

  program
    .command("diff")
    .description("the abilities that differ between models A and B (in state, or changed again past their common ancestor), and the steps that explain each")
    .argument("<a>", "model id or alias")
    .argument("<b>", "model id or alias")
    .option("--exit-code", "exit 1 when the models differ")
    .action(async (a: string, b: string, o: { exitCode?: boolean }, cmd: Command) => {
      const opts = global(cmd);
      const result = diff(await loadGraph(opts), { from: a, to: b });
      await out("diff", result, opts);
      exitCode = o.exitCode && result.changes.length > 0 ? EXIT.no : EXIT.ok;
    });

  program
    .command("show")
    .description("a model's card (every ability with its state), or an ability across every model")
    .argument("<name>", "model or ability id or alias")
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const opts = global(cmd);
      await out("show", show(await loadGraph(opts), name), opts);
    });

  program
    .command("list")
    .description(`list the ${LISTABLE.join(", ")} of the lineage`)
    .addArgument(new Command().createArgument("<what>", LISTABLE.join("|")).choices(LISTABLE))
    .action(async (what: Listable, _o: unknown, cmd: Command) => {
      const opts = global(cmd);
      await out("list", list(await loadGraph(opts), what), opts);
    });

  program
    .command("tree")
    .description("the lineage as a text tree from its roots, or MODEL's ancestors or descendants")
    .argument("[model]", "model id or alias")
    .option("--ancestors", "with MODEL: its ancestry (the default)")
    .option("--descendants", "with MODEL: what descends from it")
    .option("--depth <n>", "stop after N levels", nonNegativeInt)
    .addOption(new Option("--charset <set>", "branch characters").choices(["utf8", "ascii"]).default("utf8"))
    .option("--ability <ability>", "mark each model with the ability's state")
    .action(async (model: string | undefined, o: { descendants?: boolean; depth?: number; charset: "utf8" | "ascii"; ability?: string }, cmd: Command) => {
      const opts = global(cmd);
      const result = tree(await loadGraph(opts), { model, direction: o.descendants ? "descendants" : "ancestors", depth: o.depth, ability: o.ability });
      io.stdout.write(render("tree", opts.json ? "json" : "text", result, { ...(await renderOptions(opts)), charset: o.charset }));
    });

  program
    .command("matrix")
    .description("models by abilities, each cell the state in the article's notation (+ ++ - --)")
    .option("--models <ids>", "comma-separated models (rows), default all", commaList)
    .option("--abilities <ids>", "comma-separated abilities (columns), default all", commaList)
    .addOption(new Option("--format <format>", "output format").choices(MATRIX_FORMATS).default("table"))
    .action(async (o: { models?: string[]; abilities?: string[]; format: (typeof MATRIX_FORMATS)[number] }, cmd: Command) => {
      const opts = global(cmd);
      const result = matrix(await loadGraph(opts), { models: o.models, abilities: o.abilities });
      io.stdout.write(render("matrix", opts.json ? "json" : o.format, result, await renderOptions(opts)));
    });

  program
    .command("graph")
    .description("the lineage as a Graphviz (dot) or Mermaid graph")
    .addOption(new Option("--format <format>", "output format").choices(GRAPH_FORMATS).default("dot"))
    .option("--ability <ability>", "colour each model by the ability's state")
    .action(async (o: { format: (typeof GRAPH_FORMATS)[number]; ability?: string }, cmd: Command) => {
      const opts = global(cmd);
      const result = graphView(await loadGraph(opts), { ability: o.ability });
      io.stdout.write(render("graph", opts.json ? "json" : o.format, result, await renderOptions(opts)));
    });

  program
    .command("roadmap")
    .description("the ordered steps from the roots to MODEL, what each contributes, and open approximations")
    .argument("<model>", "model id or alias")
    .action(async (model: string, _o: unknown, cmd: Command) => {
      const opts = global(cmd);
      await out("roadmap", roadmap(await loadGraph(opts), model), opts);
    });

    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) return EXIT.ok;
      const message = error.message.replace(/^error: /, "").replace(/\n+\(?/g, " (").replace(/\?\)?$/, "?)").replace("(Did you mean", "(did you mean");
      return fail(new CliFailure(EXIT.usage, "usage", message));
    }
    if (error instanceof CliFailure) return fail(error);
    if (error instanceof UnknownNameError) return fail(new CliFailure(EXIT.usage, "usage", error.message));
    const detail = error instanceof Error ? error.message : String(error);
    return fail(
      new CliFailure(
        EXIT.internal,
        "internal",
        `internal error: ${detail.split("\n")[0]} (this is a bug in captrace; please report it with the command you ran)`,
      ),
    );
  }
}
