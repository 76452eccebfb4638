import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importPaths } from "../../src/import/import-paths.js";
import { lineageJson, writeLineageJsonFile } from "../../src/import/write-json.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-writejson-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writing an imported lineage", () => {
  it("the chunked JSON is the same value as the lineage, written atomically to a new file", async () => {
    const r = await importPaths([join(import.meta.dirname, "..", "fixtures", "hf-cards")]);
    expect(JSON.parse(lineageJson(r.lineage))).toEqual(JSON.parse(JSON.stringify(r.lineage)));
    const out = join(dir, "out.json");
    writeLineageJsonFile(r.lineage, out);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(JSON.parse(JSON.stringify(r.lineage)));
    expect(readdirSync(dir)).toEqual(["out.json"]);
  });

  it("a CSV dump with a record past the size limit is a problem naming the file; the rows before it are kept", async () => {
    const csv = join(dir, "huge.csv");
    writeFileSync(csv, `id,base_model\nacme/A,acme/B\nacme/C,"${"x".repeat(1024 * 1024 + 10)}"\n`);
    const r = await importPaths([csv]);
    expect(r.problems.map((p) => [p.file, p.severity])).toEqual([[csv, "error"]]);
    expect(r.problems[0]!.message).toMatch(/^could not read the dump: /);
    expect(r.lineage.steps.map((s) => s.to)).toEqual(["acme/A"]);
  });
});
