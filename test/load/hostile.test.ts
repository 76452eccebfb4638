import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TraceOut } from "../../src/contract.js";
import { LIMITS } from "../../src/limits.js";
import { loadLineageFile, loadLineageText } from "../../src/load/load-lineage.js";
import { cli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-hostile-"));
const write = (name: string, content: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};

const VALID = `lineage: 1
title: t
sources:
  s: {title: S}
abilities:
  x: {name: X}
models:
  a: {name: A}
steps:
  - {id: pre, kind: pretraining, from: [], to: a, confidence: established, claims: [{ability: x, effect: introduced, confidence: likely, evidence: [{source: s}]}]}
`;

describe("input that loads fine", () => {
  it("accepts a byte-order mark and CRLF line ends, with positions still right", async () => {
    expect((await loadLineageFile(write("bom.yaml", `\uFEFF${VALID}`))).ok).toBe(true);
    expect((await loadLineageFile(write("crlf.yaml", VALID.replace(/\n/g, "\r\n")))).ok).toBe(true);
    const bad = await loadLineageFile(
      write("crlf-bad.yaml", `\uFEFF${VALID.replace("title: t", "title: t\nlable: x").replace(/\n/g, "\r\n")}`),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems[0]).toMatchObject({
        line: 3,
        column: 1,
        message: expect.stringMatching(/^unknown key 'lable' in the file \(allowed: lineage, title/),
      });
  });

  it("treats JavaScript-special names as ordinary ids", async () => {
    const ids = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    const text = `lineage: 1
title: t
sources:
${ids.map((id) => `  ${id}: {title: Source ${id}}`).join("\n")}
abilities:
${ids.map((id) => `  ${id}-ability: {name: Ability ${id}}`).join("\n")}
models:
${ids.map((id) => `  ${id}: {name: Model ${id}}`).join("\n")}
steps:
${ids.map((id, i) => `  - {id: ${id}, kind: fine-tuning, from: [${i ? ids[i - 1] : ""}], to: ${id}, confidence: likely, claims: [{ability: ${id}-ability, effect: introduced, confidence: likely, evidence: [{source: ${id}}]}]}`).join("\n")}
`;
    const file = write("proto.yaml", text);
    const loaded = await loadLineageFile(file);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(Object.keys(loaded.lineage.models)).toEqual(ids);
    const r = await cli(["--lineage", file, "--json", "trace", "hasOwnProperty", "__proto__-ability"]);
    expect(r.code).toBe(0);
    const out = TraceOut.parse(JSON.parse(r.stdout));
    expect(out.path).toEqual(ids);
    expect(out.introducedBy?.step).toBe("__proto__");
    expect((await cli(["--lineage", file, "trace", "constructor", "toString-ability"])).code).toBe(1);
  });

  it("refuses top-level keys named like Object.prototype members", () => {
    const r = loadLineageText(`${VALID}toString: 1\nconstructor: 2\n`, "f.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.message)).toEqual([
        "unknown key 'toString' in the file (allowed: lineage, title, description, sources, abilities, models, steps)",
        "unknown key 'constructor' in the file (allowed: lineage, title, description, sources, abilities, models, steps)",
      ]);
  });
});

describe("text that attacks the terminal", () => {
  const evil = VALID.replace("{name: X}", '{name: "X\\e[2J\\e]0;pwned\\a\\rY"}').replace(
    "{title: S}",
    '{title: "S\\e[31mred"}',
  );
  const file = write("evil.yaml", evil);

  it("is escaped in human output", async () => {
    const r = await cli(["--lineage", file, "show", "x"]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).not.toContain("\r");
    expect(r.stdout).toContain("X\\x1b[2J\\x1b]0;pwned\\x07\\x0dY");
    const list = await cli(["--lineage", file, "list", "sources"]);
    expect(list.stdout).toContain("S\\x1b[31mred");
  });

  it("is kept exact in --json", async () => {
    const r = await cli(["--lineage", file, "show", "x", "--json"]);
    expect((JSON.parse(r.stdout) as { name: string }).name).toBe("X\u001b[2J\u001b]0;pwned\u0007\rY");
  });

  it("is escaped in error messages too", async () => {
    const r = await cli(["--lineage", file, "trace", "a\u001b[31m", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("\u001b");
  });
});

describe("resource limits", () => {
  it("refuses a YAML file over the size limit, as large as JSON's, before reading it", async () => {
    // A sparse file: its size is over the limit without the bytes being written.
    const big = write("big.yaml", "");
    truncateSync(big, LIMITS.maxYamlBytes + 1);
    const r = await cli(["validate", big]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/file is too large \(90\.0 MB; the limit for YAML is 90\.0 MB\)/);
    expect(LIMITS.maxYamlBytes).toBe(LIMITS.maxJsonBytes);
  });

  it("refuses a line over the length limit", async () => {
    const long = write("long.yaml", `${VALID}# ${"y".repeat(LIMITS.maxYamlLineBytes + 1)}\n`);
    const r = await loadLineageFile(long);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ line: 11, message: expect.stringMatching(/^line is too long/) });
  });

  it("refuses block nesting too deep to parse, without a stack overflow", async () => {
    const deep = write("deep.yaml", Array.from({ length: 2000 }, (_, i) => `${" ".repeat(i)}a:`).join("\n") + " 1\n");
    const r = await loadLineageFile(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toBe("document is nested too deeply (the limit is 64 levels)");
  });
});

describe("paths that are not readable lineage files", () => {
  it("refuses a FIFO without blocking", async () => {
    const fifo = join(dir, "fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    const r = await cli(["validate", fifo]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("is not a regular file");
  });

  it("refuses invalid UTF-8 with the position of the first bad byte", async () => {
    const bad = write(
      "latin1.yaml",
      Buffer.concat([Buffer.from("lineage: 1\ntitle: caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    const r = await cli(["validate", bad]);
    expect(r.code).toBe(3);
    expect(r.stderr.split("\n")[0]).toMatch(/latin1\.yaml:2:11: error: not valid UTF-8 text/);
  });

  it.skipIf(process.getuid?.() === 0)("refuses a file without read permission", async () => {
    const locked = write("locked.yaml", VALID);
    chmodSync(locked, 0o000);
    const r = await cli(["validate", locked]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("permission denied");
  });
});

describe("fuzzing the loader", () => {
  it("either loads or reports located problems for random YAML-ish text; never throws", () => {
    const token = fc.constantFrom(
      "lineage: 1\n",
      "title: t\n",
      "models:\n",
      "steps:\n",
      "  - ",
      "{",
      "}",
      "[",
      "]",
      ": ",
      "&a ",
      "*a ",
      "---\n",
      "\t",
      "'",
      '"',
      "#",
      "\n",
      "  ",
      "x",
      "__proto__",
      "\u0000",
      "\uFEFF",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 60 }).map((t) => t.join("")),
        (text) => {
          const r = loadLineageText(text, "fuzz.yaml");
          if (!r.ok) {
            expect(r.problems.length).toBeGreaterThan(0);
            for (const p of r.problems) expect(p.message).not.toMatch(/^\s*$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reports random bytes as a located problem (or loads them), never throws", async () => {
    const { decodeUtf8 } = await import("../../src/load/read-source.js");
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const read = decodeUtf8("b.yaml", bytes);
        if (!read.ok) expect(read.problem.line).toBeGreaterThan(0);
        else expect(() => loadLineageText(read.text, "b.yaml")).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on random strings and random mutations of a valid file", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.nat(VALID.length),
        fc.string({ maxLength: 5 }),
        (noise, at, insert) => {
          expect(() => loadLineageText(noise, "n.yaml")).not.toThrow();
          expect(() => loadLineageText(VALID.slice(0, at) + insert + VALID.slice(at), "m.yaml")).not.toThrow();
        },
      ),
      { numRuns: 500 },
    );
  });
});
