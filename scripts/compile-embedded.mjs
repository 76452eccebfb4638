// Build step: validates the embedded lineage.yaml and writes dist/embedded-lineage.json, so that
// querying the embedded lineage needs neither the YAML parser nor zod. Fails the build if it is invalid.
import { readFileSync } from "node:fs";
import { loadLineageText } from "../dist/load/load-lineage.js";
import { quickKey, writeCompiled } from "../dist/load/compiled.js";
import { compiledEmbeddedPath } from "../dist/load/embedded.js";
import { embeddedLineagePath } from "../dist/load/embedded.js";
import { formatProblem } from "../dist/problem.js";
import { packageVersion } from "../dist/package-root.js";
import { FORMAT_VERSION } from "../dist/vocabulary.js";

const file = embeddedLineagePath();
const bytes = readFileSync(file);
const text = bytes.toString("utf8");
const result = loadLineageText(text, "lineage.yaml");
if (!result.ok) {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error("the embedded lineage.yaml is invalid: build stopped");
  process.exit(1);
}
const { buildGraph } = await import("../dist/graph/build-graph.js");
const order = buildGraph(result.lineage).modelOrder;
const entry = { order, format: FORMAT_VERSION, captrace: packageVersion(), key: quickKey(bytes), lineage: result.lineage, warnings: result.warnings };
if (!writeCompiled(compiledEmbeddedPath(), entry)) {
  console.error("could not write the compiled embedded lineage");
  process.exit(1);
}
