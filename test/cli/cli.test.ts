import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DiffOut, ErrorOut, ListOut, ProblemOut, ShowModelOut, TraceOut } from "../../src/contract.js";
import { cli } from "../support/run-cli.js";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const SMALL = fixture("small/lineage.yaml");
const ANSI = new RegExp(String.fromCharCode(27) + "\\[");

describe("captrace CLI (in-process)", () => {
  it("validates a file and prints a one-line summary", async () => {
    const r = await cli(["validate", SMALL]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/lineage\.yaml: 5 models, 5 steps, 3 abilities, 6 claims\n$/);
  });

  it("validate --json prints the problems as an array of located objects", async () => {
    const r = await cli(["validate", fixture("cli/bad-effect.yaml"), "--json"]);
    expect(r.code).toBe(3);
    const problems = ProblemOut.array().parse(JSON.parse(r.stdout));
    expect(problems).toEqual([
      expect.objectContaining({ line: 15, column: 30, severity: "error", path: ["steps", 0, "claims", 0, "effect"] }),
    ]);
    expect(problems[0]!.message).toContain("(did you mean introduced?)");
  });

  it("trace exits 0 when the ability is present and 1 when absent", async () => {
    const present = await cli(["--lineage", SMALL, "trace", "dpo", "coding"]);
    expect(present.code).toBe(0);
    expect(present.stdout.split("\n\n")[0]!.replace(/\n\s+/g, " ")).toBe(
      "coding in dpo: present, restored; introduced by code-training in coder, then lost by merge in merged and restored by preference-optimization (present: speculative; how it came: likely)",
    );
    const absent = await cli(["--lineage", SMALL, "trace", "sft", "coding"]);
    expect(absent.code).toBe(1);
    expect(absent.stdout).toContain("coding in sft: absent");
    expect(absent.stdout).toContain("Present elsewhere in the lineage: coder (introduced), dpo (restored)");
  });

  it("trace --json prints one document that satisfies the contract, with no colour even on a TTY", async () => {
    const r = await cli(["trace", "DPO", "Coding", "--json", "--lineage", SMALL], {
      tty: true,
      env: { FORCE_COLOR: "1" },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
    const out = TraceOut.parse(JSON.parse(r.stdout));
    expect(out).toMatchObject({ model: "dpo", ability: "coding", state: "restored", present: true, schemaVersion: 2 });
  });

  it("diff, show and list --json satisfy the contract", async () => {
    const d = await cli(["--lineage", SMALL, "--json", "diff", "base", "dpo"]);
    expect(DiffOut.parse(JSON.parse(d.stdout)).changes.length).toBeGreaterThan(0);
    const s = await cli(["--lineage", SMALL, "--json", "show", "base-1"]);
    expect(ShowModelOut.parse(JSON.parse(s.stdout)).id).toBe("base");
    const l = await cli(["--lineage", SMALL, "--json", "list", "models"]);
    expect(ListOut.parse(JSON.parse(l.stdout)).items).toHaveLength(5);
  });

  it("diff --exit-code exits 1 when the models differ, 0 when not", async () => {
    expect((await cli(["--lineage", SMALL, "diff", "base", "dpo", "--exit-code"])).code).toBe(1);
    expect((await cli(["--lineage", SMALL, "diff", "base", "dpo"])).code).toBe(0);
    expect((await cli(["--lineage", SMALL, "diff", "dpo", "dpo", "--exit-code"])).code).toBe(0);
  });

  it("colours only on a TTY, and never under NO_COLOR, FORCE_COLOR=0, TERM=dumb or --no-color", async () => {
    const args = ["--lineage", SMALL, "trace", "dpo", "coding"];
    expect((await cli(args, { tty: true })).stdout).toMatch(ANSI);
    expect((await cli(args, { tty: false })).stdout).not.toMatch(ANSI);
    expect((await cli(args, { tty: true, env: { NO_COLOR: "1" } })).stdout).not.toMatch(ANSI);
    expect((await cli(args, { tty: true, env: { FORCE_COLOR: "0" } })).stdout).not.toMatch(ANSI);
    expect((await cli(args, { tty: true, env: { TERM: "dumb" } })).stdout).not.toMatch(ANSI);
    expect((await cli([...args, "--no-color"], { tty: true })).stdout).not.toMatch(ANSI);
    expect(
      (await cli(["--lineage", SMALL, "list", "models"], { tty: true, env: { NO_COLOR: "1" } })).stdout,
    ).not.toMatch(ANSI);
  });

  it("takes the lineage from CAPTRACE_LINEAGE when --lineage is not given", async () => {
    const r = await cli(["trace", "merged", "chat"], { env: { CAPTRACE_LINEAGE: SMALL } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("chat in merged");
  });

  it("refuses unknown names with a suggestion and exit 2", async () => {
    const r = await cli(["--lineage", SMALL, "trace", "dpp", "coding"]);
    expect(r).toEqual({ code: 2, stdout: "", stderr: "captrace: unknown model 'dpp' (did you mean dpo?)\n" });
    const j = await cli(["--lineage", SMALL, "trace", "dpo", "codng", "--json"]);
    expect(j.code).toBe(2);
    expect(j.stderr).toBe("");
    expect(ErrorOut.parse(JSON.parse(j.stdout)).error).toMatchObject({
      code: "usage",
      exitCode: 2,
      message: "unknown ability 'codng' (did you mean coding?)",
    });
  });

  it("refuses unknown commands and options with commander's suggestion and exit 2", async () => {
    const cmd = await cli(["trac", "a", "b"]);
    expect(cmd).toEqual({ code: 2, stdout: "", stderr: "captrace: unknown command 'trac' (did you mean trace?)\n" });
    const opt = await cli(["list", "models", "--jsn"]);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("unknown option '--jsn'");
    expect(opt.stderr).toContain("did you mean --json?");
    expect((await cli(["--lineage", SMALL, "list", "modles"])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it("reports an invalid lineage with located messages and exit 3; under --json as an error object", async () => {
    const bad = fixture("cli/bad-effect.yaml");
    const r = await cli(["--lineage", bad, "trace", "a", "x"]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad-effect\.yaml:15:30: error: steps\[0\]\.claims\[0\]\.effect must be one of/);
    const j = await cli(["--lineage", bad, "trace", "a", "x", "--json"]);
    const err = ErrorOut.parse(JSON.parse(j.stdout));
    expect(err.error).toMatchObject({ code: "invalid-lineage", exitCode: 3, line: 15, column: 30 });
    expect(err.problems).toHaveLength(1);
  });

  it("refuses a missing file and a directory with one line and exit 3", async () => {
    const missing = await cli(["--lineage", "/nonexistent/lineage.yaml", "list", "models"]);
    expect(missing).toEqual({ code: 3, stdout: "", stderr: "/nonexistent/lineage.yaml: error: no such file\n" });
    const dir = await cli(["validate", fixture("small")]);
    expect(dir.code).toBe(3);
    expect(dir.stderr.split("\n")[0]).toMatch(/small: error: is a directory, not a lineage file$/);
  });

  it("prints version and help on stdout with exit 0", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(await cli(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes:");
    expect(help.stdout).toContain("trace [options] [model] [ability]");
  });
});
