// A valid YAML lineage with warnings is not parsed a second time whole: each warning's entry is parsed alone.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import type * as ParseYaml from "../../src/load/parse-yaml.js";

vi.mock("../../src/load/parse-yaml.js", async (importOriginal) => {
  const real = await importOriginal<typeof ParseYaml>();
  return { ...real, parseText: vi.fn(real.parseText) };
});

const { parseText } = await import("../../src/load/parse-yaml.js");
const { loadLineageText } = await import("../../src/load/load-lineage.js");
const SMALL = readFileSync(fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url)), "utf8");

/** The small lineage with its first step's kind changed to one outside the vocabulary (a warning). */
function withOddKind(): { text: string; line: number; column: number } {
  const lines = SMALL.split("\n");
  const at = lines.findIndex((l) => /^\s+kind: /.test(l));
  const column = lines[at]!.indexOf("kind: ") + "kind: ".length + 1;
  lines[at] = lines[at]!.replace(/kind: .*/, "kind: odd-training-kind");
  return { text: lines.join("\n"), line: at + 1, column };
}

describe("locating the problems of a YAML lineage read by the fast path", () => {
  it("places warnings by parsing only their entries again, at the same line and column", () => {
    const { text, line, column } = withOddKind();
    vi.mocked(parseText).mockClear();
    const r = loadLineageText(text, "odd.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const warning = r.warnings.find((w) => w.message.includes("odd-training-kind"));
    expect(warning).toMatchObject({ line, column, severity: "warning" });
    const whole = vi.mocked(parseText).mock.calls.filter(([, t]) => t === text);
    expect(whole).toEqual([]);
  });

  it("parses the whole file again with positions for an error", () => {
    const text = SMALL.replace(/confidence: established/, "confidence: certain");
    vi.mocked(parseText).mockClear();
    const r = loadLineageText(text, "bad.yaml");
    expect(r.ok).toBe(false);
    expect(vi.mocked(parseText).mock.calls.some(([, t]) => t === text)).toBe(true);
  });
});
