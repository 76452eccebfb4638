/**
 * The catalogue of invalid lineage files in test/fixtures/invalid/: one directory per case, holding the
 * lineage file and expected.txt, the exact lines `captrace validate` prints on stderr for it (every error
 * and warning, as `formatProblem` writes them, with the file's path written as FILE).
 *
 * Each case is checked twice: through `loadLineageFile`, and through the CLI run in-process, which must
 * exit 3, print nothing on stdout, and print the same lines plus its `PATH: N errors` summary on stderr.
 * To add a case: write the directory, run `node bin/captrace validate` on it, check every message and
 * position by hand, write expected.txt, and add the case to CASES below.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import { loadLineageFile } from "../../src/load/load-lineage.js";
import { formatProblem } from "../../src/problem.js";

const ROOT = fileURLToPath(new URL("../fixtures/invalid/", import.meta.url));
const MIN_CASES = 35;

/**
 * What the catalogue must cover, each with a pattern that some expected line of a case covering it must
 * match (so a case cannot claim a rule its expected output does not show).
 */
const REQUIRED = {
  // YAML level
  "yaml-syntax": /: error: YAML syntax error: /,
  "tab-indentation": /: error: YAML syntax error: Tabs are not allowed as indentation$/,
  "empty-file": /^FILE: error: file is empty /,
  "only-comments": /^FILE: error: file is empty /,
  "top-level-list": /found a list$/,
  "top-level-scalar": /found a single value$/,
  "several-documents": /this one holds several/,
  "duplicate-key-top": /^FILE:\d+:1: error: duplicate key /,
  "duplicate-key-nested": /^FILE:\d+:([2-9]|\d\d+): error: duplicate key /,
  "invalid-utf8": /: error: not valid UTF-8 text/,
  "alias-bomb": /billion laughs/,
  "deep-flow": /nested too deeply/,
  // schema (zod) level
  "wrong-version": /: error: lineage must be 1, got /,
  "missing-top-key":
    /: error: missing required key '(sources|abilities|models|steps|title|lineage)' in the top-level mapping$/,
  "misspelled-top-key": /: error: unknown key '\w+' in the file \(did you mean \w+\?\)$/,
  "misspelled-model-key": /: error: unknown key '\w+' in models\.\w+ \(did you mean \w+\?\)$/,
  "misspelled-step-key": /: error: unknown key '\w+' in steps\[\d+\] \(did you mean \w+\?\)$/,
  "misspelled-claim-key": /: error: unknown key '\w+' in steps\[\d+\]\.claims\[\d+\] \(did you mean \w+\?\)$/,
  "misspelled-evidence-key": /: error: unknown key '\w+' in \S+\.evidence\[\d+\] \(did you mean \w+\?\)$/,
  "string-for-list": /must be a list, got a string /,
  "number-for-string": /must be a string, got a number /,
  "mapping-for-list": /must be a list, got a mapping$/,
  "bad-effect": /\.effect must be one of .*\(did you mean \w+\?\)$/,
  "bad-confidence": /\.confidence must be one of .*\(did you mean \w+\?\)$/,
  "bad-id": /id '[^']* [^']*' must start with a letter/,
  "empty-name": /\.(name|title) must not be empty$/,
  "bad-date": /\.released must be a date: /,
  "bad-url": /\.url must be a URL, got /,
  "empty-evidence": /\.evidence needs at least 1 entry$/,
  "kind-not-kebab": /\.kind must be kebab-case/,
  // cross-reference rules
  "unknown-parent": /: error: unknown model '[^']+'/,
  "unknown-to": /: error: unknown model '[^']+'/,
  "unknown-claim-ability": /: error: unknown ability '[^']+'/,
  "unknown-evidence-source": /: error: unknown source '[^']+' \(did you mean [^?]+\?\)$/,
  "unknown-lacks-ability": /: error: unknown ability '[^']+'/,
  "unknown-paper-source": /: error: unknown source '[^']+'/,
  "model-and-ability-share-a-name": /: error: name '[^']+' is already used by (model|ability) /,
  "alias-clashes-with-an-id": /: error: name '[^']+' is already used by model /,
  "size-on-lost": /: error: '[^']+' is lost by step '[^']+', and a loss has no size/,
  "duplicate-step-id": /: error: step id '[^']+' is already used by step '[^']+' \(steps\[\d+\]/,
  "model-made-twice": /: error: model '[^']+' is already made by step /,
  "cycle-of-two": /: error: cycle in the lineage: (\S+) -> \S+ -> \1$/,
  "cycle-of-three": /: error: cycle in the lineage: (\S+) -> \S+ -> \S+ -> \1$/,
  "to-among-parents": /: error: step '[^']+' makes '[^']+' from itself$/,
  "parent-listed-twice": /: error: parent '[^']+' is listed twice$/,
  "weakened-never-introduced": /is weakened by step .* introduces or unlocks it$/,
  "lost-never-introduced": /is lost by step .* introduces or unlocks it$/,
  "restored-never-introduced": /is restored by step .* introduces or unlocks it$/,
  // reporting
  "several-problems-sorted": /: error: /,
  "warning-beside-error": /: warning: /,
} satisfies Record<string, RegExp>;

