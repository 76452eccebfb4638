import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GraphOut, MatrixOut, RoadmapOut, TreeOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const FIXTURES: Record<string, string | undefined> = {
  embedded: undefined,
  small: fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url)),
  diamond: fileURLToPath(new URL("../fixtures/diamond/lineage.yaml", import.meta.url)),
};
const MODEL: Record<string, string> = { embedded: "chatgpt", small: "dpo", diamond: "top" };
const ABILITY: Record<string, string> = { embedded: "in-context-learning", small: "coding", diamond: "math" };

const VIEWS: Record<string, (f: string) => string[]> = {
  "tree.txt": () => ["tree"],
  "tree-ascii-ancestors.txt": (f) => ["tree", MODEL[f]!, "--charset", "ascii", "--ability", ABILITY[f]!],
  "tree-descendants-depth1.txt": (f) => [
    "tree",
    f === "embedded" ? "davinci" : f === "small" ? "base" : "root",
    "--descendants",
    "--depth",
    "1",
  ],
  "matrix.txt": () => ["matrix"],
  "matrix.md": () => ["matrix", "--format", "markdown"],
  "matrix.csv": () => ["matrix", "--format", "csv"],
  "graph.dot": () => ["graph"],
  "graph-ability.dot": (f) => ["graph", "--ability", ABILITY[f]!],
  "graph.mmd": (f) => ["graph", "--format", "mermaid", "--ability", ABILITY[f]!],
  "roadmap.txt": (f) => ["roadmap", MODEL[f]!],
};

const run = (fixture: string, args: string[]) =>
  cli(FIXTURES[fixture] ? ["--lineage", FIXTURES[fixture], ...args] : args);
const hasDot = spawnSync("dot", ["-V"]).status === 0;

describe.each(Object.keys(FIXTURES))("views of the %s lineage", (fixture) => {
  it.each(Object.keys(VIEWS))("%s matches its golden file", async (name) => {
    const r = await run(fixture, VIEWS[name]!(fixture));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`golden/${fixture}/${name}`);
  });

  it("--json of every view satisfies its contract", async () => {
    TreeOut.parse(JSON.parse((await run(fixture, ["tree", "--json"])).stdout));
    TreeOut.parse(
      JSON.parse((await run(fixture, ["tree", MODEL[fixture]!, "--ability", ABILITY[fixture]!, "--json"])).stdout),
    );
    MatrixOut.parse(JSON.parse((await run(fixture, ["matrix", "--json"])).stdout));
    MatrixOut.parse(JSON.parse((await run(fixture, ["matrix", "--format", "json"])).stdout));
    GraphOut.parse(JSON.parse((await run(fixture, ["graph", "--json"])).stdout));
    RoadmapOut.parse(JSON.parse((await run(fixture, ["roadmap", MODEL[fixture]!, "--json"])).stdout));
  });

  it("the markdown matrix parses back to the same cells as matrix --json", async () => {
    const md = (await run(fixture, ["matrix", "--format", "markdown"])).stdout;
    const json = MatrixOut.parse(JSON.parse((await run(fixture, ["matrix", "--json"])).stdout));
    const rows = md
      .split("\n")
      .filter((l) => l.startsWith("| "))
      .map((l) =>
        l
          .slice(2, -2)
          .split(" | ")
          .map((c) => c.trim()),
      );
    expect(rows[0]).toEqual(["model", ...json.abilities.map((a) => a.id)]);
    expect(rows.slice(1)).toEqual(
      json.rows.map((r) => [r.model, ...r.cells.map((c) => c.symbol + (c.agreement ? "" : "?"))]),
    );
  });

  it.skipIf(!hasDot && !process.env.CI)(
    "the DOT output renders with real Graphviz and the SVG shows every model",
    async () => {
      const graph = GraphOut.parse(JSON.parse((await run(fixture, ["graph", "--json"])).stdout));
      for (const args of [["graph"], ["graph", "--ability", ABILITY[fixture]!]]) {
        const dot = (await run(fixture, args)).stdout;
        // Graphviz writes some characters of titles as entities (`-` as `&#45;`).
        const svg = execFileSync("dot", ["-Tsvg"], { input: dot, encoding: "utf8" }).replace(
          /&#(\d+);/g,
          (_, n: string) => String.fromCharCode(Number(n)),
        );
        expect(svg).toMatch(/^<\?xml/);
        for (const node of graph.nodes) expect(svg).toContain(`<title>${node.id}</title>`);
      }
    },
  );
});

describe("tree", () => {
  it("prints a model reached twice in full once, then marks it (*)", async () => {
    const r = await run("diamond", ["tree"]);
    expect(r.stdout.match(/join/g)).toHaveLength(2);
    expect(r.stdout).toMatch(/join \[Weight merge, likely\] \(\*\)/);
    expect(r.stdout.match(/top/g)).toHaveLength(1);
  });

  it("refuses a depth that is not a whole number", async () => {
    expect((await run("small", ["tree", "--depth", "-1"])).code).toBe(2);
  });
});
