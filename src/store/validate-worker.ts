/**
 * The schema check of a JSON lineage, run in a worker thread while the main thread checks the other rules
 * and builds the graph of the same text (load-parallel.ts). Its verdict is what loadLineageText's schema
 * step decides (the parse error or schema problems, located), or, when the schema holds, the issues of
 * RULES_BESIDE_SCHEMA. Sent a hub dump's path instead, it converts the dump and gives the same verdict on
 * it (open-dump.ts).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Issue, Problem } from "../problem.js";
import { sortProblems } from "../problem.js";
import { checkRules, locateAll } from "../load/check-rules.js";
import { RULES_BESIDE_SCHEMA } from "../load/rules/index.js";
import { jsonLocate, parseJson } from "../load/parse-json.js";
import { decodeUtf8 } from "../load/read-source.js";
import { validateSchema } from "../load/validate-schema.js";
import { dumpVerdict, type DumpCheckRequest } from "./open-dump.js";

/**
 * The schema step's verdict on a lineage: its problems, or, when the schema holds, the issues of the rules
 * beside it, not located (the other thread locates them with its own, as one load does).
 */
export type SchemaVerdict = { ok: true; ruleIssues: Issue[] } | { ok: false; problems: Problem[] };

/** What the worker is sent. */
export interface SchemaCheckRequest {
  captraceSchemaCheck: true;
  file: string;
  bytes: Uint8Array;
}

/** Decodes, parses and checks a JSON lineage against the schema, then the rules beside it. Never throws. */
export function schemaVerdict(bytes: Uint8Array, file: string): SchemaVerdict {
  const read = decodeUtf8(file, bytes);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const parsed = parseJson(file, read.text);
  if (!parsed.ok) return { ok: false, problems: [parsed.problem] };
  const schema = validateSchema(parsed.data);
  const locator = jsonLocate(read.text);
  if (schema.ok)
    return { ok: true, ruleIssues: checkRules(schema.lineage, file, locator, [], RULES_BESIDE_SCHEMA).issues };
  return { ok: false, problems: sortProblems(locateAll(file, locator(schema.issues), schema.issues)) };
}

const request = workerData as SchemaCheckRequest | DumpCheckRequest | undefined;
if (!isMainThread && parentPort && request !== undefined) {
  const port = parentPort;
  if ("captraceSchemaCheck" in request && request.captraceSchemaCheck === true)
    port.postMessage(schemaVerdict(request.bytes, request.file));
  else if ("captraceDumpCheck" in request && request.captraceDumpCheck === true)
    // A failure ends the worker with an error event: the caller then loads on one thread.
    void dumpVerdict(request.path, request.file).then((v) => port.postMessage(v));
}