type Covered = keyof typeof REQUIRED;

/** Every case: what it shows, and which required items it covers. */
const CASES: Record<string, { covers: string; rules?: Covered[] }> = {
  // YAML level
  "yaml-syntax-error": {
    covers: "a plain value starting with '@': a YAML syntax error at the value",
    rules: ["yaml-syntax"],
  },
  "yaml-unclosed-flow-map": { covers: "a '{' never closed: reported where the parser notices, the next line" },
  "yaml-unclosed-quote": {
    covers: "a '\"' never closed: must point at the opening quote, not past the end of the file",
  },
  "yaml-tab-indentation": { covers: "a tab used for indentation", rules: ["tab-indentation"] },
  "yaml-empty-file": { covers: "a file of zero bytes", rules: ["empty-file"] },
  "yaml-whitespace-only": { covers: "a file of blank lines" },
  "yaml-only-comments": { covers: "a file of only comments", rules: ["only-comments"] },
  "yaml-top-level-list": { covers: "a list at the top of the file", rules: ["top-level-list"] },
  "yaml-top-level-scalar": { covers: "a scalar at the top of the file", rules: ["top-level-scalar"] },
  "yaml-two-documents": { covers: "two YAML documents in one file", rules: ["several-documents"] },
  "yaml-duplicate-key-top": { covers: "a top-level key given twice", rules: ["duplicate-key-top"] },
  "yaml-duplicate-key-nested": {
    covers: "keys given twice in a model, in the models mapping and in a flow mapping of evidence",
    rules: ["duplicate-key-nested"],
  },
  "yaml-duplicate-key-points-at-last": {
    covers: "a duplicate key whose last value (the one kept) fails a rule: the rule must point at that value",
  },
  "yaml-complex-key": { covers: "a mapping key that is a list: located at the key, and no process warning" },
  "yaml-invalid-utf8": {
    covers: "a Latin-1 byte (0xE9) in a title: not UTF-8, located at the byte",
    rules: ["invalid-utf8"],
  },
  "yaml-alias-bomb": { covers: "a 'billion laughs' alias bomb", rules: ["alias-bomb"] },
  "yaml-deep-flow": {
    covers: "flow collections nested 70 deep: refused, located at the first bracket past the limit",
    rules: ["deep-flow"],
  },
  "yaml-deep-block": { covers: "block sequences nested 70 deep: refused, located at the first one past the limit" },
  // JSON
  "json-schema-errors": { covers: "a .json lineage with a wrong type and a bad confidence, located in the JSON text" },
  "json-syntax-error": { covers: "a .json lineage missing a comma: reported as a JSON syntax error" },
  "json-trailing-comma": { covers: "a .json lineage with trailing commas, which JSON does not allow" },
  // schema (zod) level
  "schema-wrong-version": { covers: "lineage: 2", rules: ["wrong-version"] },
  "schema-version-as-string": { covers: 'lineage: "1" (a string, not the number 1)', rules: ["wrong-version"] },
  "schema-missing-sources": {
    covers: "no 'sources': points at the top-level mapping, below a leading comment",
    rules: ["missing-top-key"],
  },
  "schema-missing-steps-and-title": { covers: "no 'steps' and no 'title': both reported", rules: ["missing-top-key"] },
  "schema-misspelled-top-key": {
    covers: "'modles' for 'models': unknown key with did-you-mean, and 'models' missing",
    rules: ["misspelled-top-key", "missing-top-key"],
  },
  "schema-misspelled-model-key": {
    covers: "'relased' and 'parmas' in a model, with did-you-mean",
    rules: ["misspelled-model-key"],
  },
  "schema-misspelled-step-key": { covers: "'cliams' in a step, with did-you-mean", rules: ["misspelled-step-key"] },
  "schema-misspelled-claim-key": {
    covers: "'confidance' in a claim, with did-you-mean, and 'confidence' missing",
    rules: ["misspelled-claim-key"],
  },
  "schema-misspelled-evidence-key": {
    covers: "'sorce' in evidence, with did-you-mean, and 'source' missing",
    rules: ["misspelled-evidence-key"],
  },
  "schema-unknown-key-no-suggestion": { covers: "an unknown key with no near match lists the allowed keys" },
  "schema-proto-key-top-level": { covers: "a top-level '__proto__' key is reported once, as any unknown key" },
  "schema-string-for-list": {
    covers: "a string where a list goes: authors, aliases, from",
    rules: ["string-for-list"],
  },
  "schema-number-for-string": {
    covers: "a number where a string goes: title, name, step id",
    rules: ["number-for-string"],
  },
  "schema-mapping-for-list": { covers: "steps written as a mapping", rules: ["mapping-for-list"] },
  "schema-mapping-for-claims": { covers: "a step's claims written as one mapping", rules: ["mapping-for-list"] },
  "schema-list-for-mapping": { covers: "sources written as a list" },
  "schema-null-values": { covers: "empty values (null) for abilities and for a model's name" },
  "schema-bad-effect": {
    covers: "a misspelled effect (did-you-mean) and an effect with no near match",
    rules: ["bad-effect"],
  },
  "schema-bad-confidence": {
    covers: "confidence 'Established' and 'likley', with did-you-mean",
    rules: ["bad-confidence"],
  },
  "schema-bad-ids": { covers: "ids with spaces: a source id, a model id, a step id, a step's to", rules: ["bad-id"] },
  "schema-id-empty-or-too-long": {
    covers: "a 201-character source id and a null (~) model key: plain messages at the keys",
  },
  "schema-empty-name": { covers: "empty strings for a source title and a model name", rules: ["empty-name"] },
  "schema-alias-whitespace": { covers: "aliases with a leading space, empty, and with a newline: one message each" },
  "schema-bad-date": { covers: "released: 2020-13 and 'July 2020'", rules: ["bad-date"] },
  "schema-bad-url": { covers: "a source url that is not a URL", rules: ["bad-url"] },
  "schema-empty-evidence": { covers: "a claim with evidence: []", rules: ["empty-evidence"] },
  "schema-kind-not-kebab": { covers: "kind: Code_Training", rules: ["kind-not-kebab"] },
  "schema-bad-card": {
    covers:
      "a model's card block: a misspelled key, a license without id and with a script link, tags as a string, a metric with neither type nor name, a list as a value, an ftp source url",
  },
  "schema-number-out-of-range": {
    covers: "numbers below or above their bounds, inclusive (year, tokens, share) and exclusive (params, context)",
  },
  "schema-infinite-number": { covers: "1e400 and .inf, which parse as Infinity" },
  "schema-many-problems-sorted": {
    covers: "five schema problems across the file, all reported in file order",
    rules: ["several-problems-sorted"],
  },
  // cross-reference rules
  "rule-unknown-parent": { covers: "a parent that is no model", rules: ["unknown-parent"] },
  "rule-unknown-to": {
    covers: "a step making an unknown model; the model it meant is then made by no step (warning)",
    rules: ["unknown-to"],
  },
  "rule-unknown-alternative-parent": { covers: "an unknown model among an alternative reading's parents" },
  "rule-unknown-claim-ability": {
    covers: "claims about unknown abilities, with and without did-you-mean",
    rules: ["unknown-claim-ability"],
  },
  "rule-unknown-evidence-source": {
    covers: "unknown sources in a model's, a step's and a claim's evidence, with did-you-mean",
    rules: ["unknown-evidence-source"],
  },
  "rule-unknown-lacks-ability": { covers: "an unknown ability in a model's lacks", rules: ["unknown-lacks-ability"] },
  "rule-unknown-paper-source": { covers: "unknown sources as a model's paper", rules: ["unknown-paper-source"] },
  "rule-card-facts": {
    covers:
      "a card block citing an unknown source, an evaluation citing nothing, a newVersion naming no model (a warning; a Hub repo id is fine)",
  },
  "rule-alias-used-as-reference": {
    covers: "a model alias as a parent and an ability alias in a claim: the message says ids are needed",
  },
  "rule-prototype-property-names": {
    covers: "ids named __proto__, constructor, toString, hasOwnProperty are ordinary ids",
  },
  "rule-name-model-and-ability": {
    covers: "a model 'Chat' and an ability 'chat'",
    rules: ["model-and-ability-share-a-name"],
  },
  "rule-alias-clashes-model-id": {
    covers: "aliases 'Tuned' and 'TUNED' clashing with model id 'tuned'",
    rules: ["alias-clashes-with-an-id"],
  },
  "rule-size-on-lost": {
    covers: "size: great on a lost claim (an error at the size) beside size: great on weakened (valid)",
    rules: ["size-on-lost"],
  },
  "rule-duplicate-step-ids": { covers: "step ids 'train' and 'Train'", rules: ["duplicate-step-id"] },
  "rule-duplicate-source-ids": { covers: "source ids 'notes' and 'Notes'" },
  "rule-model-made-twice": { covers: "two steps making one model", rules: ["model-made-twice"] },
  "rule-cycle-of-two": { covers: "left -> right -> left", rules: ["cycle-of-two"] },
  "rule-cycle-of-three": { covers: "a -> b -> c -> a", rules: ["cycle-of-three"] },
  "rule-step-makes-itself": { covers: "a step whose to is among its from", rules: ["to-among-parents"] },
  "rule-parent-listed-twice": { covers: "from: [base, base]", rules: ["parent-listed-twice"] },
  "rule-weakened-never-introduced": {
    covers: "an ability weakened that nothing introduced",
    rules: ["weakened-never-introduced"],
  },
  "rule-lost-never-introduced": {
    covers: "an ability lost on a branch; it was introduced on a sibling branch only",
    rules: ["lost-never-introduced"],
  },
  "rule-restored-never-introduced": {
    covers: "an ability restored by a root step",
    rules: ["restored-never-introduced"],
  },
  // reporting
  "many-problems-sorted": {
    covers: "ten rule problems from seven rules, all reported, sorted by line and column",
    rules: ["several-problems-sorted"],
  },
  "warnings-with-an-error": {
    covers: "three warnings (orphan model, unknown kind, repeated claim) beside one error: both kinds printed",
    rules: ["warning-beside-error"],
  },
};

