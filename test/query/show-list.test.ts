import { describe, expect, it } from "vitest";
import { ListOut, ShowAbilityOut, ShowModelOut } from "../../src/contract.js";
import { list } from "../../src/query/list.js";
import { show } from "../../src/query/show.js";
import { graphOf } from "../support/build.js";

const g = graphOf(
  [
    ["pre", [], "base", [["gen", "introduced"]]],
    ["code", ["base"], "coder", [["code", "introduced", "likely"]], "likely"],
  ],
  {
    models: {
      base: {
        name: "Base",
        aliases: ["b0"],
        params: "7B",
        context: 2048,
        lacks: [{ ability: "code", confidence: "likely", evidence: [{ source: "src" }] }],
      },
      coder: { name: "Coder" },
    },
  },
);

describe("show", () => {
  it("gives a model's card with every ability's state", () => {
    const r = show(g, "B0");
    expect(ShowModelOut.parse(r)).toEqual(r);
    if (r.kind !== "model") throw new Error("expected a model");
    expect(r).toMatchObject({ id: "base", params: "7B", context: 2048, parents: [], children: ["coder"] });
    expect(r.abilities.map((a) => [a.ability, a.state, a.lacked])).toEqual([
      ["gen", "introduced", false],
      ["code", "absent", true],
    ]);
  });

  it("gives every model's state for an ability", () => {
    const r = show(g, "code");
    expect(ShowAbilityOut.parse(r)).toEqual(r);
    if (r.kind !== "ability") throw new Error("expected an ability");
    expect(r.models.map((m) => [m.model, m.state, m.confidence])).toEqual([
      ["base", "absent", null],
      ["coder", "introduced", "likely"],
    ]);
    expect(r.claims.map((c) => c.step)).toEqual(["code"]);
  });

  it("refuses an unknown name with a suggestion", () => {
    expect(() => show(g, "codr")).toThrow("unknown model, ability, step or source 'codr' (did you mean coder?)");
  });
});

describe("list", () => {
  it("lists models, abilities, steps and sources as contract rows", () => {
    for (const what of ["models", "abilities", "steps", "sources"] as const) {
      const r = list(g, what);
      expect(ListOut.parse(r)).toEqual(r);
    }
    expect(list(g, "models").items.map((m) => m.id)).toEqual(["base", "coder"]);
    expect(list(g, "abilities").items).toEqual([
      { id: "gen", name: "Ability gen", aliases: [], claims: 1, models: 2 },
      { id: "code", name: "Ability code", aliases: [], claims: 1, models: 1 },
    ]);
    expect(list(g, "sources").items[0]).toMatchObject({ id: "src", cited: 3 });
  });
});
