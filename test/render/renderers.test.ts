import stringWidth from "string-width";
import { SCHEMA_VERSION, STATE_LEGEND } from "../../src/vocabulary.js";
import { describe, expect, it } from "vitest";
import type { ListResult, MatrixResult, RoadmapResult, ShowAbilityResult, TreeResult } from "../../src/contract.js";
import { columnGroups } from "../../src/render/matrix-text.js";
import { PLAIN, render, type Painter, type RenderOptions } from "../../src/render/index.js";
import { diffOf, entry, evidence, parentage, showModelOf, traceOf } from "./results.js";

const plain = (width = 80, detail = false): RenderOptions => ({ painter: PLAIN, width, detail });
const lines = (text: string) => text.trimEnd().split("\n");
const widest = (text: string) => Math.max(...lines(text).map((l) => stringWidth(l)));

describe("trace text", () => {
  it("answers first, then the path and one line per step; notes and evidence only in detail", () => {
    const short = render("trace", "text", traceOf(), plain());
    expect(short.split("\n\n")[0]!.replace(/\n\s+/g, " ")).toBe(
      "math in top: present; introduced by Tuning in top (present: established; how it came: established)",
    );
    expect(short).toContain("Path: base -> top");
    expect(short).toContain("+  introduced by Tuning [tune]: established; paper");
    expect(short).not.toContain("What the paper says.");
    expect(short).toContain("--evidence");
    const full = render("trace", "text", traceOf(), plain(80, true));
    expect(full).toContain("A note on the claim.");
    expect(full).toContain("paper §1: What the paper says.");
    expect(full).toContain("Parentage along the path");
    expect(full).not.toContain("--evidence");
  });

  it("says an absence, the records of lacking (each source once), and where else the ability is", () => {
    const lack = {
      confidence: "likely" as const,
      evidence: [evidence("paper", "Not there."), evidence("paper", "Nor here.")],
      note: "Same reason.",
    };
    const r = traceOf({
      present: false,
      state: "absent",
      stateText: "absent",
      size: null,
      presenceConfidence: null,
      originConfidence: null,
      introducedBy: null,
      origins: [],
      history: [],
      parentage: [],
      lacks: [
        { model: "top", ...lack },
        { model: "base", ...lack },
      ],
      elsewhere: [{ model: "other", state: "introduced" }],
      elsewhereTotal: 3,
    });
    const short = render("trace", "text", r, plain());
    expect(lines(short)[0]).toBe("math in top: absent (no step on its lineage introduces or unlocks it)");
    expect(short).toContain("  top: likely; paper\n  base: likely; paper");
    expect(short).toContain("Present elsewhere in the lineage: other (introduced), and 2 more");
    const full = render("trace", "text", r, plain(0, true));
    expect(full.match(/Same reason\./g)).toHaveLength(1);
    expect(full.match(/Not there\./g)).toHaveLength(1);
    expect(full).toContain("paper §1 (as above)");
    expect(
      render(
        "trace",
        "text",
        traceOf({
          present: false,
          state: "absent",
          stateText: "absent",
          introducedBy: null,
          origins: [],
          history: [],
          parentage: [],
        }),
        plain(),
      ),
    ).toContain("No model in the lineage has math.");
  });

  it("shows each reading when paths disagree, and names steps read otherwise", () => {
    const reading = {
      state: "weakened" as const,
      present: true,
      introducedBy: null,
      history: [],
      path: ["base", "side", "top"],
      confidence: "likely" as const,
      presenceConfidence: "likely" as const,
      originConfidence: "likely" as const,
    };
    const alt = parentage({
      step: "tune",
      alternatives: [{ from: [], confidence: "hypothesis", evidence: [], note: "Maybe no base." }],
    });
    const short = render(
      "trace",
      "text",
      traceOf({ agreement: false, readings: [reading, reading], truncated: true, parentage: [alt] }),
      plain(),
    );
    expect(short).toContain("Paths disagree: 2 readings reach top (more exist; only the first are kept).");
    expect(short).toContain("  2. weakened (confidence: likely) via base -> side -> top");
    expect(short).toContain("Parentage: tune has another reading");
    expect(render("trace", "text", traceOf({ parentage: [alt] }), plain(0, true))).toContain(
      "alternative reading: (root) -> b (base unknown)  confidence: hypothesis",
    );
  });

  it("wraps a long answer at word boundaries with a hanging indent, and not at width 0", () => {
    const long = entry({
      step: "tune",
      label: "A very long step label that goes on and on",
      from: ["base"],
      to: "top",
    });
    const r = traceOf({
      introducedBy: long,
      history: [long, { ...long, effect: "strengthened" }, { ...long, effect: "weakened" }],
    });
    const text = render("trace", "text", r, plain(40));
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(lines(text)[1]).toMatch(/^ {2}\S/);
    expect(lines(render("trace", "text", r, plain(0)))[0]).toMatch(
      /^math in top: .* \(present: established; how it came: established\)$/,
    );
  });
});

