/** Human rendering of `list`: one table per kind of thing. */
import type { ListResult } from "../contract.js";
import { confidenceText } from "./evidence-text.js";
import { safeLine, table, type RenderOptions } from "./style.js";

const s = (v: string | number | null) => (v === null ? "" : safeLine(String(v)));

/** Renders a list result as a table. */
export function renderListText(r: ListResult, opts: RenderOptions): string {
  let t;
  switch (r.what) {
    case "models":
      t = table(["id", "name", "series", "released", "params", "context", "parents"], opts);
      for (const m of r.items) t.push([s(m.id), s(m.name), s(m.series), s(m.released), s(m.params), s(m.context), m.parents.map(safeLine).join(", ")]);
      break;
    case "abilities":
      t = table(["id", "name", "aliases", "claims", "models with it"], opts);
      for (const a of r.items) t.push([s(a.id), s(a.name), a.aliases.map(safeLine).join(", "), String(a.claims), String(a.models)]);
      break;
    case "steps":
      t = table(["id", "kind", "from", "to", "parentage", "claims"], opts);
      for (const st of r.items) {
        const alt = st.alternatives ? ` (+${st.alternatives} alt.)` : "";
        t.push([s(st.id), s(st.kind), st.from.map(safeLine).join(", ") || "(root)", s(st.to), confidenceText(st.confidence, opts) + alt, String(st.claims)]);
      }
      break;
    case "sources":
      t = table(["id", "title", "year", "identifier", "cited"], opts);
      for (const src of r.items) t.push([s(src.id), s(src.title.length > 60 ? `${src.title.slice(0, 57)}...` : src.title), s(src.year), s(src.identifier), String(src.cited)]);
      break;
  }
  return `${t.toString()}\n`;
}
