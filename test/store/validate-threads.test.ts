/**
 * `validate` loads on one thread: it builds no graph, and the parallel load's second parse (on the worker)
 * only added peak memory. Runs the built library (dist), where the worker script exists, so that the
 * parallel path is really on offer; Worker is wrapped to count the threads started.
 */
import { writeFileSync } from "node:fs";
import type * as WorkerThreads from "node:worker_threads";
import type * as Library from "../../src/index.js";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { bigLineage } from "../support/big-lineage.js";
import { tempDirs } from "./temp-dirs.js";

const started = vi.hoisted(() => ({ workers: 0 }));

vi.mock("node:worker_threads", async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Counted extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      started.workers++;
      super(...args);
    }
  }
  return { ...real, Worker: Counted, default: { ...real, Worker: Counted } };
});

const tempDir = tempDirs("validate-threads");
const DIST_INDEX = new URL("../../dist/index.js", import.meta.url).href;

describe("validate on a JSON lineage past the parallel size", () => {
  it("starts no worker, where opening the same file for a query does", { timeout: 60_000 }, async () => {
    // The built library, typed as its sources: a fresh clone lints before it builds.
    const { openLineage, validateFile } = (await import(DIST_INDEX)) as typeof Library;
    const dir = tempDir();
    const file = join(dir, "big.json");
    writeFileSync(file, JSON.stringify(bigLineage(7000)));
    const opts = { cache: false, parallelMinBytes: 1 << 20 };
    const opened = await openLineage(file, opts);
    expect(opened.ok).toBe(true);
    expect(started.workers).toBe(1);
    const v = await validateFile(file, opts);
    expect(v).toMatchObject({ ok: true, counts: { models: 7000 } });
    expect(started.workers).toBe(1);
  });
});
