import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiffOut, ListOut, ShowAbilityOut, ShowModelOut, TraceOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}/lineage.yaml`, import.meta.url));

/** Per lineage: the queries people run most, each with its expected exit code. */
const CASES: Record<string, { lineage?: string; queries: Record<string, [args: string[], code: number]> }> = {
  embedded: {
    queries: {
      "trace-cot.txt": [["trace", "code-davinci-002", "chain-of-thought"], 0],
      "trace-cot.json": [["trace", "code-davinci-002", "cot", "--json"], 0],
      "trace-retrieval-absent.txt": [["trace", "ChatGPT", "retrieval"], 1],
      "trace-icl-chatgpt.txt": [["trace", "chatgpt", "icl"], 0],
      "diff-002-003.txt": [["diff", "text-davinci-002", "text-davinci-003"], 0],
      "diff-002-003.json": [["diff", "text-davinci-002", "text-davinci-003", "--json"], 0],
      "diff-003-chatgpt.txt": [["diff", "text-davinci-003", "chatgpt"], 0],
      "show-chatgpt.txt": [["show", "chatgpt"], 0],
      "show-davinci.txt": [["show", "gpt-3"], 0],
      "show-cot.txt": [["show", "cot"], 0],
      "list-models.txt": [["list", "models"], 0],
      "list-abilities.txt": [["list", "abilities"], 0],
      "list-steps.txt": [["list", "steps"], 0],
      "list-sources.txt": [["list", "sources"], 0],
    },
  },
  small: {
    lineage: fixture("small"),
    queries: {
      "trace-restored.txt": [["trace", "dpo", "coding"], 0],
      "trace-merge-disagree.txt": [["trace", "merged", "fluency"], 0],
      "diff-siblings.txt": [["diff", "coder", "sft"], 0],
      "show-merged.txt": [["show", "merged"], 0],
    },
  },
  diamond: {
    lineage: fixture("diamond"),
    queries: {
      "trace-top.txt": [["trace", "top", "gsm"], 0],
      "trace-top.json": [["trace", "top", "math", "--json"], 0],
      "show-top.txt": [["show", "top"], 0],
    },
  },
};

describe.each(Object.keys(CASES))("queries on the %s lineage", (name) => {
  const { lineage, queries } = CASES[name]!;
  it.each(Object.keys(queries))("%s matches its golden file", async (file) => {
    const [args, code] = queries[file]!;
    const r = await cli(lineage ? ["--lineage", lineage, ...args] : args);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(code);
    if (file.endsWith(".json")) {
      const doc = JSON.parse(r.stdout) as { schemaVersion: number };
      (args[0] === "trace" ? TraceOut : DiffOut).parse(doc);
    }
    await expect(r.stdout).toMatchFileSnapshot(`golden/${name}/${file}`);
  });
});

describe("every query's --json on the embedded lineage satisfies the contract", () => {
  it("for every model and ability", async () => {
    const models = ListOut.parse(JSON.parse((await cli(["list", "models", "--json"])).stdout));
    const abilities = ListOut.parse(JSON.parse((await cli(["list", "abilities", "--json"])).stdout));
    for (const m of models.items) {
      ShowModelOut.parse(JSON.parse((await cli(["show", m.id, "--json"])).stdout));
      for (const a of abilities.items) {
        const r = await cli(["trace", m.id, a.id, "--json"]);
        const t = TraceOut.parse(JSON.parse(r.stdout));
        expect(r.code).toBe(t.present ? 0 : 1);
      }
    }
    for (const a of abilities.items) ShowAbilityOut.parse(JSON.parse((await cli(["show", a.id, "--json"])).stdout));
  });
});