describe("trace text under contract v2", () => {
  const origin = (to: string) =>
    entry({
      step: `code-${to}`,
      label: "Training on code",
      from: ["base"],
      to,
      confidence: "likely",
      attribution: "hypothesis",
    });
  const merge = entry({
    step: "merge",
    label: "Merge",
    from: ["a", "b"],
    to: "top",
    effect: "strengthened",
    size: "great",
    change: "greatly strengthened",
    symbol: "++",
  });
  const r = traceOf({
    state: "strengthened",
    size: "great",
    stateText: "present, greatly strengthened",
    introducedBy: origin("a"),
    origins: [origin("a"), origin("b")],
    changes: [
      {
        step: "merge",
        to: "top",
        effect: "strengthened",
        size: "great",
        change: "greatly strengthened",
        symbol: "++",
        confidence: "established",
      },
    ],
    history: [origin("a"), merge],
    path: ["base", "a", "top"],
    presenceConfidence: "established",
    originConfidence: "hypothesis",
    confidence: "hypothesis",
    underReadings: [
      {
        step: "merge",
        alternative: 1,
        from: [],
        present: true,
        state: "strengthened",
        introducedBy: null,
        differs: true,
      },
      {
        step: "tune",
        alternative: 1,
        from: ["x"],
        present: true,
        state: "strengthened",
        introducedBy: "code-a",
        differs: false,
      },
    ],
  });

  it("names every origin, grouped by step name, then each later change, with both confidences", () => {
    expect(render("trace", "text", r, plain(0)).split("\n")[0]).toBe(
      "math in top: present, greatly strengthened; introduced by Training on code in a and b, then greatly strengthened by Merge (present: established; how it came: hypothesis)",
    );
  });

  it("lists each origin and the later change, with its size symbol and an attribution that differs", () => {
    const text = render("trace", "text", r, plain(0));
    expect(text).toContain("  +  introduced by Training on code [code-a]: likely; how: hypothesis; src");
    expect(text).toContain("  +  introduced by Training on code [code-b]: likely; how: hypothesis; src");
    expect(text).toContain("  ++ greatly strengthened by Merge [merge]: established; src");
  });

  it("says in one line which readings change the answer; in detail what each makes of it", () => {
    const short = render("trace", "text", r, plain(0));
    expect(short).toContain("Parentage readings: the answer changes under merge=1; not under tune=1");
    const full = render("trace", "text", r, plain(0, true));
    expect(full).toContain("merge=1 (base unknown): present, strengthened, no recorded origin (the answer changes)");
    expect(full).toContain("tune=1 (from x): present, strengthened, origin still code-a (same answer)");
    const same = render("trace", "text", { ...r, underReadings: [r.underReadings[1]!] }, plain(0));
    expect(same).toContain("Parentage readings: no other reading changes the answer");
  });

  it("says a present ability with no recorded origin, and names the reading asked for", () => {
    const text = render("trace", "text", { ...r, origins: [], introducedBy: null, reading: "merge=1" }, plain(0));
    expect(text.split("\n")[0]).toBe(
      "math in top: present, greatly strengthened; where it first appeared is not recorded; greatly strengthened by Merge (present: established)",
    );
    expect(text).toContain("Reading: merge=1");
  });
});

