import { describe, expect, it } from "vitest";
import { TraceOut } from "../../src/contract.js";
import { UnknownNameError } from "../../src/graph/names.js";
import { trace } from "../../src/query/trace.js";
import { graphOf } from "../support/build.js";

describe("trace", () => {
  const chain = graphOf([
    ["pre", [], "a", [["x", "introduced", "likely"]]],
    ["tune", ["a"], "b", [["x", "strengthened", "hypothesis"]], "likely"],
    ["rl", ["b"], "c", []],
  ]);

  it("follows a chain: introducer, later changes, path and weakest-link confidence", () => {
    const r = trace(chain, { model: "c", ability: "x" });
    expect(TraceOut.parse(r)).toEqual(r);
    expect(r.present).toBe(true);
    expect(r.state).toBe("strengthened");
    expect(r.introducedBy?.step).toBe("pre");
    expect(r.history.map((h) => [h.step, h.effect])).toEqual([
      ["pre", "introduced"],
      ["tune", "strengthened"],
    ]);
    expect(r.path).toEqual(["a", "b", "c"]);
    expect(r.confidence).toBe("hypothesis");
    expect(r.agreement).toBe(true);
    expect(r.parentage.map((p) => p.step)).toEqual(["pre", "tune", "rl"]);
  });

  it("rates confidence by the least sure parentage since the ability was given", () => {
    const g = graphOf([
      ["pre", [], "a", [], "speculative"],
      ["code", ["a"], "b", [["x", "introduced"]]],
      ["sft", ["b"], "c", [], "likely"],
    ]);
    // The uncertain root parentage comes before the introduction, so it does not weaken the answer.
    expect(trace(g, { model: "c", ability: "x" }).confidence).toBe("likely");
  });

  it("answers absent, with exit-worthy present=false, and names models elsewhere that have it", () => {
    const g = graphOf([
      ["pre", [], "a", []],
      ["left", ["a"], "b", [["x", "introduced"]]],
      ["right", ["a"], "c", []],
    ]);
    const r = trace(g, { model: "c", ability: "x" });
    expect(r.present).toBe(false);
    expect(r.state).toBe("absent");
    expect(r.introducedBy).toBeNull();
    expect(r.elsewhere).toEqual([{ model: "b", state: "introduced" }]);
    expect(r.elsewhereTotal).toBe(1);
  });

  it("treats lost as not present and restored as present", () => {
    const g = graphOf([
      ["pre", [], "a", [["x", "introduced"]]],
      ["drop", ["a"], "b", [["x", "lost", "likely"]]],
      ["back", ["b"], "c", [["x", "restored", "hypothesis"]]],
    ]);
    expect(trace(g, { model: "b", ability: "x" })).toMatchObject({ present: false, state: "lost" });
    const c = trace(g, { model: "c", ability: "x" });
    expect(c).toMatchObject({ present: true, state: "restored", confidence: "hypothesis" });
    expect(c.introducedBy?.step).toBe("pre");
  });

  it("inherits from each parent of a merge and says when paths disagree", () => {
    const g = graphOf([
      ["pre", [], "a", []],
      ["code", ["a"], "b", [["x", "introduced", "likely"]]],
      ["inst", ["a"], "c", []],
      ["merge", ["b", "c"], "d", []],
    ]);
    const r = trace(g, { model: "d", ability: "x" });
    expect(r.present).toBe(true);
    expect(r.agreement).toBe(false);
    expect(r.readings.map((x) => x.state)).toEqual(["introduced", "absent"]);
    expect(r.path).toEqual(["a", "b", "d"]);
    expect(r.readings[1]!.path).toEqual(["a", "c", "d"]);
  });

  it("lets a claim on the merging step override what the parents bring", () => {
    const g = graphOf([
      ["pre", [], "a", [["x", "introduced"]]],
      ["l", ["a"], "b", [["x", "weakened"]]],
      ["r", ["a"], "c", []],
      ["merge", ["b", "c"], "d", [["x", "strengthened", "likely"]]],
    ]);
    const r = trace(g, { model: "d", ability: "x" });
    expect(r.state).toBe("strengthened");
    expect(r.agreement).toBe(true);
  });

  it("collapses a diamond repeated 20 levels deep instead of enumerating its million paths", () => {
    const steps: Parameters<typeof graphOf>[0] = [["pre", [], "m0", [["x", "introduced"]]]];
    for (let i = 0; i < 20; i++) {
      steps.push(
        [`l${i}`, [`m${i}`], `l${i}`, []],
        [`r${i}`, [`m${i}`], `r${i}`, []],
        [`j${i}`, [`l${i}`, `r${i}`], `m${i + 1}`, []],
      );
    }
    const r = trace(graphOf(steps), { model: "m20", ability: "x" });
    expect(r).toMatchObject({ present: true, agreement: true, truncated: false });
    expect(r.readings).toHaveLength(1);
    expect(r.path).toHaveLength(41);
  });

  it("inherits through a wide merge of 1,000 parents", () => {
    const steps: Parameters<typeof graphOf>[0] = [["pre", [], "root", []]];
    const parents: string[] = [];
    for (let i = 0; i < 1000; i++) {
      steps.push([`b${i}`, ["root"], `p${i}`, i === 999 ? [["x", "introduced", "likely"]] : []]);
      parents.push(`p${i}`);
    }
    steps.push(["merge", parents, "wide", []]);
    const r = trace(graphOf(steps), { model: "wide", ability: "x" });
    expect(r).toMatchObject({ present: true, state: "introduced", agreement: false, confidence: "likely" });
    expect(r.path).toEqual(["root", "p999", "wide"]);
    expect(r.readings.map((x) => x.state)).toEqual(["introduced", "absent"]);
  });

  it("walks a chain of 100,000 steps without recursion", () => {
    const steps: Parameters<typeof graphOf>[0] = [["s0", [], "m0", [["x", "introduced"]]]];
    for (let i = 1; i < 100_000; i++)
      steps.push([`s${i}`, [`m${i - 1}`], `m${i}`, i === 99_999 ? [["x", "weakened"]] : []]);
    const r = trace(graphOf(steps), { model: "m99999", ability: "x" });
    expect(r.state).toBe("weakened");
    expect(r.path).toHaveLength(100_000);
  });

  it("resolves ids and aliases case-insensitively and suggests the nearest name for a typo", () => {
    const g = graphOf([["pre", [], "text-davinci-003", [["chain-of-thought", "introduced"]]]], {});
    expect(trace(g, { model: "TEXT-DAVINCI-003", ability: "Chain-Of-Thought" }).present).toBe(true);
    expect(() => trace(g, { model: "text-davinci-04", ability: "chain-of-thought" })).toThrow(
      new UnknownNameError("unknown model 'text-davinci-04' (did you mean text-davinci-003?)"),
    );
    expect(() => trace(g, { model: "chain-of-thought", ability: "chain-of-thought" })).toThrow(
      "'chain-of-thought' is an ability, not a model",
    );
  });
});

