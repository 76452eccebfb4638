import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { MAX_BATCH_LINE_BYTES, splitLineGroups } from "../../src/cli/batch-lines.js";
import { ErrorOut, TRACE_FIELDS, TraceOut } from "../../src/contract.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { trace, traceFields } from "../../src/query/trace.js";
import { cli } from "../support/run-cli.js";
import { cacheOf } from "../../src/graph/cache.js";
import { readFileSync } from "node:fs";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const EMBEDDED = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));

/** The embedded lineage's graph, built here (not through the CLI). */
function embeddedGraph() {
  const loaded = loadLineageText(readFileSync(EMBEDDED, "utf8"), EMBEDDED);
  if (!loaded.ok) throw new Error("lineage.yaml is invalid");
  return buildGraph(loaded.lineage, loaded.order);
}

describe("the contract's list of trace fields", () => {
  it("is TraceOut's fields, in its order", () => {
    expect([...TRACE_FIELDS]).toEqual(Object.keys(TraceOut.shape));
  });
});

describe("traceFields", () => {
  it("gives exactly the fields asked for, in the contract's order, each as the full answer has it", () => {
    const graph = embeddedGraph();
    for (const model of graph.modelOrder) {
      for (const ability of graph.abilityOrder) {
        const full = trace(graph, { model, ability });
        const some = traceFields(graph, { model, ability }, ["elsewhereTotal", "parentage", "present", "history"]);
        expect(Object.keys(some)).toEqual(["present", "history", "parentage", "elsewhereTotal"]);
        expect(some).toEqual({
          present: full.present,
          history: full.history,
          parentage: full.parentage,
          elsewhereTotal: full.elsewhereTotal,
        });
      }
    }
  });

  it("gives the full answer, byte for byte, when every field is asked for (and trace is that)", () => {
    const graph = embeddedGraph();
    const ids = graph.modelOrder.slice(0, 8);
    for (const model of ids)
      for (const ability of graph.abilityOrder.slice(0, 6)) {
        const full = trace(graph, { model, ability });
        expect(JSON.stringify(traceFields(graph, { model, ability }, [...TRACE_FIELDS].reverse()))).toBe(
          JSON.stringify(full),
        );
      }
  });
});

describe("traceFields skips the work of the fields not asked for", () => {
  it("runs no presence pass without elsewhere, and reads the path's steps only for parentage or readings", () => {
    const base = embeddedGraph();
    let reads = 0;
    // The same graph, counting the steps looked up by the model they make.
    const counting = { ...base, madeBy: { ...base.madeBy, get: (id: string) => (reads++, base.madeBy.get(id)) } };
    const graph = counting as unknown as typeof base;
    const absent = { model: "davinci", ability: "cot" };
    expect(traceFields(graph, absent, ["present"])).toEqual({ present: false });
    expect(cacheOf(graph).presentWords.size).toBe(0);
    expect(traceFields(graph, absent, ["elsewhereTotal"]).elsewhereTotal).toBeGreaterThan(0);
    expect(cacheOf(graph).presentWords.size).toBe(1);
    reads = 0;
    traceFields(graph, { model: "chatgpt", ability: "cot" }, ["state"]);
    const forState = reads;
    reads = 0;
    const withParentage = traceFields(graph, { model: "chatgpt", ability: "cot" }, ["state", "parentage"]);
    expect(reads - forState).toBe(withParentage.parentage!.length);
  });
});

