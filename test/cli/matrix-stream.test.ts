import { EventEmitter } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { matrix } from "../../src/query/matrix.js";
import { MATRIX_FORMATS, PLAIN, render } from "../../src/render/index.js";
import type { LineageFile } from "../../src/schema.js";
import { bigLineage } from "../support/big-lineage.js";
import { cli, TEST_CACHE } from "../support/run-cli.js";

// In the run's own temporary directory (removed by the global setup).
const FILE = join(mkdtempSync(join(tmpdir(), "matrix-stream-")), "big.json");
const LINEAGE = bigLineage(2000);
writeFileSync(FILE, JSON.stringify(LINEAGE));
const graph = buildGraph(LINEAGE as unknown as LineageFile);

describe("captrace matrix on a 2,000-model lineage, streamed", () => {
  it.each(
    MATRIX_FORMATS.flatMap(
      (f) =>
        [
          [f, false],
          [f, true],
        ] as const,
    ),
  )("--format %s (changes: %s) prints what the whole renderer gives", async (format, changes) => {
    const r = await cli(["--lineage", FILE, "matrix", "--format", format, ...(changes ? ["--changes"] : [])]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      render("matrix", format, matrix(graph, { changes }), { painter: PLAIN, width: 80, detail: false }),
    );
  });

  it("--json is JSON.stringify of the whole result, byte for byte", async () => {
    const r = await cli(["--lineage", FILE, "matrix", "--json", "--models", "m1999,m7", "--abilities", "a3,a1"]);
    expect(r.stdout).toBe(
      `${JSON.stringify(matrix(graph, { models: ["m1999", "m7"], abilities: ["a3", "a1"] }), null, 2)}\n`,
    );
    const whole = await cli(["--lineage", FILE, "matrix", "--json", "--changes"]);
    expect(whole.stdout).toBe(`${JSON.stringify(matrix(graph, { changes: true }), null, 2)}\n`);
  });

  it("an unknown model is one clear message before any row is written", async () => {
    const r = await cli(["--lineage", FILE, "matrix", "--models", "m1,nope"]);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/nope/);
    expect(r.code).not.toBe(0);
  });
});

/** A stdout whose buffer is always full: each write asks to wait for "drain", which the test emits. */
class FullStream extends EventEmitter {
  writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return false;
  }
}

describe("captrace matrix back-pressure", () => {
  it("writes its next piece only once the last has drained, the pieces together the whole table", async () => {
    const stdout = new FullStream();
    const done = run(["--lineage", FILE, "matrix", "--format", "csv"], {
      stdout,
      stderr: { write: () => true },
      env: { XDG_CACHE_HOME: TEST_CACHE },
    });
    let finished = false;
    void done.then(() => (finished = true));
    for (let seen = 1; !finished; seen++) {
      while (stdout.writes.length < seen && !finished) await new Promise((r) => setImmediate(r));
      if (finished) break;
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      // Nothing more is written until the drain.
      expect(stdout.writes).toHaveLength(seen);
      stdout.emit("drain");
    }
    expect(await done).toBe(0);
    expect(stdout.writes.length).toBeGreaterThan(3);
    expect(stdout.writes.join("")).toBe(
      render("matrix", "csv", matrix(graph), { painter: PLAIN, width: 80, detail: false }),
    );
  });
});
