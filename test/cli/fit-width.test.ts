/**
 * Every command's text output on the embedded lineage, through the CLI as a user runs it (issue 13): at
 * COLUMNS=80 no line is over 80 columns; at COLUMNS=120 none is over 120, and output too wide for 80 uses
 * more than 100 of them. Help of every command is held to 80 by usage-errors.test.ts.
 */
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { cli } from "../support/run-cli.js";

const COMMANDS: string[][] = [
  ["trace", "code-davinci-002", "chain-of-thought"],
  ["trace", "code-davinci-002", "chain-of-thought", "--evidence"],
  ["trace", "chatgpt", "in-context-learning"],
  ["trace", "chatgpt", "retrieval"],
  ["trace", "code-davinci-002", "chain-of-thought", "--reading", "merge-code-davinci-002=1"],
  ["diff", "text-davinci-002", "text-davinci-003"],
  ["diff", "code-davinci-002", "chatgpt", "--evidence"],
  ["show", "chatgpt"],
  ["show", "chain-of-thought"],
  ["show", "sft-text-davinci-002"],
  ["show", "fu2022gptroadmap"],
  ["show", "fu2022gptroadmap", "--evidence"],
  ["list", "models"],
  ["list", "abilities"],
  ["list", "steps"],
  ["list", "sources"],
  ["tree"],
  ["tree", "chatgpt", "--ability", "in-context-learning"],
  ["matrix"],
  ["matrix", "--changes"],
  ["summary"],
  ["roadmap", "chatgpt"],
];

const widest = (text: string) => Math.max(0, ...text.split("\n").map((l) => stringWidth(l)));

describe.each(COMMANDS.map((c) => [c.join(" "), c] as const))("captrace %s", (_name, args) => {
  it("fits 80 columns at COLUMNS=80, and uses the room at COLUMNS=120", async () => {
    const at80 = await cli(args, { env: { COLUMNS: "80" } });
    expect(at80.stderr).toBe("");
    expect(at80.stdout.length).toBeGreaterThan(0);
    expect(widest(at80.stdout)).toBeLessThanOrEqual(80);
    const at120 = await cli(args, { env: { COLUMNS: "120" } });
    const natural = await cli(args, { env: { COLUMNS: "0" } });
    expect(widest(at120.stdout)).toBeLessThanOrEqual(120);
    if (widest(natural.stdout) > 120) expect(widest(at120.stdout)).toBeGreaterThan(100);
    else expect(at120.stdout).toBe(natural.stdout);
  });
});
