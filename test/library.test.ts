import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

describe("captrace as a library in another TypeScript project", () => {
  it(
    "type-checks against the package's exports and answers through the same functions as the CLI",
    { timeout: 120_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), "captrace-consumer-"));
      mkdirSync(join(dir, "node_modules"));
      symlinkSync(ROOT, join(dir, "node_modules", "captrace"), "dir");
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module" }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            module: "NodeNext",
            moduleResolution: "NodeNext",
            target: "ES2022",
            strict: true,
            outDir: "out",
            skipLibCheck: false,
            types: ["node"],
            typeRoots: [join(ROOT, "node_modules", "@types")],
          },
          include: ["main.ts"],
        }),
      );
      writeFileSync(
        join(dir, "main.ts"),
        `import { loadLineage, trace, diff, show, list, tree, matrix, graphView, roadmap, validate, embeddedLineagePath } from "captrace";
import type { TraceResult, DiffResult, ListResult, TreeResult, MatrixResult, GraphResult, RoadmapResult, Validation } from "captrace";
const graph = await loadLineage();
const answer: TraceResult = trace(graph, { model: "code-davinci-002", ability: "cot" });
const change: DiffResult = diff(graph, { from: "text-davinci-002", to: "text-davinci-003" });
const models: ListResult = list(graph, "models");
const lines: TreeResult = tree(graph, { model: "chatgpt" });
const cells: MatrixResult = matrix(graph, { models: ["chatgpt"] });
const view: GraphResult = graphView(graph, { ability: "cot" });
const steps: RoadmapResult = roadmap(graph, "chatgpt");
const checked: Validation = await validate(embeddedLineagePath());
const card = show(graph, "chatgpt");
if (process.argv.includes("--never")) {
  // @ts-expect-error: trace needs an ability (checked by tsc, never run)
  trace(graph, { model: "chatgpt" });
}
console.log(JSON.stringify([answer.present, answer.introducedBy?.step, change.changes.length > 0,
  models.items.length > 0, lines.lines[0]?.model, cells.rows.length, view.nodes.length > 0, steps.model, checked.ok, card.kind]));
`,
      );
      const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
      execFileSync(process.execPath, [tsc, "-p", dir], { encoding: "utf8" });
      const out = execFileSync(process.execPath, [join(dir, "out", "main.js")], { encoding: "utf8" });
      expect(JSON.parse(out)).toEqual([
        true,
        "code-training-code-davinci-001",
        true,
        true,
        "chatgpt",
        1,
        true,
        "chatgpt",
        true,
        "model",
      ]);
    },
  );
});
