/** The JSON Schema (draft-7) of the lineage format, generated from the zod schema. */
import { z } from "zod";
import { Lineage } from "./schema.js";

/** The JSON Schema document that editors use to complete and check lineage files. */
export function lineageJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Lineage, { target: "draft-7", io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: "captrace lineage file, format version 1",
  };
}
