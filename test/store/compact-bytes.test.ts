import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph, type LineageGraph } from "../../src/graph/build-graph.js";
import { BLOCK, decodeCompact, encodeCompact, type ByteSource } from "../../src/store/compact-bytes.js";
import { RECORD_KINDS } from "../../src/graph/compact.js";
import { bigLineage } from "../support/big-lineage.js";
import { DamagedEntryError } from "../../src/lineage-error.js";

const idsOf = { abilities: "abilityIds", sources: "sourceIds" } as const;
import { lazyGraph } from "../../src/graph/lazy-graph.js";
import { cacheHasher } from "../../src/store/compiled.js";
import { loadLineageText } from "../../src/load/load-lineage.js";
import { diff } from "../../src/query/diff.js";
import { graphView } from "../../src/query/graph-view.js";
import { list, LISTABLE } from "../../src/query/list.js";
import { matrix } from "../../src/query/matrix.js";
import { roadmap } from "../../src/query/roadmap.js";
import { show } from "../../src/query/show.js";
import { trace } from "../../src/query/trace.js";
import { tree } from "../../src/query/tree.js";
import { descendants } from "../../src/query/descendants.js";
import { QuickHasher } from "../../src/store/quick-key.js";
import type { LineageFile } from "../../src/schema.js";
import { randomLineage } from "../support/random-lineage.js";

const fixture = (path: string) => {
  const file = fileURLToPath(new URL(path, import.meta.url));
  const result = loadLineageText(readFileSync(file, "utf8"), file);
  if (!result.ok) throw new Error(`${path} is invalid`);
  return result;
};
const FIXTURES = {
  embedded: fixture("../../lineage.yaml"),
  small: fixture("../fixtures/small/lineage.yaml"),
  diamond: fixture("../fixtures/diamond/lineage.yaml"),
};

/** The lazy graph of a lineage, through bytes: encoded, then decoded. */
function roundTrip(graph: LineageGraph): LineageGraph {
  const decoded = decodeCompact(encodeCompact(graph, { located: [], issues: [] }, "key", "1.2.3"), "key", "1.2.3");
  if (!decoded) throw new Error("the encoded lineage did not decode");
  return lazyGraph(decoded);
}

/** Everything a graph exposes, read through its public interface. */
function snapshot(g: LineageGraph) {
  const unknown = "no-such-id";
  return {
    title: g.title,
    modelOrder: g.modelOrder,
    abilityOrder: g.abilityOrder,
    models: [...g.models],
    abilities: [...g.abilities.entries()],
    sources: [...g.sources.keys()].map((k) => [k, g.sources.get(k)]),
    sizes: [g.models.size, g.abilities.size, g.sources.size],
    has: [
      g.models.has(unknown),
      g.abilities.has(unknown),
      g.sources.has(unknown),
      g.madeBy.has(unknown),
      ...g.modelOrder.map((m) => g.madeBy.has(m)),
    ],
    steps: g.steps,
    madeBy: g.modelOrder.map((m) => g.madeBy.get(m) ?? null),
    childSteps: g.modelOrder.map((m) => g.childSteps.get(m) ?? null),
    claimsByAbility: g.abilityOrder.map((a) => g.claimsByAbility.get(a) ?? null),
    rank: [...g.rank],
    names: [...g.names],
    parentStart: [...g.index.parentStart],
    parentRanks: [...g.index.parentRanks],
    stepConfidence: [...g.index.stepConfidence],
    lacking: [...g.lacking].map(([a, ids]) => [a, [...ids]]),
    abilityIndex: [...g.abilityIndex],
    claimTable: [[...g.index.claimStart], [...g.index.claimRank], [...g.index.claimEffect], [...g.index.claimIndex]],
    lineage: g.lineage,
  };
}

