/** Colour and escaping for human output: a chalk instance whose level the CLI decides, never chalk's own guess. */
import type * as ChalkModule from "chalk";
import type { ChalkInstance } from "chalk";
import type Table from "cli-table3";
import { drawBoxTable } from "./box-table.js";

/** Options every human renderer takes. */
export interface RenderOptions {
  color: boolean;
}

/** The styles renderers use. */
export type Painter = Pick<ChalkInstance, "bold" | "dim" | "italic" | "cyan" | "green" | "yellow" | "red">;

const plain = (text: string) => text;
/** The painter for uncoloured output: every style is the identity. */
const PLAIN: Painter = { bold: plain, dim: plain, italic: plain, cyan: plain, green: plain, yellow: plain, red: plain } as unknown as Painter;

let chalkModule: typeof ChalkModule | undefined;

/** Loads chalk; the CLI calls this before rendering coloured output, so uncoloured runs never pay for it. */
export async function loadColor(): Promise<void> {
  chalkModule ??= await import("chalk");
}

/** A painter that colours only when asked to (and chalk has been loaded), at a level the caller decided. */
export function painter(opts: RenderOptions): Painter {
  return opts.color && chalkModule ? new chalkModule.Chalk({ level: 1 }) : PLAIN;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Makes text from a lineage file safe for a terminal: control characters shown as visible escapes. */
export function safe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/** Like `safe`, and newlines too: for one-line fields. */
export function safeLine(text: string): string {
  return safe(text).replace(/\n/g, "\\n");
}

let TableClass: typeof Table | undefined;

/** Past this many rows a table is drawn by drawBoxTable, the same drawing in linear time. */
const CLI_TABLE3_MAX_ROWS = 1000;

/** Rows pushed, then drawn. */
export interface TextTable {
  push(...rows: string[][]): number;
  toString(): string;
}

/**
 * A cli-table3 table with borders and heads left uncoloured (its default colours ignore NO_COLOR), the
 * head in bold when colouring; a large one is drawn the same way by drawBoxTable. cli-table3 is loaded on
 * first use: `trace` never pays for it.
 */
export function table(head: string[], opts: RenderOptions): TextTable {
  const c = painter(opts);
  const heads = head.map((h) => c.bold(h));
  const rows: string[][] = [];
  return {
    push: (...more) => rows.push(...more),
    toString() {
      if (rows.length > CLI_TABLE3_MAX_ROWS) return drawBoxTable(heads, rows);
      // node:module is fetched only here: loading it costs every start a few milliseconds.
      TableClass ??= process.getBuiltinModule("node:module").createRequire(import.meta.url)("cli-table3") as typeof Table;
      const t = new TableClass({ head: heads, style: { head: [], border: [], "padding-left": 1, "padding-right": 1 }, wordWrap: false });
      t.push(...rows);
      return t.toString();
    },
  };
}

export { stateSymbol } from "../notation.js";
