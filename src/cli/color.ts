/**
 * The colour policy: colour only on a TTY, never under NO_COLOR, --no-color, --json, FORCE_COLOR=0 or
 * TERM=dumb. The level is decided here, never by chalk's own guess (which reads process.stdout, not ours).
 */
import type { ChalkInstance } from "chalk";
import type { OutStream } from "./io.js";

/** chalk's colour levels: none, 16 colours, 256, truecolor. */
export type ColorLevel = 0 | 1 | 2 | 3;

/** What decides colour: the global options and the environment. */
export interface ColorInputs {
  json?: boolean;
  color?: boolean;
  env: Record<string, string | undefined>;
  stdout: OutStream;
}

/** The level human output is coloured at: 0 for none. FORCE_COLOR=2 or 3 asks for more than the basic 16. */
export function colorLevel({ json, color, env, stdout }: ColorInputs): ColorLevel {
  if (json || color === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force === "0" || force === "false") return 0;
  if (env.TERM === "dumb") return 0;
  if (force !== undefined && force !== "") return force === "2" || force === "3" ? (Number(force) as ColorLevel) : 1;
  return stdout.isTTY === true ? 1 : 0;
}

/** A chalk instance at `level` (chalk is loaded only when colouring), or undefined for none. */
export async function chalkAt(level: ColorLevel): Promise<ChalkInstance | undefined> {
  if (level === 0) return undefined;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}