/** The answer to every question a CLI user can ask of a graph. */
function answers(g: LineageGraph) {
  const out: unknown[] = [];
  const attempt = (f: () => unknown) => {
    try {
      out.push(f());
    } catch (error) {
      out.push(`error: ${(error as Error).message}`);
    }
  };
  for (const m of g.modelOrder) {
    for (const a of g.abilityOrder) attempt(() => trace(g, { model: m, ability: a }));
    for (const other of g.modelOrder) attempt(() => diff(g, { from: m, to: other }));
    attempt(() => show(g, m));
    attempt(() => roadmap(g, m));
    attempt(() => tree(g, { model: m, direction: "descendants", ability: g.abilityOrder[0] }));
    attempt(() => tree(g, { model: m, direction: "descendants", depth: 1 }));
    attempt(() => descendants(g, { model: m }));
  }
  for (const a of g.abilityOrder) attempt(() => show(g, a));
  for (const what of LISTABLE) attempt(() => list(g, what));
  attempt(() => tree(g));
  attempt(() => matrix(g));
  attempt(() => graphView(g, { ability: g.abilityOrder[0] }));
  return out;
}

describe("the compact form and its lazy graph", () => {
  for (const [name, { lineage, order }] of Object.entries(FIXTURES)) {
    it(`give the ${name} lineage's graph, field by field, and the same answers to every query`, () => {
      const eager = buildGraph(lineage, order);
      const lazy = roundTrip(eager);
      expect(snapshot(lazy)).toEqual(snapshot(eager));
      expect(answers(lazy)).toEqual(answers(eager));
    });
  }

  it("give the same graph and answers on random lineages (shuffled file order, prototype ids, aliases, absences)", () => {
    fc.assert(
      fc.property(randomLineage, (lineage: LineageFile) => {
        const eager = buildGraph(lineage);
        const lazy = roundTrip(eager);
        expect(snapshot(lazy)).toEqual(snapshot(eager));
        expect(answers(lazy)).toEqual(answers(eager));
      }),
      { numRuns: 150 },
    );
  });

  it("read back every entry of texts written many at a time, ASCII or not (one in 97 names past ASCII)", () => {
    const lineage = bigLineage(3000) as unknown as LineageFile;
    Object.entries(lineage.models).forEach(([, m], i) => {
      if (i % 97 === 5) m.name = `Modèle ${i} «${"é".repeat(i % 7)}» 🙂`;
    });
    const loaded = loadLineageText(JSON.stringify(lineage), "mixed.json");
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join("; "));
    const eager = buildGraph(loaded.lineage, loaded.order);
    const lazy = roundTrip(eager);
    expect([...lazy.models]).toEqual([...eager.models]);
    expect(lazy.steps).toEqual(eager.steps);
  });

  it("parse an entry only when it is read, and keep it", () => {
    const eager = buildGraph(FIXTURES.embedded.lineage);
    const decoded = decodeCompact(encodeCompact(eager, { located: [], issues: [] }, "k", "v"), "k", "v")!;
    const reads: string[] = [];
    const entry = decoded.entry.bind(decoded);
    const lazy = lazyGraph({ ...decoded, entry: (kind, i) => (reads.push(`${kind}#${i}`), entry(kind, i)) });
    trace(lazy, { model: "code-davinci-002", ability: "chain-of-thought" });
    const afterTrace = reads.length;
    expect(afterTrace).toBeGreaterThan(0);
    expect(afterTrace).toBeLessThan(eager.steps.length + eager.models.size);
    // Steps on the path are read for their parentage; only those with a claim about the ability have their claims read.
    const read = (kind: string) => reads.filter((r) => r.startsWith(`${kind}#`)).length;
    expect(read("claims")).toBeGreaterThan(0);
    expect(read("claims")).toBeLessThan(read("steps"));
    trace(lazy, { model: "code-davinci-002", ability: "chain-of-thought" });
    expect(reads).toHaveLength(afterTrace);
    expect(new Set(reads).size).toBe(reads.length);
    expect(lazy.madeBy.get("code-davinci-002")).toBe(lazy.madeBy.get("code-davinci-002"));
  });

  it("keep the warnings, and the lineage's own fields", () => {
    const eager = buildGraph(FIXTURES.small.lineage);
    const warning = {
      file: "f",
      line: 1,
      column: 2,
      path: ["steps", 0, "kind"],
      message: "unknown step kind",
      severity: "warning" as const,
    };
    const decoded = decodeCompact(encodeCompact(eager, { located: [warning], issues: [] }, "k", "v"), "k", "v")!;
    expect(decoded.warnings()).toEqual({ located: [warning], issues: [] });
    expect(decoded.header.head).toEqual({
      lineage: 1,
      title: FIXTURES.small.lineage.title,
      ...(FIXTURES.small.lineage.description ? { description: FIXTURES.small.lineage.description } : {}),
    });
  });
});

