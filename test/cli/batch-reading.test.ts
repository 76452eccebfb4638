/** `trace --batch` under parentage readings: `--reading` for every line, and a line's own `reading`. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ErrorOut, TraceOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const DIAMOND = fileURLToPath(new URL("../fixtures/diamond/lineage.yaml", import.meta.url));

/** The batch's answer lines, parsed. */
async function batch(lines: string[], extra: string[] = []) {
  const r = await cli(["--lineage", DIAMOND, "trace", "--batch", ...extra], { stdin: [lines.join("\n") + "\n"] });
  return {
    code: r.code,
    answers: r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown),
    stderr: r.stderr,
  };
}

/** The one-query answer, as `trace --json` gives it. */
async function single(args: string[]) {
  const r = await cli(["--lineage", DIAMOND, "--json", "trace", ...args]);
  return JSON.parse(r.stdout) as unknown;
}

describe("trace --batch with readings", () => {
  it("answers a line's own reading, as a string or an object, as `trace --reading` does", async () => {
    const { code, answers } = await batch([
      '{"model":"top","ability":"math"}',
      '{"model":"top","ability":"math","reading":"top-dpo=1"}',
      '{"model":"top","ability":"math","reading":{"top-dpo":1}}',
    ]);
    expect(code).toBe(0);
    for (const a of answers) TraceOut.parse(a);
    expect(answers[0]).toEqual(await single(["top", "math"]));
    const under = await single(["top", "math", "--reading", "top-dpo=1"]);
    expect(answers[1]).toEqual(under);
    expect(answers[2]).toEqual(under);
    // The reading changes the answer's path: the test would pass vacuously otherwise.
    expect((answers[1] as { path: string[] }).path).not.toEqual((answers[0] as { path: string[] }).path);
    expect((answers[1] as { reading: string }).reading).toBe("top-dpo=1");
  });

  it("takes --reading for every line, a line's own reading on top of it", async () => {
    const { code, answers } = await batch(
      ['{"model":"top","ability":"math"}', '{"model":"top","ability":"math","reading":"top-dpo=0"}'],
      ["--reading", "top-dpo=1"],
    );
    expect(code).toBe(0);
    expect(answers[0]).toEqual(await single(["top", "math", "--reading", "top-dpo=1"]));
    expect(answers[1]).toEqual(await single(["top", "math"]));
  });

  it("refuses a line whose reading is malformed or names an unknown step, and answers the others", async () => {
    const { code, answers } = await batch([
      '{"model":"top","ability":"math","reading":"top-dpo"}',
      '{"model":"top","ability":"math","reading":{"top-dpo":-1}}',
      '{"model":"top","ability":"math","reading":"no-such-step=1"}',
      '{"model":"top","ability":"math","reading":"top-dpo=7"}',
      '{"model":"top","ability":"math"}',
    ]);
    expect(code).toBe(2);
    for (const [i, a] of answers.slice(0, 4).entries()) {
      const e = ErrorOut.parse(a);
      expect(e.input).toBe(i + 1);
      expect(e.error.code).toBe("usage");
    }
    expect((answers[1] as { error: { message: string } }).error.message).toMatch(/input line 2: "reading" is/);
    expect((answers[2] as { error: { message: string } }).error.message).toMatch(/no-such-step/);
    TraceOut.parse(answers[4]);
  });
});
