import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lineageJsonSchema } from "../../src/json-schema.js";
import { cli } from "../support/run-cli.js";

describe("the JSON Schema of the lineage format", () => {
  it("is committed as lineage.schema.json and not stale (regenerate: npm run schema)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../lineage.schema.json", import.meta.url), "utf8"),
    ) as unknown;
    expect(committed).toEqual(lineageJsonSchema());
  });

  it("is draft-7, closed (no unknown keys) and printed by `captrace schema`", async () => {
    const schema = lineageJsonSchema();
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(
      expect.arrayContaining(["lineage", "title", "sources", "abilities", "models", "steps"]),
    );
    const r = await cli(["schema"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(schema);
  });
});
