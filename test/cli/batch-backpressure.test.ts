import { EventEmitter } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { MAX_BATCH_LINE_BYTES, splitLines } from "../../src/cli/batch-lines.js";
import { TEST_CACHE } from "../support/run-cli.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const QUERY = '{"model":"dpo","ability":"coding"}';

/** A stdout whose buffer is always full: each write asks to wait for "drain", which the test emits. */
class FullStream extends EventEmitter {
  writes: string[] = [];
  write(text: string): boolean {
    this.writes.push(text);
    return false;
  }
}

describe("trace --batch back-pressure", () => {
  it("reads the next query only once the last answer has drained", async () => {
    const stdout = new FullStream();
    let pulled = 0;
    const stdin = (async function* () {
      for (let i = 0; i < 50; i++) {
        pulled++;
        yield QUERY;
      }
    })();
    const done = run(["--lineage", SMALL, "trace", "--batch"], {
      stdout,
      stderr: { write: () => true },
      stdin,
      env: { XDG_CACHE_HOME: TEST_CACHE },
    });
    for (let answered = 1; answered <= 50; answered++) {
      // Let the batch run as far as it will without a drain.
      while (stdout.writes.length < answered) await new Promise((r) => setImmediate(r));
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
      expect(stdout.writes).toHaveLength(answered);
      expect(pulled).toBe(answered);
      stdout.emit("drain");
    }
    expect(await done).toBe(0);
  });
});

describe("splitLines", () => {
  it("splits chunks at newlines, however the chunks fall, keeping a last line without one", async () => {
    const lines: string[] = [];
    for await (const l of splitLines(["a\nb", "c\n\nd", "é\n", Buffer.from("tail")])) lines.push(l);
    expect(lines).toEqual(["a", "bc", "", "dé", "tail"]);
  });

  it("refuses a line longer than the limit, naming it, even when it never ends", async () => {
    const endless = (async function* () {
      for (;;) yield Buffer.alloc(65536);
    })();
    const lines = splitLines(
      (async function* () {
        yield "ok\n";
        yield* endless;
      })(),
    );
    expect((await lines.next()).value).toBe("ok");
    await expect(lines.next()).rejects.toThrow(`input line 2 is longer than ${MAX_BATCH_LINE_BYTES / 1024} KiB`);
    // A line of exactly the limit is accepted.
    const exact: string[] = [];
    for await (const l of splitLines([`${"x".repeat(MAX_BATCH_LINE_BYTES)}\n`])) exact.push(l);
    expect(exact[0]).toHaveLength(MAX_BATCH_LINE_BYTES);
  });
});
