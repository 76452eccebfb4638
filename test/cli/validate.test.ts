import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ProblemOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const SMALL = fixture("small/lineage.yaml");
const BAD = fixture("cli/bad-effect.yaml");

describe("validate", () => {
  it("takes several files: each reported, exit 3 if any is invalid", async () => {
    const r = await cli(["validate", SMALL, BAD, fixture("diamond/lineage.yaml")]);
    expect(r.code).toBe(3);
    expect(r.stdout.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/small\/lineage\.yaml: 5 models/),
      expect.stringMatching(/diamond\/lineage\.yaml: \d+ models/),
    ]);
    expect(r.stderr).toMatch(/bad-effect\.yaml:15:30: error: /);
    expect(r.stderr).toMatch(/bad-effect\.yaml: 1 error\n$/);
    expect((await cli(["validate", SMALL, fixture("diamond/lineage.yaml")])).code).toBe(0);
  });

  it("under --json prints every file's problems in one array, each naming its file", async () => {
    const r = await cli(["validate", BAD, "/no/such.yaml", "--json"]);
    expect(r.code).toBe(3);
    const problems = ProblemOut.array().parse(JSON.parse(r.stdout));
    expect(problems.map((p) => p.file)).toEqual([expect.stringMatching(/bad-effect\.yaml$/), "/no/such.yaml"]);
  });

  it("reads the lineage from stdin for -, located as <stdin>", async () => {
    const good = await cli(["validate", "-"], { stdin: [readFileSync(SMALL)] });
    expect(good).toEqual({ code: 0, stdout: "<stdin>: 5 models, 5 steps, 3 abilities, 6 claims\n", stderr: "" });
    const bad = await cli(["validate", "-"], { stdin: [readFileSync(BAD, "utf8")] });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^<stdin>:15:30: error: steps\[0\]\.claims\[0\]\.effect/);
    const notUtf8 = await cli(["validate", "-"], { stdin: [Buffer.from([0x6c, 0x69, 0xff, 0x0a])] });
    expect(notUtf8).toMatchObject({
      code: 3,
      stderr: "<stdin>:1:3: error: not valid UTF-8 text (a lineage file must be UTF-8)\n",
    });
  });

  it("shows a file name with control characters escaped", async () => {
    const r = await cli(["validate", "/no/such\u001b]0;pwned\u0007.yaml"]);
    expect(r.code).toBe(3);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toContain("\\x1b]0;pwned\\x07");
  });
});

describe("validate - (standard input)", () => {
  it("refuses more than the YAML limit with the limit in the words of a file's (90.0 MB), exit 3", async () => {
    const mb = Buffer.alloc(1_000_000, "#");
    const chunks = (function* () {
      for (let i = 0; i < 91; i++) yield mb;
    })();
    const r = await cli(["validate", "-"], { stdin: chunks });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      "<stdin>: error: standard input is too large (more than 90.0 MB; the limit for YAML, which it is read as, is 90.0 MB)\n",
    );
  });
});
