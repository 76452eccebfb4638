/** Under --json, text from a file is exact but never raw on a terminal: what JSON leaves raw is escaped (issue 15). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-json-escape-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** C1 CSI, NEL, a bidi override, a zero-width space, a variation selector: all left raw by JSON.stringify. */
const HOSTILE = "\u009b2J\u0085\u202egnp\u200b\ufe0f";
const RAW = /[\u007f-\u009f\u200b\u202e]|\ufe0f/;

const lineage = `lineage: 1
title: t
sources: {s: {title: S}}
abilities: {x: {name: X}}
models:
  a: {name: ${JSON.stringify(`A${HOSTILE}`)}}
steps:
  - {id: pre, kind: pretraining, from: [], to: a, confidence: established, claims: [{ability: x, effect: introduced, confidence: likely, evidence: [{source: s}]}]}
`;

describe("--json output with hostile text", () => {
  it("gives the model's name exactly, with no raw control or invisible character on stdout", async () => {
    const file = join(dir, "ok.yaml");
    writeFileSync(file, lineage);
    for (const argv of [["list", "models"], ["show", "a"], ["matrix"]]) {
      const r = await cli(["--json", "--lineage", file, ...argv]);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(RAW);
      expect(r.stdout).toContain(
        `A${HOSTILE}`.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
      );
    }
    const listed = JSON.parse((await cli(["--json", "--lineage", file, "list", "models"])).stdout) as {
      items: { name: string }[];
    };
    expect(listed.items[0]!.name).toBe(`A${HOSTILE}`);
  });

  it("names a file with such characters exactly in its error object, escaped", async () => {
    const file = join(dir, `bad${HOSTILE}.yaml`);
    writeFileSync(file, "lineage: 1\ntitle: [\n");
    const r = await cli(["--json", "--lineage", file, "trace", "a", "x"]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(RAW);
    const body = JSON.parse(r.stdout) as { error: { file: string; line: number } };
    expect(body.error.file).toBe(file);
    expect(body.error.line).toBe(3);
    const v = await cli(["--json", "validate", file]);
    expect(v.stdout).not.toMatch(RAW);
    expect((JSON.parse(v.stdout) as { file: string }[])[0]!.file).toBe(file);
  });
});

describe("trace --batch lines with hostile text", () => {
  it("carry a step's label exactly, escaped, and so does an error echoing what a line asked", async () => {
    const file = join(dir, "labelled.yaml");
    writeFileSync(
      file,
      lineage.replace("kind: pretraining,", `kind: pretraining, label: ${JSON.stringify(`L${HOSTILE}`)},`),
    );
    const r = await cli(["--lineage", file, "trace", "--batch"], {
      stdin: [`{"model":"a","ability":"x"}\n${JSON.stringify({ model: `a${HOSTILE}`, ability: "x" })}\n`],
    });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(RAW);
    const [answer, refused] = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect((answer!.introducedBy as { label: string }).label).toBe(`L${HOSTILE}`);
    expect((refused!.error as { message: string }).message).toContain(`a${HOSTILE}`);
  });
});