const caseNames = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The lineage file of a case: the one file in its directory besides expected.txt. */
function lineageFileOf(name: string): string {
  const files = readdirSync(join(ROOT, name)).filter((f) => f !== "expected.txt");
  if (files.length !== 1)
    throw new Error(`case ${name} should hold one lineage file besides expected.txt, found: ${files.join(", ")}`);
  // Relative to the working directory, so that the CLI prints the path as given.
  return relative(process.cwd(), join(ROOT, name, files[0]!));
}

function expectedLines(name: string): string[] {
  const text = readFileSync(join(ROOT, name, "expected.txt"), "utf8");
  expect(text.endsWith("\n"), `${name}/expected.txt ends with a newline`).toBe(true);
  return text.slice(0, -1).split("\n");
}

const withPath = (lines: string[], path: string) => lines.map((line) => line.split("FILE").join(path));

describe("the catalogue of invalid lineage files", () => {
  it(`holds at least ${MIN_CASES} cases, each listed in CASES, each with a lineage file and expected.txt`, () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(MIN_CASES);
    expect(caseNames).toEqual(Object.keys(CASES).sort());
    for (const name of caseNames) {
      expect(lineageFileOf(name)).toMatch(/lineage\.(yaml|json)$/);
      expect(expectedLines(name).length, `${name}/expected.txt`).toBeGreaterThan(0);
    }
  });

  it("covers every required rule with a case whose expected output shows it", () => {
    const missing: string[] = [];
    for (const [rule, pattern] of Object.entries(REQUIRED)) {
      const shown = Object.entries(CASES).some(
        ([name, c]) =>
          c.rules?.includes(rule as Covered) &&
          caseNames.includes(name) &&
          expectedLines(name).some((l) => pattern.test(l)),
      );
      if (!shown) missing.push(rule);
    }
    expect(missing).toEqual([]);
  });

  it("keeps the invalid UTF-8 fixture invalid (a lone 0xE9 byte)", () => {
    const bytes = readFileSync(join(ROOT, "yaml-invalid-utf8", "lineage.yaml"));
    expect(bytes.includes(Buffer.from("Caf\xe9 ", "latin1"))).toBe(true);
  });

  it("shows the several-problem cases in sorted order", () => {
    for (const name of ["many-problems-sorted", "schema-many-problems-sorted", "warnings-with-an-error"]) {
      const positions = expectedLines(name).map((l) =>
        l
          .match(/^FILE:(\d+):(\d+):/)!
          .slice(1)
          .map(Number),
      );
      const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
      expect(positions, name).toEqual(sorted);
    }
  });
});