describe("diff text", () => {
  it("names the relation and says when nothing differs", () => {
    const r = { ...diffOf(0), relation: "same" as const, commonAncestors: [] };
    expect(render("diff", "text", r, plain())).toBe(
      "left is the same model as right.\nNo ability differs between left and right.\n",
    );
  });

  it("puts one line per step in 'explained by', with edges only in detail, and marks 'again'", () => {
    const r = diffOf(1);
    r.changes[0]!.stateChanged = false;
    r.changes[0]!.againFrom = true;
    const short = render("diff", "text", r, plain(120));
    expect(short).toContain("0 abilities change state; 1 more is changed again past the common ancestry:");
    expect(short).toMatch(/│ < introduced by fine-tuning\s+│/);
    expect(short).toMatch(/│ > lost by fine-tuning\s+│/);
    expect(short).toContain("+ introduced again");
    expect(render("diff", "text", r, plain(120, true))).toContain("< introduced by fine-tuning (root -> left)");
    r.changes[0]!.againFrom = false;
    expect(render("diff", "text", r, plain(120))).not.toContain("introduced again");
  });

  it("says sizes, recorded lacks, independent gains and the readings that change rows", () => {
    const r = diffOf(1);
    Object.assign(r.changes[0]!, {
      before: "weakened",
      beforeSize: "great",
      beforeText: "present, greatly weakened",
      after: "absent",
      afterSize: null,
      afterText: "absent",
      afterLacked: true,
    });
    r.changes.push({
      ...r.changes[0]!,
      ability: "both",
      before: "introduced",
      beforeText: "present, introduced",
      beforeSize: "normal",
      after: "introduced",
      afterText: "present, introduced",
      afterSize: "normal",
      afterLacked: false,
      independent: true,
    });
    r.underReadings = [
      { step: "join", alternative: 1, from: [], abilities: ["both"] },
      { step: "other", alternative: 1, from: ["x"], abilities: [] },
    ];
    const text = render("diff", "text", r, plain(0));
    expect(text).toContain("│ -- greatly weakened │");
    expect(text).toContain("absent (recorded as lacking)");
    expect(text).toContain("Gained independently on each side: both.");
    expect(text).toContain("under join=1 the row of both changes");
    expect(text).not.toContain("other=1");
  });
});

describe("show text", () => {
  it("prints a model card, a one-line parentage, the abilities table and the lacking records", () => {
    const r = showModelOf({
      aliases: ["t"],
      lacks: [
        { model: "top", ability: "code", confidence: "likely", evidence: [evidence("paper", "No code.")], note: null },
      ],
    });
    const short = render("show", "text", r, plain());
    expect(lines(short)[0]).toBe("Top (top)");
    expect(short).toContain("  aliases       t");
    expect(short).toContain("base -> top [tune]: parentage established");
    expect(short).toMatch(/│ \+ +│ math +│ introduced +│ likely +│/);
    expect(short).not.toContain("introduced by");
    expect(short).toContain("  code: likely; paper");
    const full = render("show", "text", r, plain(120, true));
    expect(full).toContain("introduced by");
    expect(full).toContain("paper §1: Top is tuned from base.");
    expect(full).toContain("paper §1: No code.");
  });

  it("prints an ability across models, then its claims", () => {
    const r: ShowAbilityResult = {
      schemaVersion: SCHEMA_VERSION,
      kind: "ability",
      id: "math",
      name: "Math",
      aliases: [],
      description: "Doing sums.",
      models: [
        {
          model: "top",
          name: "Top",
          state: "absent",
          size: null,
          present: false,
          confidence: null,
          introducedBy: null,
          agreement: false,
          lacked: true,
        },
      ],
      claims: [entry({ step: "tune", note: "Claim note." })],
    };
    const short = render("show", "text", r, plain());
    expect(short).toContain("absent (recorded as lacking) (paths disagree)");
    expect(short).toContain("Claims\n  +  introduced by fine-tuning [tune]: established; src");
    expect(render("show", "text", r, plain(80, true))).toContain("Claim note.");
  });
});

