/** `tree --ability` through the CLI on the embedded lineage: each mark carries its size, as show and trace say it. */
import { describe, expect, it } from "vitest";
import { TreeOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

describe("tree --ability", () => {
  it("marks ChatGPT's in-context learning greatly weakened (--), as show chatgpt does", async () => {
    const text = await cli(["tree", "chatgpt", "--ability", "in-context-learning"]);
    expect(text.code).toBe(0);
    const first = text.stdout.split("\n")[0]!;
    expect(first).toMatch(/^chatgpt\b.* -- greatly weakened$/);
    const show = await cli(["show", "chatgpt"]);
    expect(show.stdout).toMatch(/│ -- +│ in-context-learning +│ greatly weakened /);
  });

  it("gives the size in JSON", async () => {
    const r = TreeOut.parse(JSON.parse((await cli(["--json", "tree", "chatgpt", "--ability", "icl"])).stdout));
    const top = r.lines[0]!;
    expect([top.model, top.state, top.size]).toEqual(["chatgpt", "weakened", "great"]);
    expect(r.lines.filter((l) => l.state !== "absent").every((l) => l.size !== null)).toBe(true);
  });
});
