// Build step: validates the embedded lineage.yaml and writes dist/embedded-lineage.captrace (compact form), so that
// querying the embedded lineage needs neither the YAML parser nor zod. Fails the build if it is invalid.
import { readFileSync } from "node:fs";
import { loadLineageText } from "../dist/load/load-lineage.js";
import { writeCompiled } from "../dist/store/compiled.js";
import { quickKey } from "../dist/store/quick-key.js";
import { buildGraph } from "../dist/graph/build-graph.js";
import { writeCompact } from "../dist/store/compact-bytes.js";
import { compiledEmbeddedPath, embeddedLineagePath } from "../dist/store/embedded.js";
import { formatProblem } from "../dist/problem.js";
import { storeVersion } from "../dist/store/store-version.js";

const file = embeddedLineagePath();
const bytes = readFileSync(file);
const text = bytes.toString("utf8");
const result = loadLineageText(text, "lineage.yaml");
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error("the embedded lineage.yaml is invalid: build stopped");
  process.exit(1);
}
const graph = buildGraph(result.lineage, result.order);
if (
  !writeCompiled(compiledEmbeddedPath(), (sink) =>
    writeCompact(graph, { located: result.warnings, issues: [] }, quickKey(bytes), storeVersion(), sink),
  )
) {
  console.error("could not write the compiled embedded lineage");
  process.exit(1);
}
