import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "../../src/graph/build-graph.js";
import { loadLineage } from "../../src/index.js";
import { diff } from "../../src/query/diff.js";
import { list } from "../../src/query/list.js";
import { matrix } from "../../src/query/matrix.js";
import { roadmap } from "../../src/query/roadmap.js";
import { show, showAny } from "../../src/query/show.js";
import { summary } from "../../src/query/summary.js";
import { trace } from "../../src/query/trace.js";
import { tree } from "../../src/query/tree.js";
import { PLAIN, render, type RenderOptions } from "../../src/render/index.js";

let graph: LineageGraph;
beforeAll(async () => {
  graph = await loadLineage();
});

/** Every text rendering of the embedded lineage's results, built by the query functions. */
const CASES: Record<string, (o: RenderOptions) => string> = {
  "trace code-davinci-002 chain-of-thought": (o) =>
    render("trace", "text", trace(graph, { model: "code-davinci-002", ability: "chain-of-thought" }), o),
  "trace chatgpt retrieval": (o) =>
    render("trace", "text", trace(graph, { model: "chatgpt", ability: "retrieval" }), o),
  "trace chatgpt in-context-learning": (o) =>
    render("trace", "text", trace(graph, { model: "chatgpt", ability: "in-context-learning" }), o),
  "diff text-davinci-002 text-davinci-003": (o) =>
    render("diff", "text", diff(graph, { from: "text-davinci-002", to: "text-davinci-003" }), o),
  "diff code-davinci-002 chatgpt": (o) =>
    render("diff", "text", diff(graph, { from: "code-davinci-002", to: "chatgpt" }), o),
  "show chatgpt": (o) => render("show", "text", show(graph, "chatgpt"), o),
  "show davinci": (o) => render("show", "text", show(graph, "davinci"), o),
  "show chain-of-thought": (o) => render("show", "text", show(graph, "chain-of-thought"), o),
  "show merge-code-davinci-002 (a step)": (o) => render("show", "text", showAny(graph, "merge-code-davinci-002"), o),
  "show fu2022gptroadmap (a source)": (o) => render("show", "text", showAny(graph, "fu2022gptroadmap"), o),
  "trace code-davinci-002 chain-of-thought --reading merge-code-davinci-002=1": (o) =>
    render(
      "trace",
      "text",
      trace(graph, {
        model: "code-davinci-002",
        ability: "chain-of-thought",
        reading: { "merge-code-davinci-002": 1 },
      }),
      o,
    ),
  "diff text-davinci-003 chatgpt": (o) =>
    render("diff", "text", diff(graph, { from: "text-davinci-003", to: "chatgpt" }), o),
  "tree chatgpt": (o) => render("tree", "text", tree(graph, { model: "chatgpt" }), o),
  "matrix --changes": (o) => render("matrix", "table", matrix(graph, { changes: true }), o),
  summary: (o) => render("summary", "text", summary(graph), o),
  "list models": (o) => render("list", "text", list(graph, "models"), o),
  "list abilities": (o) => render("list", "text", list(graph, "abilities"), o),
  "list steps": (o) => render("list", "text", list(graph, "steps"), o),
  "list sources": (o) => render("list", "text", list(graph, "sources"), o),
  tree: (o) => render("tree", "text", tree(graph), o),
  "tree chatgpt --ability in-context-learning --charset ascii": (o) =>
    render("tree", "text", tree(graph, { model: "chatgpt", ability: "in-context-learning" }), {
      ...o,
      charset: "ascii",
    }),
  matrix: (o) => render("matrix", "table", matrix(graph), o),
  "roadmap chatgpt": (o) => render("roadmap", "text", roadmap(graph, "chatgpt"), o),
};

const options = (width: number, detail = false): RenderOptions => ({ painter: PLAIN, width, detail });
const widest = (text: string) => Math.max(...text.split("\n").map((l) => stringWidth(l)));

describe.each(Object.keys(CASES))("%s", (name) => {
  const draw = CASES[name]!;

  it.each([false, true])("has no line over 80 columns at width 80 (detail: %s)", (detail) => {
    expect(widest(draw(options(80, detail)))).toBeLessThanOrEqual(80);
  });

  it.each([false, true])("uses the room at width 120 (detail: %s)", (detail) => {
    const natural = widest(draw(options(0, detail)));
    const at120 = draw(options(120, detail));
    expect(widest(at120)).toBeLessThanOrEqual(120);
    // What fits in 120 is drawn as if there were no limit; what does not fills more than 100 of them.
    if (natural <= 120) expect(at120).toBe(draw(options(0, detail)));
    else expect(widest(at120)).toBeGreaterThan(100);
  });
});

describe("the answer first, the detail on request", () => {
  it("traces code-davinci-002's chain-of-thought in at most 20 lines at 80 columns, and all of it in detail", () => {
    const r = trace(graph, { model: "code-davinci-002", ability: "chain-of-thought" });
    const short = render("trace", "text", r, options(80));
    expect(short.trimEnd().split("\n").length).toBeLessThanOrEqual(20);
    expect(short.split("\n\n")[0]!.replace(/\n\s+/g, " ")).toMatch(
      /^chain-of-thought in code-davinci-002: present, greatly strengthened; introduced by/,
    );
    // One line per step that changed it: change, step id, confidence (and how it came when that differs), the ids of its sources.
    for (const e of [...r.origins, ...r.history]) expect(short.replace(/\n\s+/g, " ")).toContain(`${e.change} by`);
    for (const e of [...r.origins, ...r.history]) {
      const sources = [...new Set(e.evidence.map((x) => x.source))].join(", ");
      const how = e.attribution === e.confidence ? "" : `; how: ${e.attribution}`;
      expect(short.replace(/\n\s+/g, " ")).toContain(`[${e.step}]: ${e.confidence}${how}; ${sources}`);
    }
    const full = render("trace", "text", r, options(0, true));
    const notes = [
      ...r.history.flatMap((e) => [e.note, ...e.evidence.map((x) => x.note)]),
      ...r.parentage.flatMap((p) => p.alternatives.map((a) => a.note)),
    ];
    for (const note of notes.filter((n): n is string => n !== null)) {
      expect(full).toContain(note);
      expect(short).not.toContain(note);
    }
  });

  it("prints a note repeated across records once (trace chatgpt retrieval)", () => {
    for (const detail of [false, true]) {
      const text = render(
        "trace",
        "text",
        trace(graph, { model: "chatgpt", ability: "retrieval" }),
        options(0, detail),
      );
      expect(text.match(/WebGPT had already tested retrieval/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(text.match(/cannot \(for now\) search the internet/g)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });

  it("shows a model's card briefly by default and its parentage evidence in detail", () => {
    const r = show(graph, "chatgpt");
    if (r.kind !== "model") throw new Error("chatgpt is a model");
    const short = render("show", "text", r, options(80));
    const full = render("show", "text", r, options(80, true));
    for (const e of r.madeBy!.evidence.filter((x) => x.note)) expect(full.replace(/\n\s+/g, " ")).toContain(e.note!);
    expect(short).not.toContain("alternative reading");
    expect(full).toContain("alternative reading");
    expect(short.split("\n").length).toBeLessThan(full.split("\n").length);
  });

  it("lists an ability's claims under show ABILITY", () => {
    const r = show(graph, "chain-of-thought");
    if (r.kind !== "ability") throw new Error("chain-of-thought is an ability");
    const text = render("show", "text", r, options(0));
    for (const e of r.claims) expect(text).toContain(`[${e.step}]`);
  });
});