describe("list text", () => {
  const cases: ListResult[] = [
    {
      schemaVersion: SCHEMA_VERSION,
      what: "models",
      items: [
        {
          id: "m",
          name: "M",
          aliases: [],
          series: "S",
          api: null,
          released: "2020",
          params: "1B",
          context: 2048,
          parents: ["a", "b"],
        },
      ],
    },
    {
      schemaVersion: SCHEMA_VERSION,
      what: "abilities",
      items: [{ id: "x", name: "X", aliases: ["y"], claims: 2, models: 3 }],
    },
    {
      schemaVersion: SCHEMA_VERSION,
      what: "steps",
      items: [
        { id: "s", kind: "merge", label: null, from: [], to: "m", confidence: "likely", claims: 1, alternatives: 2 },
      ],
    },
    {
      schemaVersion: SCHEMA_VERSION,
      what: "sources",
      items: [
        {
          id: "p",
          title: "A title longer than sixty characters, kept whole: the table wraps it instead",
          authors: [],
          year: 2022,
          identifier: "arXiv:1",
          url: null,
          cited: 4,
        },
      ],
    },
  ];
  it.each(cases)("draws a $what table that fits, one line a row and no rule between rows", (r) => {
    const text = render("list", "text", r, plain(60));
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(lines(text)[1]).toMatch(/^│ id /);
    expect(text.match(/├/g)).toHaveLength(1);
  });

  it("keeps every cell", () => {
    expect(render("list", "text", cases[0]!, plain(0))).toMatch(/│ m +│ M +│ S +│ 2020 +│ 1B +│ 2048 +│ a, b +│/);
    expect(render("list", "text", cases[2]!, plain(0))).toMatch(
      /│ s +│ merge +│ \(root\) +│ m +│ likely \(\+2 alt\.\) +│ 1 +│/,
    );
    expect(render("list", "text", cases[3]!, plain(0))).toContain("kept whole: the table wraps it instead");
  });
});

describe("tree text", () => {
  const line = (depth: number, model: string, over: Partial<TreeResult["lines"][number]> = {}) => ({
    depth,
    model,
    name: model,
    step: depth ? `to-${model}` : null,
    kind: depth ? "fine-tuning" : null,
    label: null,
    confidence: depth ? ("established" as const) : null,
    state: null,
    size: null,
    repeated: false,
    cut: false,
    last: true,
    ...over,
  });
  const r: TreeResult = {
    schemaVersion: SCHEMA_VERSION,
    direction: "lineage",
    model: null,
    ability: null,
    lines: [
      line(0, "root"),
      line(1, "a", { last: false, confidence: "likely" }),
      line(2, "deep", { repeated: true }),
      line(1, "b", { state: "lost", cut: true }),
    ],
  };

  it("draws branches in utf8 or ascii, marks repeats and cuts, and explains (*)", () => {
    expect(render("tree", "text", r, plain())).toBe(
      [
        "root",
        "├── a [fine-tuning, likely]",
        "│   └── deep [fine-tuning] (*)",
        "└── b [fine-tuning] x lost ...",
        "",
        "(*) shown in full above",
        "",
      ].join("\n"),
    );
    expect(render("tree", "text", r, { ...plain(), charset: "ascii" })).toContain(
      "|-- a [fine-tuning, likely]\n|   `-- deep",
    );
  });

  it("marks a state with its size, as show and trace do", () => {
    const sized: TreeResult = {
      ...r,
      ability: "x",
      lines: [
        line(0, "root", { state: "introduced", size: "normal" }),
        line(1, "a", { state: "weakened", size: "great", last: false }),
        line(1, "b", { state: "absent" }),
      ],
    };
    expect(lines(render("tree", "text", sized, plain()))).toEqual([
      "root + introduced",
      "├── a [fine-tuning] -- greatly weakened",
      "└── b [fine-tuning] · absent",
    ]);
  });

  it("wraps a long line beside its branch", () => {
    const long: TreeResult = {
      ...r,
      lines: [
        line(0, "root"),
        line(1, "a", { label: "a label of many words that cannot fit in a narrow terminal", last: false }),
        line(1, "b"),
      ],
    };
    const text = render("tree", "text", long, plain(40));
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(lines(text)[2]).toMatch(/^│ {5}\S/);
  });
});

