import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-init-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("init", () => {
  it("writes a commented starter lineage that validates and can be queried", async () => {
    const r = await cli(["init", "mine.yaml"], { cwd: dir });
    expect(r).toEqual({
      code: 0,
      stdout: "",
      stderr: "created mine.yaml: edit it, then run captrace validate mine.yaml\n",
    });
    const text = readFileSync(join(dir, "mine.yaml"), "utf8");
    expect(text.split("\n").filter((l) => l.trimStart().startsWith("#")).length).toBeGreaterThan(5);
    const v = await cli(["validate", "mine.yaml"], { cwd: dir });
    expect(v).toMatchObject({ code: 0, stderr: "" });
    expect((await cli(["--lineage", "mine.yaml", "trace", "tuned", "reasoning"], { cwd: dir })).code).toBe(0);
  });

  it("points its modeline at the schema shipped in the package, by a file: URL that resolves from anywhere", async () => {
    await cli(["init"], { cwd: dir });
    const first = readFileSync(join(dir, "lineage.yaml"), "utf8").split("\n")[0]!;
    const url = /^# yaml-language-server: \$schema=(file:\/\/\S+)$/.exec(first)?.[1];
    expect(url).toBeDefined();
    const schema = fileURLToPath(url!);
    expect(schema).toBe(fileURLToPath(new URL("../../lineage.schema.json", import.meta.url)));
    expect((JSON.parse(readFileSync(schema, "utf8")) as { title: string }).title).toMatch(/captrace lineage/);
  });

  it("never overwrites: an existing file, or a link planted at the name, is left alone (exit 2)", async () => {
    const file = join(dir, "kept.yaml");
    writeFileSync(file, "mine\n");
    const r = await cli(["init", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/kept\.yaml already exists: captrace init never overwrites a file/);
    expect(readFileSync(file, "utf8")).toBe("mine\n");
    const link = join(dir, "link.yaml");
    symlinkSync(join(dir, "target.yaml"), link);
    expect((await cli(["init", link])).code).toBe(2);
    expect(existsSync(join(dir, "target.yaml"))).toBe(false);
    const j = await cli(["init", file, "--json"]);
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { code: "usage", exitCode: 2 } });
  });

  it("says why it cannot create the file (exit 5)", async () => {
    const r = await cli(["init", join(dir, "no-such-dir", "x.yaml")]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^captrace: cannot create .*x\.yaml \(ENOENT\)\n$/);
  });
});
