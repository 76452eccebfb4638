/** Human rendering of `tree`: box-drawing (or ASCII) branches, each edge labelled with its step. */
import type { TreeResult } from "../contract.js";
import { changeWords, stateSymbol } from "../vocabulary.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { breakLine, measure } from "./wrap.js";

/** Tree options: the characters to draw branches with. */
export interface TreeRenderOptions extends RenderOptions {
  charset: "utf8" | "ascii";
}

const CHARS = {
  utf8: { tee: "├── ", last: "└── ", bar: "│   ", gap: "    " },
  ascii: { tee: "|-- ", last: "`-- ", bar: "|   ", gap: "    " },
};

/** Renders a tree result. */
export function renderTreeText(r: TreeResult, opts: RenderOptions): string {
  const c = opts.painter;
  const ch = CHARS[opts.charset ?? "utf8"];
  const out: string[] = [];
  const open: boolean[] = []; // open[d]: the line at depth d has siblings still to come
  r.lines.forEach((line, i) => {
    open.length = line.depth;
    const prefix =
      line.depth === 0
        ? ""
        : open
            .slice(1)
            .map((o) => (o ? ch.bar : ch.gap))
            .join("") + (line.last ? ch.last : ch.tee);
    // The step that made this line's model, whichever way the tree is walked (a root line's too).
    // (By its kind, which every step has: a line's step id is read only when asked for.)
    const edge =
      line.kind !== null
        ? c.dim(
            ` [${escapeLine(line.label ?? line.kind)}${line.confidence && line.confidence !== "established" ? `, ${line.confidence}` : ""}]`,
          )
        : "";
    // The state with its size, as show and trace say it: "-- greatly weakened".
    const size = line.size ?? "normal";
    const state =
      line.state === null
        ? ""
        : ` ${c.bold(stateSymbol(line.state, size) || "·")} ${c.dim(line.state === "absent" ? "absent" : changeWords(line.state, size))}`;
    const mark = line.repeated ? " (*)" : line.cut ? " ..." : "";
    const text = `${c.bold(escapeLine(line.model))}${edge}${state}${mark}`;
    const room = opts.width - measure(prefix);
    if (opts.width <= 0 || measure(text) <= room) out.push(prefix + text);
    else {
      // Too long: the text wraps beside its own branch, its later lines under the model's name.
      // A line with children below carries their branch down beside its continuation lines.
      const down = (r.lines[i + 1]?.depth ?? -1) > line.depth ? `${ch.bar.charAt(0)} ` : "  ";
      const under =
        line.depth === 0
          ? down
          : `${open
              .slice(1)
              .map((o) => (o ? ch.bar : ch.gap))
              .join("")}${line.last ? ch.gap : ch.bar}${down}`;
      const parts = breakLine(text, Math.max(10, opts.width - measure(under)));
      out.push(prefix + parts[0]!);
      for (let i = 1; i < parts.length; i++) out.push(under + parts[i]!);
    }
    open[line.depth] = !line.last;
  });
  if (r.lines.some((l) => l.repeated)) out.push("", c.dim("(*) shown in full above"));
  return `${out.join("\n")}\n`;
}
