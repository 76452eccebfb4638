import { describe, expect, it } from "vitest";
import { TreeOut } from "../../src/contract.js";
import { tree } from "../../src/query/tree.js";
import { buildGraph } from "../../src/graph/build-graph.js";
import { graphOf, lineageFile } from "../support/build.js";

const g = graphOf([
  ["pre", [], "base", [["x", "introduced"]]],
  ["code", ["base"], "coder", []],
  ["inst", ["base"], "teacher", []],
  ["merge", ["coder", "teacher"], "merged", [["x", "strengthened"]]],
  ["sft", ["merged"], "chat", []],
]);
const stepOf = (r: ReturnType<typeof tree>) => Object.fromEntries(r.lines.map((l) => [l.model, l.step]));

describe("tree", () => {
  it("puts on each line the step that made its model, walking up", () => {
    const up = TreeOut.parse(tree(g, { model: "chat" }));
    expect(up.lines.map((l) => l.model)).toEqual(["chat", "merged", "coder", "base", "teacher", "base"]);
    expect(stepOf(up)).toEqual({ chat: "sft", merged: "merge", coder: "code", teacher: "inst", base: "pre" });
  });

  it("means the same by a line's step walking down and over the whole lineage", () => {
    const down = tree(g, { model: "base", direction: "descendants" });
    const all = tree(g);
    expect(stepOf(down)).toEqual(stepOf(tree(g, { model: "chat" })));
    expect(stepOf(all)).toEqual(stepOf(down));
  });

  it("marks a model reached twice as repeated and cuts at a depth", () => {
    const down = tree(g, { model: "base", direction: "descendants" });
    expect(down.lines.filter((l) => l.repeated).map((l) => l.model)).toEqual(["merged"]);
    const cut = tree(g, { model: "chat", depth: 1 });
    expect(cut.lines.map((l) => [l.model, l.cut])).toEqual([
      ["chat", false],
      ["merged", true],
    ]);
  });

  it("gives an ability's state on each line when asked", () => {
    const r = tree(g, { model: "chat", ability: "x" });
    expect(r.lines.map((l) => l.state)).toEqual([
      "strengthened",
      "strengthened",
      "introduced",
      "introduced",
      "introduced",
      "introduced",
    ]);
  });

  it("gives the size of the change that left each state", () => {
    const file = lineageFile([
      ["pre", [], "base", [["x", "introduced"]]],
      ["tune", ["base"], "tuned", [["x", "weakened"]]],
      ["cut", ["tuned"], "small", []],
    ]);
    file.steps[1]!.claims[0]!.size = "great"; // the claim tuples carry no size: set it as a file would
    const sized = buildGraph(file);
    const r = TreeOut.parse(tree(sized, { model: "small", ability: "x" }));
    expect(r.lines.map((l) => [l.model, l.state, l.size])).toEqual([
      ["small", "weakened", "great"],
      ["tuned", "weakened", "great"],
      ["base", "introduced", "normal"],
    ]);
    expect(tree(sized, { model: "small" }).lines.every((l) => l.size === null)).toBe(true);
  });
});
