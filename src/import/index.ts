/** Import of declared lineage from the Hugging Face Hub (cards, GGUF headers, hub dumps), merge into a lineage, export as card lines. */
export { importCardText, importCardData, parseFrontMatter, type CardOrigin } from "./card.js";
export { importApiJsonText, importApiModel } from "./api-json.js";
export { importGgufFile, importGgufMetadata } from "./gguf.js";
export { importDumpFile, importDumpRow, DUMP_COLUMNS } from "./dump.js";
export { importPaths, importCardFile, hubIdFromPath, walkInputs, type ImportOptions } from "./import-paths.js";
export { hubCacheDir, type Env } from "./hub-cache.js";
export { FragmentMerger, mergeFragments, type ImportResult } from "./merge-fragments.js";
export type { Fragment, ImportProblem } from "./fragment.js";
export { normalizeHubId, toLineageId, fromLineageId, hubUrl } from "./hub-id.js";
export { writeLineageJson, writeLineageJsonFile, lineageJson } from "./write-json.js";
export { mergeInto, type MergeConflict, type MergeIntoResult } from "./merge-into.js";
export {
  exportHfCard,
  hfCardFields,
  hfCardText,
  hubIdOf,
  relationOfStep,
  UnknownModelError,
  type HfCardFields,
} from "./export-card.js";
export { createNewFile, replaceFile, FileExistsError, FileChangedError } from "./write-file.js";
export {
  runImportHf,
  runExportHfCard,
  lineageYaml,
  type ImportHfOptions,
  type ImportHfOutcome,
  type ImportHfSummary,
  type CommandFailure,
} from "./run-import.js";
