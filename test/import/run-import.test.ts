import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runExportHfCard, runImportHf } from "../../src/import/run-import.js";
import { createNewFile, FileChangedError, FileExistsError, replaceFile, stampOf } from "../../src/import/write-file.js";
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
  it("without -o: the lineage, and problems named by the path as the user gave it, relative to cwd", async () => {
    const r = await runImportHf({ paths: ["cards"], env: {}, cwd: dir });
    if (!r.ok) throw new Error(r.failure.message);
    expect(r.lineage).not.toBeNull();
    expect(r.summary.problems[0]).toMatchObject({ file: join("cards", "x--Bad", "README.md"), severity: "error" });
    expect(r.summary.imported).toEqual({ models: 2, externalBases: 2, steps: 2, errors: 1, warnings: 0 });
    expect(r.summary.written).toBeNull();
  });

  it("-o FILE writes a new file (JSON by extension) and never overwrites one", async () => {
    const r = await runImportHf({ paths: ["cards"], out: "out.json", env: {}, cwd: dir });
    expect(r.ok && r.summary.written).toBe("out.json");
    expect(loadLineageText(readFileSync(join(dir, "out.json"), "utf8"), "out.json").ok).toBe(true);
    const again = await runImportHf({ paths: ["cards"], out: "out.json", env: {}, cwd: dir });
    expect(again.ok).toBe(false);
    if (!again.ok)
      expect(again.failure).toMatchObject({
        exitCode: 2,
        code: "usage",
        message: "out.json exists; use --into out.json to add to it, or choose a new file",
      });
  });

  it("--into FILE adds to a copy of the embedded lineage, reporting the conflict and not applying it", async () => {
    const into = join(dir, "lineage.yaml");
    cpSync(join(ROOT, "lineage.yaml"), into);
    chmodSync(into, 0o600);
    const r = await runImportHf({ paths: [join(dir, "cards")], into, env: {} });
    if (!r.ok) throw new Error(r.failure.message);
    const text = readFileSync(into, "utf8");
    expect(loadLineageText(text, into).ok).toBe(true);
    expect(r.summary.added?.models).toEqual(["x/Tuned"]);
    expect(r.summary.conflicts.map((c) => c.model)).toEqual(["text-davinci-002"]);
    expect(text).not.toContain("openai/gpt-4");
    expect(statSync(into).mode & 0o777).toBe(0o600);
    // the second time, nothing is new: nothing is written
    const again = await runImportHf({ paths: [join(dir, "cards")], into, env: {} });
    expect(again.ok && again.summary.written).toBeNull();
    expect(readFileSync(into, "utf8")).toBe(text);
  });

  it("nothing importable exits 3; an invalid --into file is left unchanged, its problem located", async () => {
    const none = await runImportHf({ paths: [join(dir, "nope")], env: {} });
    expect(!none.ok && none.failure.exitCode).toBe(3);
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "lineage: 1\n");
    const r = await runImportHf({ paths: [join(dir, "cards")], into: bad, env: {} });
    expect(!r.ok && r.failure.exitCode).toBe(3);
    if (!r.ok) expect(r.failure.message).toMatch(/^.*bad\.yaml:1:1: .*left unchanged\)$/);
    expect(readFileSync(bad, "utf8")).toBe("lineage: 1\n");
  });

  it("no path and no Hub cache: exit 3 saying so", async () => {
    const r = await runImportHf({ paths: [], env: {} });
    expect(!r.ok && r.failure.message).toBe(
      "nothing could be imported: no path given and no Hub cache found (set HF_HUB_CACHE or HF_HOME)",
    );
  });
});

describe("writing files", () => {
  it("createNewFile refuses an existing file and leaves no temporary file", () => {
    const d = mkdtempSync(join(dir, "w-"));
    const f = join(d, "a.yaml");
    createNewFile(f, (w) => w("one\n"));
    expect(() => createNewFile(f, (w) => w("two\n"))).toThrow(FileExistsError);
    expect(readFileSync(f, "utf8")).toBe("one\n");
    expect(readdirSync(d)).toEqual(["a.yaml"]);
  });

  it("replaceFile refuses when the file changed since it was read", () => {
    const f = join(dir, "b.yaml");
    writeFileSync(f, "old\n");
    const stamp = stampOf(f);
    writeFileSync(f, "someone else's edit\n");
    expect(() => replaceFile(f, "mine\n", stamp)).toThrow(FileChangedError);
    expect(readFileSync(f, "utf8")).toBe("someone else's edit\n");
  });
});

describe("runExportHfCard", () => {
  it("gives the fields and lines, or a usage failure for an unknown model", () => {
    const loaded = loadLineageText(readFileSync(join(ROOT, "lineage.yaml"), "utf8"), "lineage.yaml");
    if (!loaded.ok) throw new Error("embedded lineage invalid");
    const r = runExportHfCard(loaded.lineage, "text-davinci-003");
    expect(r.ok && r.fields).toMatchObject({
      model: "text-davinci-003",
      baseModels: ["text-davinci-002"],
      relation: "finetune",
    });
    expect(r.ok && r.text).toContain("base_model: text-davinci-002\n");
    expect(runExportHfCard(loaded.lineage, "nope")).toEqual({
      ok: false,
      failure: { exitCode: 2, code: "usage", message: 'no model named "nope" in this lineage', problems: [] },
    });
  });
});