describe("trace --fields", () => {
  it("prints only the fields asked for as JSON, without --json, and keeps trace's exit code", async () => {
    const r = await cli(["trace", "chatgpt", "cot", "--fields", "state, present", "--fields", "introducedBy"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["present", "state", "introducedBy"]);
    expect(out).toMatchObject({ present: true, state: "weakened", introducedBy: { step: expect.any(String) } });
    // Absent: exit 1, and `present` is left out when not asked for.
    const absent = await cli(["trace", "davinci", "cot", "--fields", "state"]);
    expect(absent).toEqual({ code: 1, stdout: '{\n  "state": "absent"\n}\n', stderr: "" });
    expect(JSON.parse((await cli(["--json", "trace", "davinci", "cot", "--fields", "state"])).stdout)).toEqual({
      state: "absent",
    });
  });

  it("refuses an unknown field with the one it is closest to, exit 2 (an error object under --json)", async () => {
    const r = await cli(["trace", "chatgpt", "cot", "--fields", "present,introducdBy"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "captrace: option '--fields <LIST>' argument 'present,introducdBy' is invalid. unknown field 'introducdBy' (did you mean introducedBy?)\n",
    );
    const far = await cli(["trace", "chatgpt", "cot", "--fields", "qqqqqqqq"]);
    expect(far.stderr).toContain("unknown field 'qqqqqqqq' (the fields: schemaVersion, model, ability, present,");
    const json = await cli(["--json", "trace", "chatgpt", "cot", "--fields", "stat"]);
    expect(json.code).toBe(2);
    expect(ErrorOut.parse(JSON.parse(json.stdout)).error).toMatchObject({ code: "usage", exitCode: 2 });
    expect((await cli(["trace", "chatgpt", "cot", "--fields", "state,,path"])).stderr).toContain(
      "a field name is empty",
    );
    expect((await cli(["trace", "chatgpt", "cot", "--fields", "state", "--evidence"])).stderr).toBe(
      "captrace: --evidence is for the text answer: --fields prints JSON (ask for the fields you need)\n",
    );
  });

  it("gives each batch answer only those fields; errors stay whole objects", async () => {
    let stdout = "";
    const code = await run(["--lineage", SMALL, "trace", "--batch", "--fields", "ability,model,present"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      stdin: (async function* () {
        yield '{"model": "dpo", "ability": "coding"}';
        yield '{"model": "nope", "ability": "coding"}';
        yield '{"model": "sft", "ability": "coding"}';
      })(),
      env: {},
    });
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe('{"model":"dpo","ability":"coding","present":true}');
    expect(ErrorOut.parse(JSON.parse(lines[1]!))).toMatchObject({ input: 2, error: { code: "usage" } });
    expect(lines[2]).toBe('{"model":"sft","ability":"coding","present":false}');
  });

  it("refuses an unknown field in a batch before reading any query", async () => {
    let pulled = 0;
    let stdout = "";
    let stderr = "";
    const code = await run(["--lineage", SMALL, "trace", "--batch", "--fields", "presence"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      stdin: (async function* () {
        pulled++;
        yield '{"model": "dpo", "ability": "coding"}';
      })(),
      env: {},
    });
    expect({ code, stdout, pulled }).toEqual({ code: 2, stdout: "", pulled: 0 });
    expect(stderr).toContain("unknown field 'presence' (did you mean present?)");
  });
});

describe("trace --batch writes", () => {
  it("answers the lines one read brings in one write, and the next read's in the next", async () => {
    const writes: string[] = [];
    const q = '{"model": "dpo", "ability": "coding"}\n';
    const code = await run(["--lineage", SMALL, "trace", "--batch", "--fields", "model"], {
      stdout: { write: (s: string) => writes.push(s) },
      stderr: { write: () => true },
      stdinStream: (async function* () {
        yield q + q + '{"model": "sft", "ab';
        yield 'ility": "coding"}\n' + q;
      })(),
      env: {},
    });
    expect(code).toBe(0);
    expect(writes).toEqual(['{"model":"dpo"}\n{"model":"dpo"}\n', '{"model":"sft"}\n{"model":"dpo"}\n']);
  });
});

describe("splitLineGroups", () => {
  it("yields the lines each chunk completes together, and a last line without a newline", async () => {
    const groups: string[][] = [];
    for await (const g of splitLineGroups(["a\nb", "c\n\nd", "é\n", Buffer.from("tail")])) groups.push(g);
    expect(groups).toEqual([["a"], ["bc", ""], ["dé"], ["tail"]]);
  });

  it("yields the lines before a line past the limit, then refuses it by its number", async () => {
    const groups = splitLineGroups([`ok\nfine\n${"x".repeat(MAX_BATCH_LINE_BYTES + 1)}\n`]);
    expect((await groups.next()).value).toEqual(["ok", "fine"]);
    await expect(groups.next()).rejects.toThrow(`input line 3 is longer than ${MAX_BATCH_LINE_BYTES / 1024} KiB`);
  });
});
