import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { MatrixResult, MatrixStream } from "../../src/contract.js";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { loadLineageFile } from "../../src/load/load-lineage.js";
import { matrix, type MatrixArgs } from "../../src/query/matrix.js";
import {
  createPainter,
  MATRIX_FORMATS,
  PLAIN,
  render,
  renderMatrixStream,
  type RenderOptions,
} from "../../src/render/index.js";
import type { LineageFile } from "../../src/schema.js";
import { EFFECTS, SCHEMA_VERSION, STATE_LEGEND } from "../../src/vocabulary.js";
import { bigLineage } from "../support/big-lineage.js";

/** A result as a stream (the renderer's input), so the renderers are tested apart from the query. */
function streamOf(r: MatrixResult): MatrixStream {
  const { schemaVersion, view, reading, legend, models, abilities } = r;
  return {
    head: { schemaVersion, view, reading, legend, models, abilities },
    underReadings: () => r.underReadings,
    columnCells: () =>
      r.abilities.map((_, j) =>
        r.rows.map((row) => ({ symbol: row.cells[j]!.symbol, agreement: row.cells[j]!.agreement })),
      ),
    rows: (from = 0, to = r.abilities.length) =>
      r.rows.map((row) => ({ model: row.model, cells: row.cells.slice(from, to) })),
  };
}

const at = (width: number, painter = PLAIN): RenderOptions => ({ painter, width, detail: false });
const WIDTHS = [0, 40, 80, 200];

/** Every format at every width: the pieces joined are the whole renderer's text. */
function expectSame(r: MatrixResult, widths = WIDTHS) {
  for (const format of MATRIX_FORMATS) {
    for (const width of widths) {
      const pieces = [...renderMatrixStream(format, streamOf(r), at(width))];
      expect(pieces.join(""), `${format} at ${width}`).toBe(render("matrix", format, r, at(width)));
    }
  }
}

const fixture = async (name: string): Promise<LineageGraph> => {
  const loaded = await loadLineageFile(fileURLToPath(new URL(`../fixtures/${name}/lineage.yaml`, import.meta.url)));
  if (!loaded.ok) throw new Error(`fixture ${name} is invalid`);
  return buildGraph(loaded.lineage, loaded.order);
};

/** A hand-made matrix: `n` models named by `id`, `k` abilities, cells cycling through every effect, some disagreeing. */
function made(n: number, k: number, id: (i: number) => string, view: "state" | "changes" = "state"): MatrixResult {
  const abilities = Array.from({ length: k }, (_, j) => ({
    id: j % 3 ? `a${j}` : `in-context-ability-${j}`,
    name: `A${j}`,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    view,
    reading: "",
    legend: STATE_LEGEND,
    underReadings: [
      { step: "s1", alternative: 1, from: ["m0"], cells: [{ model: id(0), ability: "a1", state: "lost" }] },
    ],
    models: Array.from({ length: n }, (_, i) => ({ id: id(i), name: `M${i}` })),
    abilities,
    rows: Array.from({ length: n }, (_, i) => ({
      model: id(i),
      cells: abilities.map((a, j) => {
        const effect = EFFECTS[(i + j) % EFFECTS.length]!;
        const absent = (i * j) % 5 === 0;
        return {
          ability: a.id,
          state: absent ? ("absent" as const) : effect,
          symbol: absent ? "" : effect === "lost" ? "x" : (i + j) % 4 ? "+" : "--",
          agreement: (i + 2 * j) % 7 !== 0,
          change: absent ? null : effect,
          size: absent ? null : (i + j) % 4 ? ("normal" as const) : ("great" as const),
        };
      }),
    })),
  };
}

describe("renderMatrixStream writes what the whole renderers write", () => {
  it.each(["small", "diamond"])("on the %s fixture, both views", async (name) => {
    const graph = await fixture(name);
    for (const args of [{}, { changes: true }, { models: [graph.modelOrder[0]!] }] as MatrixArgs[])
      expectSame(matrix(graph, args));
  });

  it("on a generated lineage of 2,000 models, both views", () => {
    const graph = buildGraph(bigLineage(2000) as unknown as LineageFile);
    expectSame(matrix(graph), [0, 80]);
    expectSame(matrix(graph, { changes: true }), [0, 80]);
  });

  it("across chunk boundaries with model ids that wrap (a ruled table), column groups, '?' cells and hyphenated heads", () => {
    const r = made(1300, 30, (i) => `model-with-a-rather-long-name-${i}`);
    expectSame(r, [0, 40, 80]);
    const text = [...renderMatrixStream("table", streamOf(r), at(40))].join("");
    // Ruled: a rule between every two rows, in every group.
    expect(text).toMatch(/┤\n│ model-with/);
    expectSame(
      made(1300, 30, (i) => `m${i}`, "changes"),
      [0, 80],
    );
  });

  it("with no rows, one row, no abilities and ids to escape or quote", () => {
    expectSame(made(0, 5, (i) => `m${i}`));
    expectSame(made(1, 5, (i) => `m${i}`));
    expectSame(made(3, 0, (i) => `m${i}`));
    expectSame(made(3, 4, (i) => [`a|b`, `c,"d"`, `e\u001b[2Jf`][i]!));
  });

  it("in colour, the heads bold as the whole table draws them", async () => {
    const painter = await createPainter(true);
    const r = made(700, 12, (i) => `m${i}`);
    for (const width of [0, 60])
      expect([...renderMatrixStream("table", streamOf(r), at(width, painter))].join("")).toBe(
        render("matrix", "table", r, at(width, painter)),
      );
  });

  it("writes in pieces of a few hundred rows, none holding the whole output", () => {
    const r = made(2000, 8, (i) => `m${i}`);
    for (const format of MATRIX_FORMATS) {
      const pieces = [...renderMatrixStream(format, streamOf(r), at(80))];
      const whole = pieces.join("").length;
      expect(pieces.length, format).toBeGreaterThan(3);
      for (const p of pieces) expect(p.length, format).toBeLessThan(whole / 2);
    }
  });
});