describe.each(caseNames)("invalid lineage %s", (name) => {
  let warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  beforeEach(() => {
    warnings = [];
    process.on("warning", onWarning);
  });
  // process.emitWarning reports on a later tick: let it arrive (in this test, not the next) before checking.
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  afterEach(async () => {
    await settle();
    process.off("warning", onWarning);
  });

  it("is refused by loadLineageFile with exactly the expected problems", async () => {
    const path = lineageFileOf(name);
    const result = await loadLineageFile(path);
    await settle();
    expect(result.ok).toBe(false);
    const problems = result.ok ? result.warnings : result.problems;
    expect.soft(problems.map((p) => formatProblem(p).split(path).join("FILE"))).toEqual(expectedLines(name));
    expect(warnings, "process warnings (they would leak onto stderr)").toEqual([]);
  });

  it("makes `captrace validate` print them and the summary on stderr, nothing on stdout, and exit 3", async () => {
    const path = lineageFileOf(name);
    let stdout = "";
    let stderr = "";
    const code = await run(["validate", path], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
    });
    await settle();
    const lines = withPath(expectedLines(name), path);
    const errors = lines.filter((l) => l.includes(": error: ")).length;
    expect.soft({ code, stdout, stderr }).toEqual({
      code: 3,
      stdout: "",
      stderr: [...lines, `${path}: ${errors} error${errors === 1 ? "" : "s"}`].map((l) => `${l}\n`).join(""),
    });
    expect(warnings, "process warnings (they would leak onto stderr)").toEqual([]);
  });
});
