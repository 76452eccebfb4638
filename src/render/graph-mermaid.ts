/** Mermaid rendering of `graph`: a Markdown ```mermaid block, series as subgraphs, dashed edges when not established. */
import type { GraphResult } from "../contract.js";
import { escapeLine } from "./escape.js";
import { bySeries, STATE_COLORS } from "./graph-dot.js";

/** Text safe inside a Mermaid quoted label: hidden and controlling characters shown as escapes (escapeLine), quotes and angle brackets as entities. */
function label(text: string): string {
  return escapeLine(text)
    .replace(/"/g, "#quot;")
    .replace(/[<>]/g, (c) => (c === "<" ? "#lt;" : "#gt;"));
}

/** Renders a Markdown-fenced Mermaid flowchart. */
export function renderGraphMermaid(r: GraphResult): string {
  const ids = new Map(r.nodes.map((n, i) => [n.id, `m${i}`]));
  const out = ["```mermaid", "flowchart TD"];
  let s = 0;
  for (const [series, nodes] of bySeries(r.nodes)) {
    if (series !== null) out.push(`  subgraph s${s++}["${label(`${series} series`)}"]`);
    for (const n of nodes) {
      const text = n.name === n.id ? label(n.id) : `${label(n.name)}<br/>${label(n.id)}`;
      out.push(`    ${ids.get(n.id)}["${text}${n.state ? `<br/>${n.state}` : ""}"]`);
    }
    if (series !== null) out.push("  end");
  }
  const labelled = new Set<string>();
  for (const e of r.edges) {
    const text = label(
      (e.primary ? "" : "alternative: ") +
        (e.label ?? e.kind) +
        (e.confidence === "established" ? "" : ` (${e.confidence})`),
    );
    const arrow = e.primary && e.confidence === "established" ? "-->" : "-.->";
    // A merge draws one edge per parent: label the step once.
    const key = `${e.step}/${e.primary}`;
    out.push(`  ${ids.get(e.from)} ${arrow}${labelled.has(key) ? "" : `|"${text}"|`} ${ids.get(e.to)}`);
    labelled.add(key);
  }
  if (r.ability) {
    for (const n of r.nodes)
      if (n.state) out.push(`  style ${ids.get(n.id)} fill:${STATE_COLORS[n.state] ?? "#ffffff"}`);
  }
  out.push("```");
  return `${out.join("\n")}\n`;
}
