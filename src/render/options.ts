/** What every renderer takes: the painter (colours), the width to fit, and how much to say. */

/** The styles renderers paint with; each returns its text styled (or unchanged). */
export interface Painter {
  bold(text: string): string;
  dim(text: string): string;
  italic(text: string): string;
  cyan(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
}

/** Options every renderer takes (data formats such as JSON, CSV and DOT ignore them). */
export interface RenderOptions {
  /** The colours: PLAIN, or what createPainter(true) gives. Renderers hold no colour state of their own. */
  painter: Painter;
  /** The columns text output fits in; 0 turns wrapping off. */
  width: number;
  /** Everything (notes, evidence, parentage, alternative readings), not only the answer. */
  detail: boolean;
  /** The branch characters of `tree` (default utf8). */
  charset?: "utf8" | "ascii";
}

const same = (text: string) => text;
/** The painter of uncoloured output: every style is the identity. */
export const PLAIN: Painter = { bold: same, dim: same, italic: same, cyan: same, green: same, yellow: same, red: same };

/** The options of plain output at 80 columns, the answer only: what a pipe gets when nothing else is known. */
export const DEFAULT_RENDER_OPTIONS: RenderOptions = { painter: PLAIN, width: 80, detail: false };

/**
 * The painter for `color`: chalk at 16 colours when true (loaded only then, so uncoloured runs never pay for
 * it; the caller decides, never chalk's own guess), PLAIN when false.
 */
export async function createPainter(color: boolean): Promise<Painter> {
  if (!color) return PLAIN;
  const { Chalk } = await import("chalk");
  return new Chalk({ level: 1 });
}
