/** The output formats and the renderer shape every command's registry uses. */
import type { RenderOptions } from "./style.js";

/** Every output format. */
export const FORMATS = ["text", "json"] as const;
/** One output format. */
export type Format = (typeof FORMATS)[number];

/** Turns a result into the text printed on stdout. Renderers never print. */
export type Renderer<R> = (result: R, opts: RenderOptions) => string;

/** One renderer per format, so a format cannot be half-wired. */
export type Renderers<R, F extends string = Format> = Record<F, Renderer<R>>;

/** The JSON renderer shared by every command: one document, two-space indent, trailing newline. */
export function renderJson<R>(result: R): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
