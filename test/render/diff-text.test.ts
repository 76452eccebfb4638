import { describe, expect, it } from "vitest";
import { renderDiffText } from "../../src/render/diff-text.js";
import { DEFAULT_RENDER_OPTIONS } from "../../src/render/options.js";
import { diffOf } from "./results.js";

/** The lines of a rendered table, from its top rule to its bottom one. */
function tableLines(text: string): string[] {
  const lines = text.split("\n");
  return lines.slice(
    lines.findIndex((l) => l.startsWith("┌")),
    lines.findIndex((l) => l.startsWith("└")) + 1,
  );
}

describe("renderDiffText", () => {
  it.each([3, 1001])("keeps every line of a %i-change table inside its box (two-line 'explained by' cells)", (n) => {
    const lines = tableLines(renderDiffText(diffOf(n), { ...DEFAULT_RENDER_OPTIONS, width: 0 }));
    expect(lines.length).toBeGreaterThan(3 * n);
    for (const l of lines) {
      expect(l).toMatch(/^[│├┌└].*[│┤┐┘]$/);
      expect(l.length).toBe(lines[0]!.length);
    }
  });
});
