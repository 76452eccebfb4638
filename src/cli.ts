/** The command line, kept at its old path for callers of `run` (the code is in src/cli/). */
export { run, type CliIo } from "./cli/run.js";
