import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ErrorOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const SMALL = fileURLToPath(new URL("../fixtures/small/lineage.yaml", import.meta.url));
const elsewhere = mkdtempSync(join(tmpdir(), "captrace-cwd-"));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

describe("usage errors", () => {
  it("captrace --json with no command is a usage error object, without commander's text, and no help on stderr", async () => {
    const r = await cli(["--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("");
    const err = ErrorOut.parse(JSON.parse(r.stdout)).error;
    expect(err).toMatchObject({ code: "usage", exitCode: 2 });
    expect(err.message).toMatch(/^no command given/);
    expect(err.message).not.toContain("outputHelp");
  });

  it("captrace with no command shows the help (with the exit codes) on stderr and exits 2", async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: captrace/);
    expect(r.stderr).toContain("Exit codes:");
  });

  it("names $CAPTRACE_LINEAGE when the lineage it names is bad", async () => {
    const r = await cli(["list", "models"], { env: { CAPTRACE_LINEAGE: "/no/such/lineage.yaml" } });
    expect(r).toEqual({
      code: 3,
      stdout: "",
      stderr: "/no/such/lineage.yaml: error: no such file (the lineage named by $CAPTRACE_LINEAGE)\n",
    });
    const j = await cli(["list", "models", "--json"], { env: { CAPTRACE_LINEAGE: "/no/such/lineage.yaml" } });
    expect(ErrorOut.parse(JSON.parse(j.stdout)).error.message).toContain("$CAPTRACE_LINEAGE");
    // A path typed on the command line is not blamed on the variable.
    expect(
      (await cli(["--lineage", "/no/such/lineage.yaml", "list", "models"], { env: { CAPTRACE_LINEAGE: SMALL } }))
        .stderr,
    ).not.toContain("CAPTRACE_LINEAGE");
  });

  it("suggests the swap when trace's model and ability are given the other way round", async () => {
    const r = await cli(["trace", "chain-of-thought", "code-davinci-002"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "captrace: 'chain-of-thought' is an ability and 'code-davinci-002' a model: the model comes first (did you mean captrace trace code-davinci-002 chain-of-thought?)\n",
    );
    // Not when only one of them is of the other kind.
    expect((await cli(["trace", "chain-of-thought", "cot"])).stderr).toBe(
      "captrace: 'chain-of-thought' is an ability, not a model\n",
    );
  });

  it("suggests the choice a misspelt one is closest to (list model: models)", async () => {
    const r = await cli(["--lineage", SMALL, "list", "model"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "captrace: command-argument value 'model' is invalid for argument 'what'. Allowed choices are models, abilities, steps, sources (did you mean models?)\n",
    );
    const j = await cli(["--lineage", SMALL, "--json", "list", "model"]);
    expect(ErrorOut.parse(JSON.parse(j.stdout)).error.message).toContain("(did you mean models?)");
    expect((await cli(["matrix", "--format", "csb"])).stderr).toContain("(did you mean csv?)");
  });

  it("suggests global options from the top level too, each error in one line", async () => {
    const r = await cli(["--jsno", "list", "models"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "captrace: unknown option '--jsno' (did you mean --json?)\n" });
    expect((await cli(["diff", "a"])).stderr).toBe("captrace: missing required argument 'b'\n");
  });

  it("trace --batch exits 2 when any line was refused, 0 when every line was answered (absent is an answer)", async () => {
    const good = await cli(["--lineage", SMALL, "trace", "--batch"], {
      stdin: ['{"model":"dpo","ability":"coding"}\n{"model":"sft","ability":"coding"}\n'],
    });
    expect(good.code).toBe(0);
    expect(good.stdout.trimEnd().split("\n")).toHaveLength(2);
    const bad = await cli(["--lineage", SMALL, "trace", "--batch"], {
      stdin: ['{"model":"dpo","ability":"coding"}\n{"model":"nope","ability":"coding"}\n'],
    });
    expect(bad.code).toBe(2);
    expect(bad.stdout.trimEnd().split("\n")).toHaveLength(2);
  });
});

describe("the lineage file", () => {
  it("is found against the caller's cwd, not the process's, for a relative and an absolute path", async () => {
    const here = dirname(SMALL);
    // The process's cwd (the checkout) has a lineage.yaml of its own: the embedded one, with other models.
    const relative = await cli(["--lineage", "lineage.yaml", "list", "models", "--json"], { cwd: here });
    expect(relative.code).toBe(0);
    expect((JSON.parse(relative.stdout) as { items: { id: string }[] }).items.map((m) => m.id)).toEqual([
      "base",
      "coder",
      "sft",
      "merged",
      "dpo",
    ]);
    // An absolute path inside the caller's cwd (shown as small/lineage.yaml) and outside it.
    for (const cwd of [dirname(here), elsewhere]) {
      const absolute = await cli(["--lineage", SMALL, "show", "base"], { cwd });
      expect(absolute.code).toBe(0);
      expect(absolute.stdout).toContain("Base model");
    }
    // Messages still use the short name the user gave.
    expect((await cli(["--lineage", "missing.yaml", "list", "models"], { cwd: here })).stderr).toBe(
      "missing.yaml: error: no such file\n",
    );
  });
});

describe("help", () => {
  it("fits 80 columns for the program and every command, and lists the exit codes", async () => {
    const top = await cli(["--help"]);
    expect(top.stdout).toContain("5    output could not be written");
    const names = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((n) => n !== "help");
    expect(names).toEqual(expect.arrayContaining(["validate", "init", "trace", "show", "matrix", "summary"]));
    for (const args of [[], ...names.map((n) => [n])]) {
      const r = await cli([...args, "--help"]);
      expect(r.code).toBe(0);
      for (const line of r.stdout.split("\n"))
        expect(line.length, `${args.join(" ")}: ${line}`).toBeLessThanOrEqual(80);
    }
  });
});
