/** The documented exit codes. */
export const EXIT = {
  /** Success; for trace, the ability is present. */
  ok: 0,
  /** A query answered "no": the ability is absent, or `diff --exit-code` found differences. */
  no: 1,
  /** Usage error: unknown command, option, model or ability; unreadable stdin; for `trace --batch`, any input line refused. */
  usage: 2,
  /** The lineage file is invalid or cannot be read. */
  invalidLineage: 3,
  /** Internal error: a bug in captrace. */
  internal: 4,
  /** Output cannot be written: stdout fails (disk full, `> /dev/full`), or `init` cannot create its file. */
  io: 5,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

/** One exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
