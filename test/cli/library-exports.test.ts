/** Every query the CLI runs is in the library too (issue 13), and answers the same as the command. */
import { describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { cli } from "../support/run-cli.js";

describe("the library has every query of the CLI", () => {
  it("exports trace, diff, show (any kind), list, tree, matrix, graph, roadmap, summary and the readings parser", () => {
    for (const name of [
      "trace",
      "diff",
      "show",
      "showAny",
      "showModel",
      "showAbility",
      "showStep",
      "showSource",
      "list",
      "tree",
      "matrix",
      "graphView",
      "roadmap",
      "summary",
      "parseReading",
      "validate",
    ] as const) {
      expect(typeof lib[name], name).toBe("function");
    }
  });

  it("answers summary, show STEP and a trace under a reading as the CLI does", async () => {
    const graph = await lib.loadLineage();
    expect(JSON.parse((await cli(["summary", "--json"])).stdout)).toEqual(lib.summary(graph));
    expect(JSON.parse((await cli(["show", "rlhf-chatgpt", "--json"])).stdout)).toEqual(
      lib.showAny(graph, "rlhf-chatgpt"),
    );
    const reading: lib.ReadingChoice = lib.parseReading("rlhf-chatgpt=1");
    expect(
      JSON.parse((await cli(["trace", "chatgpt", "icl", "--reading", "rlhf-chatgpt=1", "--json"])).stdout),
    ).toEqual(lib.trace(graph, { model: "chatgpt", ability: "icl", reading }));
  });
});
