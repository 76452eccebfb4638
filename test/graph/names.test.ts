import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../src/graph/build-graph.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { resolve } from "../../src/graph/names.js";

const file = fileURLToPath(new URL("../../lineage.yaml", import.meta.url));
const loaded = loadLineageText(readFileSync(file, "utf8"), file);
if (!loaded.ok) throw new Error("the embedded lineage is invalid");
const graph = buildGraph(loaded.lineage, loaded.order);

const message = (kind: "model" | "ability", name: string) => {
  try {
    return resolve(graph, kind, name);
  } catch (error) {
    return (error as Error).message;
  }
};

describe("resolve", () => {
  it("resolves ids exactly, and ids and aliases ignoring case", () => {
    expect(message("model", "code-davinci-002")).toBe("code-davinci-002");
    expect(message("model", "ChatGPT")).toBe("chatgpt");
    expect(message("ability", "CoT")).toBe("chain-of-thought");
  });

  it("resolves an alias as it looks: Unicode normalisation, compatibility forms and invisible characters ignored", () => {
    const small = readFileSync(fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url)), "utf8");
    const text = small.replace("aliases: [Base-1]", "aliases: [Base-1, Caf\u00e9-GPT]");
    const own = loadLineageText(text, "small.yaml");
    if (!own.ok) throw new Error(own.problems.map((p) => p.message).join("; "));
    const g = buildGraph(own.lineage, own.order);
    expect(resolve(g, "model", "Caf\u00e9-GPT")).toBe("base");
    expect(resolve(g, "model", "CAFE\u0301-gpt")).toBe("base"); // NFD, upper case
    expect(resolve(g, "model", "Caf\u00e9\u200b-GPT")).toBe("base"); // a zero-width space inside
    expect(resolve(g, "model", "\uff23af\u00e9-GPT")).toBe("base"); // a full-width C
    expect(() => resolve(g, "model", "Cafe-GPT")).toThrow(/unknown model 'Cafe-GPT'/);
  });

  it("suggests for a misspelt name the same way each time it is asked, per kind", () => {
    const first = message("model", "text-davinc-003");
    expect(first).toBe("unknown model 'text-davinc-003' (did you mean text-davinci-003?)");
    expect(message("model", "text-davinc-003")).toBe(first);
    expect(message("ability", "text-davinci-04")).toBe("unknown ability 'text-davinci-04'");
    expect(message("ability", "chain-of-thougt")).toBe(
      "unknown ability 'chain-of-thougt' (did you mean chain-of-thought?)",
    );
    expect(message("ability", "chatgpt")).toBe("'chatgpt' is a model, not an ability");
  });
});
