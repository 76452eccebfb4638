/** The help text captrace adds to commander's: the documented exit codes, fitting 80 columns. */
import { EXIT } from "../exit-codes.js";

/** The exit codes, as `--help` lists them. */
export const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}    success (trace: the ability is present)
  ${EXIT.no}    a query answered no (trace: absent; diff --exit-code: the models differ)
  ${EXIT.usage}    usage error (trace --batch: some input line was refused)
  ${EXIT.invalidLineage}    invalid or unreadable lineage file
  ${EXIT.internal}    internal error (a bug in captrace)
  ${EXIT.io}    output could not be written (disk full; init: cannot create the file)
  ${EXIT.interrupted}  interrupted (Ctrl-C)`;
