/** Human rendering of `list`: one table per kind of thing. */
import type { ListResult } from "../contract.js";
import { confidenceText } from "./evidence-text.js";
import { escapeLine } from "./escape.js";
import type { RenderOptions } from "./options.js";
import { textTable } from "./table.js";

const s = (v: string | number | null) => (v === null ? "" : escapeLine(String(v)));

/** Renders a list result as a table. */
export function renderListText(r: ListResult, opts: RenderOptions): string {
  let t;
  switch (r.what) {
    case "models":
      t = textTable(["id", "name", "series", "released", "params", "context", "parents"], opts);
      for (const m of r.items)
        t.push([
          s(m.id),
          s(m.name),
          s(m.series),
          s(m.released),
          s(m.params),
          s(m.context),
          m.parents.map(escapeLine).join(", "),
        ]);
      break;
    case "abilities":
      t = textTable(["id", "name", "aliases", "claims", "models with it"], opts);
      for (const a of r.items)
        t.push([s(a.id), s(a.name), a.aliases.map(escapeLine).join(", "), String(a.claims), String(a.models)]);
      break;
    case "steps":
      t = textTable(["id", "kind", "from", "to", "parentage", "claims"], opts);
      for (const st of r.items) {
        const alt = st.alternatives ? ` (+${st.alternatives} alt.)` : "";
        t.push([
          s(st.id),
          s(st.kind),
          st.from.map(escapeLine).join(", ") || "(root)",
          s(st.to),
          confidenceText(st.confidence, opts.painter) + alt,
          String(st.claims),
        ]);
      }
      break;
    case "sources":
      t = textTable(["id", "title", "year", "identifier", "cited"], opts);
      for (const src of r.items) t.push([s(src.id), s(src.title), s(src.year), s(src.identifier), String(src.cited)]);
      break;
  }
  return `${t.toString()}\n`;
}
