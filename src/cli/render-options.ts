/**
 * The options the CLI renders with. The renderers of today read only `color`; the fields past it (painter,
 * width, detail) are computed once per run and passed along for the renderers that use them.
 */
import type { ChalkInstance } from "chalk";
import type { RenderOptions } from "../render/style.js";

/** What every human renderer is given. */
export interface CliRenderOptions extends RenderOptions {
  /** The chalk instance to colour with, at the level the colour policy chose; undefined: no colour. */
  painter: ChalkInstance | undefined;
  /** Columns to fit (Infinity: no wrapping). */
  width: number;
  /** Print the detail (`--evidence`, `-v`): evidence notes, parentage, alternative readings. */
  detail: boolean;
}
