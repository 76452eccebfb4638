/** Graphviz DOT rendering of `graph`: models grouped by series, steps as labelled edges, dashed when not established. */
import type { GraphResult } from "../contract.js";
import { escapeText } from "./escape.js";

/**
 * A DOT double-quoted string: hidden and controlling characters shown as escapes (escapeText, as on the
 * terminal: C1 controls, bidi overrides, zero-width characters), then backslashes, quotes and newlines
 * escaped for DOT.
 */
export function dotString(text: string): string {
  return `"${escapeText(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** Fill colours for an ability's state. */
export const STATE_COLORS: Record<string, string> = {
  introduced: "#b7e4c7",
  unlocked: "#95d5b2",
  restored: "#d8f3dc",
  strengthened: "#52b788",
  weakened: "#ffd6a5",
  lost: "#ffadad",
  absent: "#ffffff",
};

/** Nodes grouped by series, in first-seen order (null: no series). */
export function bySeries<N extends { series: string | null }>(nodes: readonly N[]): Map<string | null, N[]> {
  const groups = new Map<string | null, N[]>();
  for (const n of nodes) {
    const list = groups.get(n.series);
    if (list) list.push(n);
    else groups.set(n.series, [n]);
  }
  return groups;
}

/** Renders a complete DOT document for `dot -Tsvg`. */
export function renderGraphDot(r: GraphResult): string {
  const out = [
    "digraph lineage {",
    `  label=${dotString(r.title + (r.ability ? ` (${r.ability})` : ""))};`,
    "  labelloc=t;",
    "  rankdir=TB;",
  ];
  out.push(
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  );
  let cluster = 0;
  for (const [series, nodes] of bySeries(r.nodes)) {
    const indent = series === null ? "  " : "    ";
    if (series !== null)
      out.push(
        `  subgraph cluster_${cluster++} {`,
        `    label=${dotString(`${series} series`)};`,
        '    style="rounded,dashed";',
      );
    for (const n of nodes) {
      const label = n.name === n.id ? n.id : `${n.name}\n${n.id}`;
      const fill = n.state
        ? `, fillcolor=${dotString(STATE_COLORS[n.state] ?? "#ffffff")}, tooltip=${dotString(n.state)}`
        : "";
      out.push(`${indent}${dotString(n.id)} [label=${dotString(label + (n.state ? `\n${n.state}` : ""))}${fill}];`);
    }
    if (series !== null) out.push("  }");
  }
  const labelled = new Set<string>();
  for (const e of r.edges) {
    const style = !e.primary
      ? ', style=dotted, color="#888888"'
      : e.confidence !== "established"
        ? ", style=dashed"
        : "";
    const label = e.primary ? (e.label ?? e.kind) : `alternative: ${e.label ?? e.kind}`;
    const conf = e.confidence === "established" ? "" : `\n(${e.confidence})`;
    // A merge draws one edge per parent: label the step once.
    const key = `${e.step}/${e.primary}`;
    const text = labelled.has(key) ? "" : `label=${dotString(label + conf)}`;
    labelled.add(key);
    const attrs = [text, style.replace(/^, /, "")].filter(Boolean).join(", ");
    out.push(`  ${dotString(e.from)} -> ${dotString(e.to)}${attrs ? ` [${attrs}]` : ""};`);
  }
  out.push("}");
  return `${out.join("\n")}\n`;
}
