/**
 * A hub dump (JSON Lines or CSV) opened as a lineage: converted by the importer, validated, cached; its
 * problems placed at the row they come from; its own limits. Through the CLI in-process and through
 * openLineage (one thread, and with the built worker, which must give the same answer).
 */
import { closeSync, existsSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FragmentMerger } from "../../src/import/merge-fragments.js";
import { importDumpFile } from "../../src/import/dump.js";
import { LIMITS } from "../../src/limits.js";
import { openLineage } from "../../src/store/open-lineage.js";
import { cli } from "../support/run-cli.js";
import { tempDirs } from "./temp-dirs.js";

const tempDir = tempDirs("dump");
const WORKER = fileURLToPath(new URL("../../dist/bundle/validate-worker.cjs", import.meta.url));

const ROWS = [
  { id: "a/base", license: "mit" },
  {
    id: "b/tuned",
    base_model: ["a/base"],
    base_model_relation: "finetune",
    claims: [{ ability: "chat", effect: "introduced", confidence: "likely" }],
  },
  { id: "c/quant", base_model: "b/tuned", base_model_relation: "quantized" },
  { id: "d/merge", base_model: ["b/tuned", "x/outside"] },
];

/** A directory with `hub.jsonl` (the rows, or the given lines) and a cache of its own. */
function dump(lines: string[] = ROWS.map((r) => JSON.stringify(r)), name = "hub.jsonl") {
  const dir = tempDir();
  writeFileSync(join(dir, name), lines.join("\n") + "\n");
  return { dir, file: join(dir, name), env: { XDG_CACHE_HOME: join(dir, "cache") } };
}

