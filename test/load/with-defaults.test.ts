/** withDefaults: the schema's defaults, applied without zod (the parallel load builds on it). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateSchema } from "../../src/load/validate-schema.js";
import { STEP_DEFAULTS, withDefaults } from "../../src/load/with-defaults.js";
import { Lineage } from "../../src/schema.js";
import { randomLineage } from "../support/random-lineage.js";

/**
 * A value with every object's own keys (undefined values too; their order aside, which no query reads) and
 * whether its prototype is null made explicit, for an exact comparison (toStrictEqual compares the values
 * of records' "constructor" keys as types).
 */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value === undefined ? "<undefined>" : value;
  if (Array.isArray(value)) return value.map(shape);
  const keys = Reflect.ownKeys(value).map(String).sort();
  return {
    "<null prototype>": Object.getPrototypeOf(value) === null,
    "<keys>": keys,
    ...Object.fromEntries(keys.map((k) => [`.${k}`, shape((value as Record<string, unknown>)[k])])),
  };
}

describe("withDefaults", () => {
  it("gives what validateSchema gives for a schema-valid lineage, with any step defaults left out", () => {
    fc.assert(
      fc.property(randomLineage, fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (lineage, omit) => {
        const data = JSON.parse(JSON.stringify(lineage)) as { steps: Record<string, unknown>[] };
        data.steps.forEach((step, i) =>
          STEP_DEFAULTS.forEach((field, k) => {
            if (
              omit[(i * 3 + k) % omit.length] &&
              Array.isArray(step[field]) &&
              (step[field] as unknown[]).length === 0
            )
              delete step[field];
          }),
        );
        const schema = validateSchema(structuredClone(data));
        expect(schema.ok).toBe(true);
        expect(shape(withDefaults(data))).toEqual(shape(schema.ok ? schema.lineage : undefined));
      }),
      { numRuns: 200 },
    );
  });

  it("covers every default the schema has, and the schema transforms nothing", () => {
    // Walks the schema: a new default or a transform would make zod's output differ from its input.
    const defaults: string[] = [];
    const seen = new Set<unknown>();
    const walk = (schema: { _zod: { def: Record<string, unknown> } }, path: string) => {
      if (seen.has(schema)) return;
      seen.add(schema);
      const def = schema._zod.def;
      expect(["transform", "pipe", "preprocess", "catch", "prefault"], path).not.toContain(def.type);
      if (def.type === "default") defaults.push(path);
      for (const [key, value] of Object.entries(def)) {
        if (key === "shape") for (const [k, v] of Object.entries(value as object)) walk(v as never, `${path}.${k}`);
        else if (["innerType", "element", "valueType", "keyType", "in", "out"].includes(key))
          walk(value as never, path);
        else if (key === "options") for (const o of value as never[]) walk(o, path);
      }
    };
    walk(Lineage as never, "");
    expect(defaults.sort()).toEqual(STEP_DEFAULTS.map((f) => `.steps.${f}`).sort());
  });
});
