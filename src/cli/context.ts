/** What every command of one run shares: the streams, the global options, the lineage it opened, its exit code. */
import { isAbsolute, relative, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { parseReading, type ReadingChoice } from "../graph/readings.js";
import { EXIT } from "../exit-codes.js";
import type { LineageGraph } from "../graph/build-graph.js";
import { embeddedLineagePath } from "../store/embedded.js";
import { openLineage } from "../store/open-lineage.js";
import { formatProblem, type Problem } from "../problem.js";
import {
  escapeLine,
  PLAIN,
  render,
  type Format,
  type RenderedCommand,
  type RenderOptions,
  type Results,
} from "../render/index.js";
import { chalkAt, colorLevel } from "./color.js";
import { CliFailure } from "./errors.js";
import { writeOut, type CliIo } from "./io.js";
import { outputWidth } from "./width.js";
import { escapeJson } from "../render/escape.js";

/** Said after the first problem of a lineage named by $CAPTRACE_LINEAGE: the user did not type that path. */
export const FROM_ENV = " (the lineage named by $CAPTRACE_LINEAGE)";

/** The options every command takes (commander's, through optsWithGlobals). */
export interface GlobalOptions {
  lineage?: string;
  json?: boolean;
  color?: boolean;
  cache?: boolean;
  width?: number;
}

/** Where a lineage named on the command line is: its real path (against the caller's cwd) and the name shown in messages. */
export interface LineageFile {
  real: string;
  display: string;
}

/** One run's shared state. */
export class RunContext {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  exitCode: number = EXIT.ok;
  private graph: { file: string; graph: LineageGraph } | undefined;

  constructor(readonly io: CliIo) {
    this.env = io.env ?? {};
    this.cwd = io.cwd ?? process.cwd();
  }

  /** The lineage to open: `explicit`, else --lineage, else $CAPTRACE_LINEAGE, else the embedded one. */
  lineageFile(opts: GlobalOptions, explicit?: string): LineageFile & { fromEnv: boolean } {
    const given = explicit ?? opts.lineage;
    const fromEnv = given === undefined && !!this.env.CAPTRACE_LINEAGE;
    const name = given ?? (fromEnv ? this.env.CAPTRACE_LINEAGE! : embeddedLineagePath());
    return { ...this.locate(name), fromEnv };
  }

  /** A file name as the user gave it: its real path, against the caller's cwd, and a short name for messages. */
  locate(name: string): LineageFile {
    const real = resolve(this.cwd, name);
    if (!isAbsolute(name)) return { real, display: name };
    const rel = relative(this.cwd, name);
    return { real, display: rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : name };
  }

  /** The graph of the lineage the options name, opened once per run. Throws CliFailure (exit 3) when invalid. */
  async loadGraph(opts: GlobalOptions): Promise<LineageGraph> {
    const file = this.lineageFile(opts);
    if (this.graph?.file === file.real) return this.graph.graph;
    // Opened by its real path (the caller's cwd need not be the process's); the display name is for messages.
    const result = await openLineage(file.real, {
      cwd: this.cwd,
      name: file.display,
      cache: opts.cache !== false,
      env: this.env,
      onWarning: (m) => void this.err(`captrace: warning: ${escapeLine(m)}\n`),
    });
    if (!result.ok) {
      const blame = file.fromEnv ? FROM_ENV : "";
      const problems = shownAs(result.problems, file.display, blame);
      throw new CliFailure(
        EXIT.invalidLineage,
        "invalid-lineage",
        formatProblem(problems.find((p) => p.severity === "error")!),
        problems,
      );
    }
    this.graph = { file: file.real, graph: result.graph };
    return result.graph;
  }

  /** The render options of this run's human output: painter (colour policy), width, detail and `extra`. */
  async renderOptions(opts: GlobalOptions, extra: Partial<RenderOptions> = {}): Promise<RenderOptions> {
    const level = colorLevel({ json: opts.json, color: opts.color, env: this.env, stdout: this.io.stdout });
    const painter = (await chalkAt(level)) ?? PLAIN;
    return { painter, width: outputWidth(opts.width, this.env, this.io.stdout), detail: false, ...extra };
  }

  /** Prints `result` through the command's renderers: in `format` (text unless the command has --format), JSON under --json. */
  async print<C extends RenderedCommand>(
    command: C,
    result: Results[C],
    opts: GlobalOptions,
    format: Format<C>,
    extra: Partial<RenderOptions> = {},
  ): Promise<void> {
    const chosen = (opts.json ? "json" : format) as Format<C>;
    const text = render(command, chosen, result, await this.renderOptions(opts, extra));
    await this.out(chosen === "json" ? escapeJson(text) : text);
  }

  /** Writes data on stdout, waiting for the stream to drain when it asks. */
  out(text: string): Promise<void> {
    return writeOut(this.io.stdout, text);
  }

  /** Writes a diagnostic on stderr. */
  err(text: string): Promise<void> {
    return writeOut(this.io.stderr, text);
  }
}

/** Problems with the display name in place of the real path, the first error's message followed by `blame`. */
export function shownAs(problems: readonly Problem[], display: string, blame = ""): Problem[] {
  const first = problems.find((p) => p.severity === "error");
  return problems.map((p) => ({ ...p, file: display, message: p === first ? `${p.message}${blame}` : p.message }));
}

/** The global options of the command an action runs in. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** What `--reading` says about it, in every command's help. */
export const READING_HELP =
  "answer under a parentage reading: STEP=N (0 the step's own parents, 1 its first alternative...), comma-separated or repeated";

/** commander's parser of `--reading STEP=N[,STEP=N...]`, repeats merged; a malformed one is a usage error (exit 2). */
export function readingOption(value: string, previous: ReadingChoice | undefined): ReadingChoice {
  try {
    return { ...previous, ...parseReading(value) };
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
}
