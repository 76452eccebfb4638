import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DiffOut,
  ErrorOut,
  GraphOut,
  ListOut,
  MatrixOut,
  RoadmapOut,
  ShowAbilityOut,
  ShowModelOut,
  TraceOut,
  TreeOut,
} from "../../src/contract.js";
import { EFFECTS } from "../../src/schema.js";
import { lineageFile } from "../support/build.js";
import { cli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "captrace-prop-"));

/** Random valid lineages: each model has 0-2 earlier parents and 0-2 claims; weakening effects only after a gain. */
const lineages = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) =>
      fc.record({
        parents:
          i === 0 ? fc.constant<number[]>([]) : fc.uniqueArray(fc.integer({ min: 0, max: i - 1 }), { maxLength: 2 }),
        claims: fc.uniqueArray(fc.tuple(fc.constantFrom("x", "y", "z"), fc.constantFrom(...EFFECTS)), {
          maxLength: 2,
          selector: (c) => c[0],
        }),
      }),
    ),
  ),
);

describe("every command's --json on random valid lineages", () => {
  it("is one document that satisfies its contract", async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(lineages, fc.nat(), async (spec, pick) => {
        // Keep the file valid: an ability may be weakened, lost or restored only once some ancestor gained it.
        const gained: Set<string>[] = [];
        const steps = spec.map((s, i) => {
          const have = new Set(s.parents.flatMap((p) => [...gained[p]!]));
          const claims = s.claims.map(([a, e]): [string, (typeof EFFECTS)[number]] => [
            a,
            have.has(a) || e === "introduced" || e === "unlocked" || e === "strengthened" ? e : "introduced",
          ]);
          for (const [a, e] of claims) if (e === "introduced" || e === "unlocked") have.add(a);
          gained.push(have);
          return [`s${i}`, s.parents.map((p) => `m${p}`), `m${i}`, claims] as [
            string,
            string[],
            string,
            [string, (typeof EFFECTS)[number]][],
          ];
        });
        const data = lineageFile(steps, { abilities: { x: { name: "X" }, y: { name: "Y" }, z: { name: "Z" } } });
        const path = join(dir, `l${file++}.json`);
        writeFileSync(path, JSON.stringify(data));
        const a = `m${pick % spec.length}`;
        const b = `m${(pick >> 3) % spec.length}`;
        const run = async (args: string[]) => {
          const r = await cli(["--lineage", path, "--json", "--no-cache", ...args]);
          expect(r.stderr).toBe("");
          return JSON.parse(r.stdout) as unknown;
        };
        TraceOut.parse(await run(["trace", a, "x"]));
        DiffOut.parse(await run(["diff", a, b]));
        ShowModelOut.parse(await run(["show", a]));
        ShowAbilityOut.parse(await run(["show", "y"]));
        for (const what of ["models", "abilities", "steps", "sources"]) ListOut.parse(await run(["list", what]));
        TreeOut.parse(await run(["tree"]));
        TreeOut.parse(await run(["tree", a, "--descendants", "--ability", "z"]));
        MatrixOut.parse(await run(["matrix"]));
        GraphOut.parse(await run(["graph", "--ability", "x"]));
        RoadmapOut.parse(await run(["roadmap", a]));
        ErrorOut.parse(await run(["trace", a, "no-such-ability"]));
      }),
      { numRuns: 60 },
    );
  });
});

describe("--json errors", () => {
  it("are one JSON document for usage errors commander finds too", async () => {
    for (const args of [
      ["--json", "trac", "a", "b"],
      ["list", "--json", "modles"],
      ["tree", "--depth", "x", "--json"],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("");
      expect(ErrorOut.parse(JSON.parse(r.stdout)).error.code).toBe("usage");
    }
  });
});
