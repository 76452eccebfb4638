/**
 * The article's answers through the CLI (issue 12): `matrix --changes --json` gives every signed marker of its
 * summary table, `summary` prints the table, and the design card's traces name the origin and the changes right.
 */
import { describe, expect, it } from "vitest";
import { MatrixOut, ShowAbilityOut, ShowModelOut, SummaryOut, TraceOut } from "../../src/contract.js";
import { TABLE, WORDS } from "../lineage/article-table.js";
import { cli } from "../support/run-cli.js";

const at80 = { env: { COLUMNS: "80" } };

describe("matrix --changes --json", () => {
  it("gives every one of the 24 signed markers of the article's table, symbol for symbol", async () => {
    const r = await cli(["matrix", "--changes", "--json"]);
    expect(r.code).toBe(0);
    const m = MatrixOut.parse(JSON.parse(r.stdout));
    expect(m.view).toBe("changes");
    const markers = TABLE.flatMap(([model, row]) =>
      row.map(([sign, words]) => ({ model, sign, ability: WORDS[words]! })),
    );
    expect(markers).toHaveLength(24);
    for (const { model, sign, ability } of markers) {
      const cell = m.rows.find((row) => row.model === model)?.cells.find((c) => c.ability === ability);
      expect(cell?.symbol, `${model} ${ability}`).toBe(sign);
    }
  });

  it("leaves a cell blank where the model's own step said nothing, unlike the plain matrix", async () => {
    const changes = MatrixOut.parse(
      JSON.parse(
        (await cli(["matrix", "--changes", "--json", "--models", "chatgpt", "--abilities", "code-generation"])).stdout,
      ),
    );
    const state = MatrixOut.parse(
      JSON.parse((await cli(["matrix", "--json", "--models", "chatgpt", "--abilities", "code-generation"])).stdout),
    );
    expect(changes.rows[0]!.cells[0]!.symbol).toBe("");
    expect(state.rows[0]!.cells[0]!.symbol).not.toBe("");
    expect(state.view).toBe("state");
  });

  it("prints the result's legend under the table, fitted to the width", async () => {
    const r = await cli(["matrix", "--changes"], at80);
    const m = MatrixOut.parse(JSON.parse((await cli(["matrix", "--changes", "--json"])).stdout));
    expect(r.stdout.replace(/\n\s*/g, " ")).toContain(m.legend);
    for (const line of r.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe("matrix --changes in the other formats", () => {
  it("writes the own step's change in words in CSV, and the changes legend under Markdown", async () => {
    const csv = (
      await cli([
        "matrix",
        "--changes",
        "--format",
        "csv",
        "--models",
        "chatgpt",
        "--abilities",
        "in-context-learning,dialogue,code-generation",
      ])
    ).stdout;
    expect(csv).toBe("model,in-context-learning,dialogue,code-generation\nchatgpt,greatly weakened,unlocked,\n");
    const md = (await cli(["matrix", "--changes", "--format", "markdown", "--models", "chatgpt"])).stdout;
    expect(md).toContain("blank: the step said nothing");
    expect(md).not.toContain("?");
  });
});

describe("summary", () => {
  it("prints the table's rows: each model, its training method and its own step's markers", async () => {
    const r = await cli(["summary"], at80);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("What each model's own training step changed (10 models)");
    const json = SummaryOut.parse(JSON.parse((await cli(["summary", "--json"])).stdout));
    const flat = r.stdout.replace(/\n\s*/g, " ");
    for (const row of json.rows) {
      expect(flat).toContain(row.model);
      for (const m of row.markers) expect(flat).toContain(m.text);
    }
    expect(flat).toContain("-- In-context learning");
    expect(flat).toContain("RLHF (PPO)");
  });
});

describe("the design card's traces", () => {
  it("trace code-davinci-002 chain-of-thought names code training as the origin, hedged, and the merge as strengthening it", async () => {
    const r = await cli(["trace", "code-davinci-002", "chain-of-thought"], at80);
    expect(r.code).toBe(0);
    const answer = r.stdout.split("\n\n")[0]!.replace(/\n\s+/g, " ");
    expect(answer).toMatch(
      /^chain-of-thought in code-davinci-002: present, greatly strengthened; introduced by Training on code in code-davinci-001 and code-cushman-001, then greatly strengthened by LM \+ code training then instruction tuning \(present: \w+; how it came: (hypothesis|likely|speculative)\)$/,
    );
    expect(r.stdout.trimEnd().split("\n").length).toBeLessThanOrEqual(20);
    const json = TraceOut.parse(
      JSON.parse((await cli(["trace", "code-davinci-002", "chain-of-thought", "--json"])).stdout),
    );
    expect(json.origins.map((o) => o.kind)).toEqual(["code-training", "code-training"]);
    expect(json.changes.map((c) => c.step)).toEqual(["merge-code-davinci-002"]);
  });

  it("trace chatgpt in-context-learning says present, greatly weakened", async () => {
    const r = await cli(["trace", "chatgpt", "in-context-learning"], at80);
    expect(r.code).toBe(0);
    const answer = r.stdout.split("\n\n")[0]!.replace(/\n\s+/g, " ");
    expect(answer).toMatch(
      /^in-context-learning in chatgpt: present, greatly weakened; introduced by .* in davinci, then weakened by .* and greatly weakened by RLHF \(/,
    );
  });

  it("prints everything with --evidence: each note of the history and what each other reading makes of the answer", async () => {
    const full = await cli(["trace", "code-davinci-002", "chain-of-thought", "--evidence", "--width", "0"]);
    const json = TraceOut.parse(
      JSON.parse((await cli(["trace", "code-davinci-002", "chain-of-thought", "--json"])).stdout),
    );
    for (const e of json.history) if (e.note) expect(full.stdout).toContain(e.note);
    for (const u of json.underReadings) expect(full.stdout).toContain(`${u.step}=${u.alternative} (`);
  });
});

describe("--reading", () => {
  it("answers trace, diff and matrix under another parentage reading, and says which", async () => {
    const trace = TraceOut.parse(
      JSON.parse(
        (await cli(["trace", "code-davinci-002", "cot", "--reading", "merge-code-davinci-002=1", "--json"])).stdout,
      ),
    );
    expect(trace.reading).toBe("merge-code-davinci-002=1");
    expect(trace.path).toEqual(["code-davinci-002"]);
    const text = await cli(["trace", "code-davinci-002", "cot", "--reading", "merge-code-davinci-002=1"], at80);
    expect(text.stdout).toContain("Reading: merge-code-davinci-002=1");
    expect(text.stdout.split("\n")[0]).not.toContain("Training on code");
    const diff = JSON.parse(
      (await cli(["diff", "text-davinci-003", "chatgpt", "--reading", "rlhf-chatgpt=1", "--json"])).stdout,
    ) as { reading: string };
    expect(diff.reading).toBe("rlhf-chatgpt=1");
    const matrix = MatrixOut.parse(
      JSON.parse((await cli(["matrix", "--reading", "rlhf-chatgpt=1,merge-code-davinci-002=1", "--json"])).stdout),
    );
    expect(matrix.reading).toBe("merge-code-davinci-002=1,rlhf-chatgpt=1");
  });

  it.each([
    [["trace", "chatgpt", "cot", "--reading", "nonsense"], /a reading is STEP=N/],
    [["trace", "chatgpt", "cot", "--reading", "no-such-step=1"], /unknown step 'no-such-step'/],
    [["matrix", "--reading", "rlhf-chatgpt=7"], /has 1 alternative reading; 7 is not one/],
    [["diff", "chatgpt", "text-davinci-003", "--reading", "x"], /a reading is STEP=N/],
  ])("refuses %j with exit 2 and one message", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });
});

describe("show of a step and of a source", () => {
  it("shows what a step did and its claims", async () => {
    const r = await cli(["show", "merge-code-davinci-002"], at80);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^LM \+ code training then instruction tuning \(merge-code-davinci-002\): made/,
    );
    expect(r.stdout).toContain("++ chain-of-thought: greatly strengthened");
    expect(
      (JSON.parse((await cli(["show", "merge-code-davinci-002", "--json"])).stdout) as { kind: string }).kind,
    ).toBe("step");
  });

  it("shows a source and what it is cited for", async () => {
    const r = await cli(["show", "wei2022cot"], at80);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(wei2022cot)");
    expect(r.stdout).toContain("claim         merge-code-davinci-002: chain-of-thought strengthened");
    expect((await cli(["show", "wei2022cot", "--evidence"], at80)).stdout.length).toBeGreaterThan(r.stdout.length);
  });
});

describe("show says the size of a state, as trace does", () => {
  it("ChatGPT's in-context learning is greatly weakened (--), in text and JSON", async () => {
    const json = ShowModelOut.parse(JSON.parse((await cli(["show", "chatgpt", "--json"])).stdout));
    expect(json.abilities.find((a) => a.ability === "in-context-learning")).toMatchObject({
      state: "weakened",
      size: "great",
    });
    const text = (await cli(["--width", "120", "show", "chatgpt"])).stdout;
    const row = text.split("\n").find((l) => l.includes(" in-context-learning "))!;
    expect(row).toMatch(/│ -- +│ in-context-learning +│ greatly weakened/);
    const ability = ShowAbilityOut.parse(JSON.parse((await cli(["show", "in-context-learning", "--json"])).stdout));
    expect(ability.models.find((m) => m.model === "chatgpt")).toMatchObject({ size: "great" });
  });
});
