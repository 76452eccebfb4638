/** The renderer shape every command's list of formats uses. */
import type { RenderOptions } from "./options.js";

/** Turns a result into the text printed on stdout. Renderers never print. */
export type Renderer<R> = (result: R, opts: RenderOptions) => string;

/** The JSON renderer shared by every command: one document, two-space indent, trailing newline. */
export function renderJson<R>(result: R): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
