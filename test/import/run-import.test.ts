import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runExportHfCard, runImportHf } from "../../src/import/run-import.js";
import { loadLineageText } from "../../src/load/load-lineage.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "captrace-runimport-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const card = (folder: string, text: string) => {
  mkdirSync(join(dir, "cards", folder), { recursive: true });
  writeFileSync(join(dir, "cards", folder, "README.md"), text);
};
card("x--Tuned", "---\nbase_model: davinci\nbase_model_relation: finetune\n---\n");
card("x--Bad", "---\nbase_model: [unclosed\n---\n");
card("text-davinci-002", "---\nbase_model: openai/gpt-4\n---\n");

describe("runImportHf", () => {
  it("without -o: the lineage as YAML on stdout, problems and a summary on stderr", async () => {
    const r = await runImportHf({ paths: [join(dir, "cards")], env: {} });
    expect(r.exitCode).toBe(0);
    const loaded = loadLineageText(r.stdout, "out.yaml");
    expect(loaded.ok).toBe(true);
    expect(r.stderr[0]).toMatch(/x--Bad\/README\.md: error: bad YAML in the front matter/);
    expect(r.stderr.at(-1)).toBe("imported 2 models (2 external bases), 2 steps; 1 errors, 0 warnings");
  });

  it("-o FILE writes a new file (JSON by extension) and never overwrites one", async () => {
    const out = join(dir, "out.json");
    expect((await runImportHf({ paths: [join(dir, "cards")], out, env: {} })).exitCode).toBe(0);
    expect(loadLineageText(readFileSync(out, "utf8"), out).ok).toBe(true);
    const again = await runImportHf({ paths: [join(dir, "cards")], out, env: {} });
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toEqual([`captrace: ${out} exists; use --into ${out} to add to it, or choose a new file`]);
  });

  it("--into FILE adds to a copy of the embedded lineage atomically, reporting the conflict", async () => {
    const into = join(dir, "lineage.yaml");
    cpSync(join(ROOT, "lineage.yaml"), into);
    const original = readFileSync(into, "utf8");
    const r = await runImportHf({ paths: [join(dir, "cards")], into, env: {} });
    expect(r.exitCode).toBe(0);
    const text = readFileSync(into, "utf8");
    expect(loadLineageText(text, into).ok).toBe(true);
    expect(text.length).toBeGreaterThan(original.length);
    expect(text).toContain("x--Tuned");
    expect(r.stderr).toContain("conflict: text-davinci-002: the import names openai--gpt-4 as its base; the file has code-davinci-002; kept the file's");
    expect(r.stderr.at(-1)).toMatch(/^added 1 models, 1 steps, 1 sources to .*; 1 conflicts \(not applied\)$/);
  });

  it("nothing importable exits 3; an invalid --into file is left unchanged", async () => {
    expect((await runImportHf({ paths: [join(dir, "nope")], env: {} })).exitCode).toBe(3);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "lineage: 1\n");
    const r = await runImportHf({ paths: [join(dir, "cards")], into: bad, env: {} });
    expect(r.exitCode).toBe(3);
    expect(readFileSync(bad, "utf8")).toBe("lineage: 1\n");
    expect(r.stderr.at(-1)).toBe(`captrace: ${bad} left unchanged`);
  });

  it("control characters from a file are shown escaped", async () => {
    card("has space\u001b[31m", "---\nbase_model: a/b\n---\n");
    const r = await runImportHf({ paths: [join(dir, "cards", "has space\u001b[31m")], env: {} });
    expect(r.stderr[0]).toContain("has space\\u001b[31m/README.md: error: cannot tell which model");
    expect(r.stderr.join("\n")).not.toContain("\u001b");
  });
});

describe("runExportHfCard", () => {
  it("prints the lines, or a usage error for an unknown model", () => {
    const loaded = loadLineageText(readFileSync(join(ROOT, "lineage.yaml"), "utf8"), "lineage.yaml");
    if (!loaded.ok) throw new Error("embedded lineage invalid");
    expect(runExportHfCard(loaded.lineage, "text-davinci-003").stdout).toContain("base_model: text-davinci-002\n");
    expect(runExportHfCard(loaded.lineage, "nope")).toEqual({ exitCode: 2, stdout: "", stderr: ['captrace: no model named "nope" in this lineage'] });
  });
});
