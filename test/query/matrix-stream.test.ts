import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import type { MatrixResult, MatrixStream } from "../../src/contract.js";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import type * as GraphIndex from "../../src/graph/index.js";
import { loadLineageFile } from "../../src/load/load-lineage.js";
import { matrix, matrixRows, type MatrixArgs } from "../../src/query/matrix.js";
import type { LineageFile } from "../../src/schema.js";
import { bigLineage } from "../support/big-lineage.js";
import { randomLineage } from "../support/random-lineage.js";

// Every fold the query asks of the graph, counted: the rows must be computed only as they are pulled.
const folds = vi.hoisted(() => ({ count: 0 }));
vi.mock("../../src/graph/index.js", async (importOriginal) => {
  const real = await importOriginal<typeof GraphIndex>();
  return {
    ...real,
    foldAbility: (...args: Parameters<typeof real.foldAbility>) => {
      folds.count++;
      return real.foldAbility(...args);
    },
  };
});

const fixture = async (name: string): Promise<LineageGraph> => {
  const loaded = await loadLineageFile(fileURLToPath(new URL(`../fixtures/${name}/lineage.yaml`, import.meta.url)));
  if (!loaded.ok) throw new Error(`fixture ${name} is invalid`);
  return buildGraph(loaded.lineage, loaded.order);
};

/** The stream gathered into a whole result, in the JSON's key order. */
function gathered(s: MatrixStream): MatrixResult {
  const { schemaVersion, view, reading, legend, models, abilities } = s.head;
  return {
    schemaVersion,
    view,
    reading,
    legend,
    underReadings: s.underReadings(),
    models,
    abilities,
    rows: [...s.rows()],
  };
}

const VIEWS: [string, MatrixArgs][] = [
  ["state", {}],
  ["changes", { changes: true }],
];

describe("matrixRows gives matrix's answer", () => {
  it.each(["small", "diamond"])(
    "on the %s fixture, in both views, with chosen rows and columns and under a reading",
    async (name) => {
      const graph = await fixture(name);
      const some: MatrixArgs = {
        models: [...graph.modelOrder].reverse().slice(0, 2),
        abilities: [...graph.abilityOrder].reverse(),
      };
      const cases: MatrixArgs[] = VIEWS.flatMap(([, v]) => [v, { ...v, ...some }]);
      if (name === "diamond") cases.push({ reading: { "top-dpo": 1 } }, { reading: { "top-dpo": 1 }, changes: true });
      for (const args of cases) {
        const whole = matrix(graph, args);
        expect(gathered(matrixRows(graph, args))).toEqual(whole);
        expect(JSON.stringify(gathered(matrixRows(graph, args)))).toBe(JSON.stringify(whole));
      }
    },
  );

  it("on the diamond, where an alternative reading changes cells, says which (underReadings)", async () => {
    const graph = await fixture("diamond");
    const readings = matrixRows(graph).underReadings();
    expect(readings.some((u) => u.cells.length > 0)).toBe(true);
    expect(readings).toEqual(matrix(graph).underReadings);
  });

  it.each(VIEWS)("on a generated lineage of 2,000 models (%s view)", (_, args) => {
    const graph = buildGraph(bigLineage(2000) as unknown as LineageFile);
    expect(gathered(matrixRows(graph, args))).toEqual(matrix(graph, args));
  });

  it("on random lineages, in both views", () => {
    fc.assert(
      fc.property(randomLineage, fc.boolean(), (lineage, changes) => {
        const graph = buildGraph(lineage);
        expect(gathered(matrixRows(graph, { changes }))).toEqual(matrix(graph, { changes }));
      }),
      { numRuns: 150 },
    );
  });

  it("gives a column group's cells alone: rows(from, to) are the rows' cells from..to", () => {
    const graph = buildGraph(bigLineage(300) as unknown as LineageFile);
    const whole = matrix(graph);
    expect([...matrixRows(graph).rows(2, 5)]).toEqual(
      whole.rows.map((r) => ({ model: r.model, cells: r.cells.slice(2, 5) })),
    );
  });

  it("sizes every column from its distinct cells, each of which some row has", () => {
    const graph = buildGraph(bigLineage(300) as unknown as LineageFile);
    for (const [, args] of VIEWS) {
      const whole = matrix(graph, args);
      const kinds = matrixRows(graph, args).columnCells();
      whole.abilities.forEach((_, j) => {
        const seen = new Set(
          whole.rows.map((r) => `${r.cells[j]!.symbol}|${args.changes ? true : r.cells[j]!.agreement}`),
        );
        const said = kinds[j]!.map((k) => `${k.symbol}|${k.agreement}`);
        for (const k of seen) expect(said).toContain(k);
        for (const k of said) if (!k.startsWith("|")) expect(seen).toContain(k);
      });
    }
  });
});

describe("matrixRows is lazy", () => {
  it("folds nothing until a row is pulled, then each ability once, however many rows follow", () => {
    const graph = buildGraph(bigLineage(3000) as unknown as LineageFile);
    folds.count = 0;
    const s = matrixRows(graph);
    const rows = s.rows()[Symbol.iterator]();
    expect(folds.count).toBe(0);
    expect(s.head.models).toHaveLength(3000);
    const first = rows.next();
    expect(first.done).toBe(false);
    expect(folds.count).toBe(graph.abilityOrder.length);
    let n = 1;
    while (!rows.next().done) n++;
    expect(n).toBe(3000);
    s.columnCells();
    s.underReadings();
    expect([...s.rows()]).toHaveLength(3000);
    expect(folds.count).toBe(graph.abilityOrder.length);
  });
});