describe("matrix table", () => {
  const abilities = Array.from({ length: 12 }, (_, i) => ({ id: `ability-number-${i}`, name: `A${i}` }));
  const r: MatrixResult = {
    schemaVersion: SCHEMA_VERSION,
    view: "state",
    reading: "",
    legend: STATE_LEGEND,
    underReadings: [],
    models: [
      { id: "m1", name: "M1" },
      { id: "m2", name: "M2" },
    ],
    abilities,
    rows: ["m1", "m2"].map((model, k) => ({
      model,
      cells: abilities.map((a, i) => ({
        ability: a.id,
        state: "introduced" as const,
        symbol: (i + k) % 2 ? "+" : "",
        agreement: i !== 3,
        change: null,
        size: null,
      })),
    })),
  };

  it("splits a matrix too wide into column groups that fit, the model column repeated, every cell kept", () => {
    const text = render("matrix", "table", r, plain(80));
    expect(widest(text)).toBeLessThanOrEqual(80);
    const tables = text.split("\n\n");
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables.slice(0, -1)) expect(t).toMatch(/^┌[^\n]*\n│ model /);
    expect(text.match(/│ m1 /g)).toHaveLength(tables.length);
    expect(text.replace(/\n/g, "").match(/number-/g)).toHaveLength(12);
    expect(text).toContain("+?");
    expect(text.replace(/\n\s*/g, " ")).toContain("? paths disagree");
  });

  it("is one table at width 0", () => {
    const text = render("matrix", "table", r, plain(0));
    expect(text.match(/┌/g)).toHaveLength(1);
    expect(lines(text)[1]).toContain("ability-number-11");
  });

  it("groups columns in order, each group at least one column", () => {
    expect(columnGroups([10, 10, 10], 5, 0)).toEqual([[0, 3]]);
    expect(columnGroups([10, 10, 10], 5, 40)).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(columnGroups([100, 10], 5, 40)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe("roadmap text", () => {
  const step = {
    ...parentage({ step: "tune", label: "Tuning", method: "SFT", evidence: [evidence("paper", "It was tuned.")] }),
    order: 1,
    contributes: [
      { ability: "math", effect: "introduced" as const, confidence: "likely" as const },
      { ability: "code", effect: "weakened" as const, confidence: "hypothesis" as const },
    ],
    approximations: [],
  };
  const r: RoadmapResult = { schemaVersion: SCHEMA_VERSION, model: "b", steps: [step] };
  it("numbers the steps, says what each contributes, and its evidence in detail", () => {
    const short = render("roadmap", "text", r, plain());
    expect(short).toContain("Roadmap to b: 1 step, in order");
    expect(short).toContain(" 1. Tuning (SFT)  a -> b  parentage: established");
    expect(short).toContain("    contributes: math (introduced, likely)");
    expect(short).toContain("    also:        code weakened (hypothesis)");
    expect(short).toContain("    sources: paper");
    expect(render("roadmap", "text", r, plain(80, true))).toContain("paper §1: It was tuned.");
  });
});

describe("colour", () => {
  it("paints with the painter it is given, and only with it", () => {
    const mark = (tag: string) => (t: string) => `<${tag}>${t}</${tag}>`;
    const painter: Painter = {
      bold: mark("b"),
      dim: mark("d"),
      italic: mark("i"),
      cyan: mark("c"),
      green: mark("g"),
      yellow: mark("y"),
      red: mark("r"),
    };
    const text = render("trace", "text", traceOf(), { painter, width: 0, detail: false });
    expect(text).toContain("<b>Path</b>");
    expect(text).toContain("(present: <g>established</g>; how it came: <g>established</g>)");
    expect(
      render(
        "list",
        "text",
        { schemaVersion: SCHEMA_VERSION, what: "abilities", items: [] },
        { painter, width: 0, detail: false },
      ),
    ).toContain("<b>id</b>");
    const none = render("trace", "text", traceOf(), plain(0));
    expect(none).not.toContain("<");
    expect(none).not.toContain("\u001b");
  });
});
