import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outputWidth } from "../../src/cli/width.js";
import { PLAIN, RENDERERS } from "../../src/render/index.js";
import { cli } from "../support/run-cli.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
afterEach(() => vi.restoreAllMocks());

describe("the output width", () => {
  it("is --width, else COLUMNS, else the terminal's, else 80; 0 is no wrapping", () => {
    const tty = { write: () => true, isTTY: true, columns: 132 };
    const pipe = { write: () => true };
    expect(outputWidth(60, { COLUMNS: "100" }, tty)).toBe(60);
    expect(outputWidth(undefined, { COLUMNS: "100" }, tty)).toBe(100);
    expect(outputWidth(undefined, {}, tty)).toBe(132);
    expect(outputWidth(undefined, {}, pipe)).toBe(80);
    expect(outputWidth(undefined, { COLUMNS: "wide" }, pipe)).toBe(80);
    expect(outputWidth(0, { COLUMNS: "100" }, tty)).toBe(0);
  });

  it("--width takes a whole number only", async () => {
    const r = await cli(["--width", "-3", "list", "models"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "captrace: option '--width <n>' argument '-3' is invalid. must be a whole number (0 or more)\n",
    );
  });
});

describe("the render options a command passes", () => {
  it("carry the width and, with --evidence or -v, detail", async () => {
    const text = vi.spyOn(RENDERERS.trace, "text");
    await cli(["--lineage", SMALL, "--width", "100", "trace", "dpo", "coding"]);
    expect(text.mock.calls[0]![1]).toMatchObject({ width: 100, detail: false, painter: PLAIN });
    await cli(["--lineage", SMALL, "trace", "dpo", "coding", "-v"], { env: { COLUMNS: "90" } });
    expect(text.mock.calls[1]![1]).toMatchObject({ width: 90, detail: true });
    await cli(["--lineage", SMALL, "--width", "0", "trace", "dpo", "coding", "--evidence"], {
      tty: true,
      columns: 120,
    });
    expect(text.mock.calls[2]![1]).toMatchObject({ width: 0, detail: true });
    const show = vi.spyOn(RENDERERS.show, "text");
    await cli(["--lineage", SMALL, "show", "dpo", "--evidence"], {
      tty: true,
      columns: 120,
      env: { FORCE_COLOR: "3" },
    });
    const opts = show.mock.calls[0]![1] as unknown as { width: number; detail: boolean; painter?: { level: number } };
    expect(opts).toMatchObject({ width: 120, detail: true });
    expect(opts.painter?.level).toBe(3);
  });
});