describe("decodeCompact", () => {
  const bytes = encodeCompact(buildGraph(FIXTURES.small.lineage), { located: [], issues: [] }, "key", "1.0.0");

  it("refuses another content key, captrace version or format", () => {
    expect(decodeCompact(bytes, "key", "1.0.0")).toBeDefined();
    expect(decodeCompact(bytes, "other", "1.0.0")).toBeUndefined();
    expect(decodeCompact(bytes, "key", "1.0.1")).toBeUndefined();
    const format = Buffer.from(bytes.toString("latin1").replace('"format":1', '"format":9'), "latin1");
    expect(decodeCompact(format, "key", "1.0.0")).toBeUndefined();
  });

  /** `bytes` with its header changed by `edit`, and its checksum made again (so only the change can refuse it). */
  function withHeader(bytes: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
    const length = bytes.readUInt32LE(bytes.length - 4);
    const at = bytes.length - 4 - length;
    const header = JSON.parse(bytes.toString("utf8", at, at + length)) as Record<string, unknown>;
    edit(header);
    const text = Buffer.from(JSON.stringify(header));
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(text.length);
    const out = Buffer.concat([bytes.subarray(0, at), text, tail]);
    const hasher = new QuickHasher();
    hasher.update(text);
    out.write(hasher.digest().padEnd(32, " "), 8, "latin1");
    return out;
  }

  it("refuses an entry of another layout (an older one is compiled again), or of this layout without its making columns", () => {
    expect(
      decodeCompact(
        withHeader(bytes, () => {}),
        "key",
        "1.0.0",
      ),
    ).toBeDefined();
    expect(
      decodeCompact(
        withHeader(bytes, (h) => (h.layout = 6)),
        "key",
        "1.0.0",
      ),
    ).toBeUndefined();
    expect(
      decodeCompact(
        withHeader(bytes, (h) => delete h.hows),
        "key",
        "1.0.0",
      ),
    ).toBeUndefined();
    expect(
      decodeCompact(
        withHeader(bytes, (h) => delete (h.sections as Record<string, unknown>).stepHow),
        "key",
        "1.0.0",
      ),
    ).toBeUndefined();
    // A column that is not one model long.
    const shorter = (name: string) => (h: Record<string, unknown>) => {
      const section = (h.sections as Record<string, [number, number]>)[name]!;
      section[1] -= 4;
    };
    expect(decodeCompact(withHeader(bytes, shorter("stepHow")), "key", "1.0.0")).toBeUndefined();
    expect(decodeCompact(withHeader(bytes, shorter("modelNamedById")), "key", "1.0.0")).toBeUndefined();
    // Model ids that do not fill their text, or a text without its ids' starts.
    expect(decodeCompact(withHeader(bytes, shorter("modelIdStart")), "key", "1.0.0")).toBeUndefined();
    expect(decodeCompact(withHeader(bytes, shorter("modelIdText")), "key", "1.0.0")).toBeUndefined();
    // An offset table that does not span its texts.
    expect(decodeCompact(withHeader(bytes, shorter("stepsOffsets")), "key", "1.0.0")).toBeUndefined();
  });

  it("refuses every truncation and every changed byte, without throwing", () => {
    for (let n = 0; n < bytes.length; n++) expect(decodeCompact(bytes.subarray(0, n), "key", "1.0.0")).toBeUndefined();
    for (let i = 0; i < bytes.length; i++) {
      const damaged = Buffer.from(bytes);
      damaged[i] = damaged[i]! ^ 0x20;
      expect(decodeCompact(damaged, "key", "1.0.0"), `byte ${i}`).toBeUndefined();
    }
    expect(decodeCompact(Buffer.concat([bytes, Buffer.from("x")]), "key", "1.0.0")).toBeUndefined();
    expect(decodeCompact(Buffer.from("not a compact lineage at all, just text"), "key", "1.0.0")).toBeUndefined();
  });

  it("in a lineage of many blocks, finds a changed byte when opened or when the entry holding it is read", () => {
    const loaded = loadLineageText(JSON.stringify(bigLineage(400)), "big.json");
    if (!loaded.ok) throw new Error("big lineage invalid");
    const bytes = encodeCompact(buildGraph(loaded.lineage, loaded.order), { located: [], issues: [] }, "key", "1.0.0");
    expect(bytes.length).toBeGreaterThan(4 * BLOCK);
    let lazily = 0;
    for (let i = 0; i < bytes.length; i += 211) {
      const damaged = Buffer.from(bytes);
      damaged[i] = damaged[i]! ^ 0x20;
      const decoded = decodeCompact(damaged, "key", "1.0.0");
      if (decoded === undefined) continue;
      // Past the index sections, a damaged byte is found when its block is first read: reading everything throws.
      lazily++;
      expect(() => {
        for (const kind of RECORD_KINDS) {
          const count =
            kind === "steps" || kind === "claims"
              ? decoded.stepCount
              : kind === "models"
                ? decoded.modelIds.length
                : decoded.header[idsOf[kind]].length;
          for (let e = 0; e < count; e++) decoded.entry(kind, e);
        }
        decoded.warnings();
      }, `byte ${i}`).toThrow(DamagedEntryError);
    }
    // The texts are most of the bytes: most damage is found only when read.
    expect(lazily).toBeGreaterThan(bytes.length / 211 / 4);
  });

  it("checks its checksum with the hasher it was written with (the user cache's sha256), and refuses another", async () => {
    const hasher = await cacheHasher();
    const withSha = encodeCompact(
      buildGraph(FIXTURES.small.lineage),
      { located: [], issues: [] },
      "key",
      "1.0.0",
      hasher,
    );
    expect(decodeCompact(withSha, "key", "1.0.0", hasher)).toBeDefined();
    expect(decodeCompact(withSha, "key", "1.0.0")).toBeUndefined();
    expect(decodeCompact(bytes, "key", "1.0.0", hasher)).toBeUndefined();
    for (let i = 40; i < withSha.length; i += 7) {
      const damaged = Buffer.from(withSha);
      damaged[i] = damaged[i]! ^ 0x20;
      expect(decodeCompact(damaged, "key", "1.0.0", hasher), `byte ${i}`).toBeUndefined();
    }
  });

  it("opens a large lineage reading only its header and index sections; each text block is read once, when asked", () => {
    const graph = buildGraph(FIXTURES.small.lineage);
    const big = encodeCompact(graph, { located: [], issues: [] }, "key", "1.0.0");
    const reads: [number, number][] = [];
    const source: ByteSource = {
      size: big.length,
      read: (offset, length) => (reads.push([offset, length]), big.subarray(offset, offset + length)),
    };
    const decoded = decodeCompact(source, "key", "1.0.0")!;
    const header = decoded.header;
    const firstText = header.sections[`${RECORD_KINDS[0]}Text`][0];
    const opened = reads.reduce((n, [, length]) => n + length, 0);
    // The front, the header and its length, and the index sections' blocks.
    expect(opened).toBeLessThanOrEqual(
      40 + 4 + Buffer.byteLength(JSON.stringify(header)) + Math.ceil(firstText / BLOCK) * BLOCK,
    );
    reads.length = 0;
    decoded.entry("models", 0);
    decoded.entry("models", 0);
    expect(reads.length).toBeLessThanOrEqual(2);
    expect(decoded.entry("models", 0)).toEqual(Object.values(FIXTURES.small.lineage.models)[0]);
  });

  it("reads a buffer that does not start on a 4-byte boundary", () => {
    const shifted = Buffer.alloc(bytes.length + 1);
    bytes.copy(shifted, 1);
    const decoded = decodeCompact(shifted.subarray(1), "key", "1.0.0");
    expect(decoded).toBeDefined();
    expect(snapshot(lazyGraph(decoded!))).toEqual(snapshot(buildGraph(FIXTURES.small.lineage)));
  });
});