describe("trace through a merge whose step strengthens", () => {
  it("rests the answer on a reading that says where the ability came from", () => {
    const g = graphOf([
      ["pre", [], "a", []],
      ["inst", ["a"], "b", []],
      ["code", ["a"], "c", [["x", "introduced", "hypothesis"]]],
      ["merge", ["b", "c"], "d", [["x", "strengthened", "established"]]],
    ]);
    const r = trace(g, { model: "d", ability: "x" });
    expect(r.introducedBy?.step).toBe("code");
    expect(r.path).toEqual(["a", "c", "d"]);
    expect(r.agreement).toBe(true);
  });
});

describe("trace and recorded absences", () => {
  const g = graphOf(
    [
      ["pre", [], "a", []],
      ["tune", ["a"], "b", []],
      ["code", ["a"], "c", [["x", "introduced"]]],
    ],
    {
      models: {
        a: {
          name: "A",
          lacks: [{ ability: "x", confidence: "likely", evidence: [{ source: "src", at: "§6" }], note: "not yet" }],
        },
        b: { name: "B" },
        c: { name: "C" },
      },
    },
  );

  it("explains an absence with the nearest records on the ancestry", () => {
    const r = trace(g, { model: "b", ability: "x" });
    expect(r.present).toBe(false);
    expect(r.lacks).toEqual([
      {
        model: "a",
        confidence: "likely",
        note: "not yet",
        evidence: [{ source: "src", title: "Source", at: "§6", note: null }],
      },
    ]);
  });

  it("shows no absence records when the ability is present", () => {
    expect(trace(g, { model: "c", ability: "x" }).lacks).toEqual([]);
  });
});

describe("trace with its arguments swapped", () => {
  it("says the model comes first", () => {
    const g = graphOf([["pre", [], "base", [["gen", "introduced"]]]]);
    expect(() => trace(g, { model: "gen", ability: "base" })).toThrow(
      "'gen' is an ability and 'base' a model: the model comes first (trace base gen)",
    );
    expect(() => trace(g, { model: "gen", ability: "nope" })).toThrow("'gen' is an ability, not a model");
  });
});
