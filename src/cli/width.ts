/** The width text output fits: `--width N`, else COLUMNS, else the terminal's, else 80. */
import type { OutStream } from "./io.js";

/** The width when none is known (a pipe, a file). */
export const DEFAULT_WIDTH = 80;

/** Columns to fit; `--width 0` (or COLUMNS=0) means no wrapping, passed on as 0 as the renderers take it. */
export function outputWidth(
  option: number | undefined,
  env: Record<string, string | undefined>,
  stdout: OutStream,
): number {
  const columns = env.COLUMNS !== undefined && /^\d+$/.test(env.COLUMNS) ? Number(env.COLUMNS) : undefined;
  const terminal = stdout.isTTY && stdout.columns && stdout.columns > 0 ? stdout.columns : undefined;
  const width = option ?? columns ?? terminal ?? DEFAULT_WIDTH;
  return width;
}