describe("--lineage DUMP", () => {
  it("answers trace and tree on a JSON Lines dump, the second time from the cache", async () => {
    const { dir, env } = dump();
    const first = await cli(["--lineage", "hub.jsonl", "trace", "c/quant", "chat"], { cwd: dir, env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^chat in c\/quant: present; introduced by finetune \(declared\) in b\/tuned/);
    expect(first.stdout).toContain("Path: a/base -> b/tuned -> c/quant");
    const tree = await cli(["--lineage", "hub.jsonl", "tree", "a/base", "--descendants"], { cwd: dir, env });
    expect(tree.code).toBe(0);
    expect(tree.stdout.split("\n").slice(0, 2)).toEqual(["a/base", "└── b/tuned [finetune (declared)]"]);
    expect(tree.stdout).toContain("d/merge");
    const opened = await openLineage("hub.jsonl", { cwd: dir, env, cache: true, worker: false });
    expect(opened.ok && opened.via).toBe("cache");
    expect(opened.ok && opened.graph.models.get("x/outside")?.external).toBe(true);
    // The cached answer is the one computed from the rows.
    const again = await cli(["--lineage", "hub.jsonl", "trace", "c/quant", "chat"], { cwd: dir, env });
    expect(again).toEqual(first);
  });

  it("opens a CSV dump; validate counts it and folds the rows that declare no base into one warning", async () => {
    const { dir, env } = dump(
      ["model_id,base_model,relation", "a/base,,", "b/other,,", 'm/merge,"[""a/base"", ""b/other""]",merge'],
      "hub.csv",
    );
    const r = await cli(["--lineage", "hub.csv", "tree", "m/merge"], { cwd: dir, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("a/base");
    expect(r.stdout).toContain("b/other");
    const v = await cli(["validate", "hub.csv"], { cwd: dir, env });
    expect(v.code).toBe(0);
    expect(v.stdout).toBe("hub.csv: 3 models, 1 step, 0 abilities, 0 claims\n");
    expect(v.stderr).toBe("hub.csv: warning: 2 models declare no base ('a/base', 'b/other'): read as roots\n");
  });

  it("places a bad row at its line, exit 3, and caches nothing", async () => {
    const lines = ROWS.map((r) => JSON.stringify(r));
    lines.splice(2, 0, "{not json");
    const { dir, env } = dump(lines);
    const r = await cli(["--lineage", "hub.jsonl", "trace", "c/quant", "chat"], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe("hub.jsonl:3:1: error: not a JSON object; skipped\n");
    const json = await cli(["--json", "--lineage", "hub.jsonl", "trace", "c/quant", "chat"], { cwd: dir, env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: "invalid-lineage", file: "hub.jsonl", line: 3, column: 1 },
      problems: [{ file: "hub.jsonl", line: 3, column: 1, severity: "error", message: "not a JSON object; skipped" }],
    });
    expect(existsSync(join(dir, "cache", "captrace")) && (await opened(dir, env)).via).not.toBe("cache");
  });

  it("places a schema problem and a cycle at the row that makes them", async () => {
    const long = "a".repeat(201);
    const { dir, env } = dump([
      JSON.stringify({ id: "a/base" }),
      JSON.stringify({
        id: "b/t",
        base_model: "a/base",
        claims: [{ ability: long, effect: "introduced", confidence: "likely" }],
      }),
    ]);
    const r = await cli(["validate", "hub.jsonl"], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`hub.jsonl:2:1: error: steps[0].claims[0].ability is too long`);
    const cycle = dump([
      JSON.stringify({ id: "a/x", base_model: "b/y" }),
      JSON.stringify({ id: "b/y", base_model: "a/x" }),
    ]);
    const c = await cli(["validate", "hub.jsonl"], { cwd: cycle.dir, env: cycle.env });
    expect(c.code).toBe(3);
    expect(c.stderr).toMatch(
      /^hub\.jsonl:2:1: error: b\/y: naming a\/x as its base makes a cycle; this step is left out$/m,
    );
  });

  it("refuses a dump past its size limit before reading it, and a row past the line limit at its line", async () => {
    const { dir, env, file } = dump();
    const big = join(dir, "big.jsonl");
    const fd = openSync(big, "w");
    ftruncateSync(fd, LIMITS.maxDumpBytes + 1e6); // sparse: nothing is written
    closeSync(fd);
    const r = await cli(["--lineage", "big.jsonl", "list", "models"], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`big.jsonl: error: file is too large (1074.7 MB; the limit for a hub dump is 1073.7 MB)\n`);
    const long = JSON.stringify({ id: "l/long", license: "x".repeat(LIMITS.maxDumpLineBytes) });
    writeFileSync(file, [JSON.stringify(ROWS[0]), long, JSON.stringify(ROWS[2])].join("\n"));
    const l = await cli(["validate", "hub.jsonl"], { cwd: dir, env });
    expect(l.code).toBe(3);
    expect(l.stderr).toBe(
      `hub.jsonl:2:1: error: a row longer than ${LIMITS.maxDumpLineBytes} bytes (the limit for a hub dump row); skipped\nhub.jsonl: 1 error\n`,
    );
  });

  it("refuses a dump without a row, as an empty lineage file is refused", async () => {
    const cases: [string, string][] = [
      ["blank.jsonl", "\n\n"],
      ["header.csv", "id,base_model\n"],
    ];
    for (const [name, text] of cases) {
      const { dir, env } = dump([text], name);
      const r = await cli(["validate", name], { cwd: dir, env });
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(
        `${name}: error: no rows: a hub dump holds one model a row (JSON Lines, or CSV under a header row)\n${name}: 1 error\n`,
      );
    }
  });

  it("stops at the row limit with an error at the first row past it", async () => {
    const { file } = dump();
    const merger = new FragmentMerger();
    const { rows } = await importDumpFile(file, "hub.jsonl", merger, { maxRows: 2 });
    expect(rows).toBe(2);
    expect(merger.problems).toEqual([
      expect.objectContaining({ line: 3, severity: "error", message: expect.stringMatching(/^more than 2 rows/) }),
    ]);
  });

  it.skipIf(!existsSync(WORKER))("gives the same answer with the schema checked on the worker", async () => {
    const cases = [
      ROWS.map((r) => JSON.stringify(r)),
      [
        ...ROWS.map((r) => JSON.stringify(r)),
        JSON.stringify({
          id: "z/z",
          base_model: "a/base",
          claims: [{ ability: "a".repeat(201), effect: "introduced", confidence: "likely" }],
        }),
      ],
    ];
    for (const lines of cases) {
      const { dir } = dump(lines);
      const serial = await openLineage("hub.jsonl", { cwd: dir, worker: false });
      const parallel = await openLineage("hub.jsonl", { cwd: dir, worker: WORKER });
      expect(parallel.ok).toBe(serial.ok);
      if (serial.ok && parallel.ok) {
        expect(parallel.warnings).toEqual(serial.warnings);
        expect([...parallel.graph.modelOrder]).toEqual([...serial.graph.modelOrder]);
      } else if (!serial.ok && !parallel.ok) expect(parallel.problems).toEqual(serial.problems);
    }
  });
});

/** The dump opened with the cache, one thread. */
async function opened(dir: string, env: Record<string, string>) {
  const o = await openLineage("hub.jsonl", { cwd: dir, env, cache: true, worker: false });
  return { via: o.ok ? o.via : "invalid" };
}
