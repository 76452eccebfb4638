/**
 * The schema check of a large lineage (JSON or YAML), run in a worker thread while the main thread checks
 * the other rules and builds the graph of the same text (load-parallel.ts). Its verdict is what loadLineageText's schema
 * step decides (the parse error or schema problems, located), or, when the schema holds, the problems of
 * RULES_BESIDE_SCHEMA. Sent a hub dump's path instead, it converts the dump and gives the same verdict on
 * it (open-dump.ts).
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { Issue, Problem } from "../problem.js";
import { sortProblems } from "../problem.js";
import { checkRules, locateAll } from "../load/check-rules.js";
import { RULES_BESIDE_SCHEMA } from "../load/rules/index.js";
import { parseLineageText } from "../load/load-lineage.js";
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

/** Decodes, parses and checks a lineage against the schema, then the rules beside it, as loadLineageText does. Never throws. */
export function schemaVerdict(bytes: Uint8Array, file: string): SchemaVerdict {
  const read = decodeUtf8(file, bytes);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const parsed = parseLineageText(read.text, file);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { data, early, locate } = parsed;
  const schema = validateSchema(data);
  if (schema.ok) {
    // A problem of the parse (`early`) ends a quick parse on the other thread, which then loads the usual way.
    return { ok: true, ruleIssues: checkRules(schema.lineage, file, locate, early, RULES_BESIDE_SCHEMA).issues };
  }
  return { ok: false, problems: sortProblems([...early, ...locateAll(file, locate(schema.issues), schema.issues)]) };
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
