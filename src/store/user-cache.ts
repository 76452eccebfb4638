/**
 * The user cache of validated lineages: a private directory, like those git and ssh keep. It is made with
 * 0700 directories and 0600 files; a directory found open to others is closed (chmod 0700, its files
 * 0600), one that belongs to someone else (or is no directory) is not used at all; an entry or record is
 * read only if it is a regular file of a sane size, the user's, writable by no one else (never through a
 * symbolic link). A cache that cannot be used costs one warning (through `onWarning`: storage never
 * prints) and answers come without it. Temporary files are removed on failure and at exit, and any left
 * by a killed process are removed by a later write once STALE_TEMP_MS old. After each new entry the
 * least recently used entries past `maxBytes` (CACHE_MAX_BYTES) are removed, and records past MAX_RECORDS.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import type { ByteSink } from "./compact-bytes.js";
import {
  openTrusted,
  prepareFile,
  readTrusted,
  removeQuietly,
  TEMP_SUFFIX,
  type PendingFile,
  type TrustedFile,
} from "./files.js";

/** The most bytes of entries the cache keeps (the most recently used first; the newest entry always). */
export const CACHE_MAX_BYTES = 512 * 1024 * 1024;
/** The most stamp records (files/*.json) the cache keeps, the most recently used first. */
export const MAX_RECORDS = 10_000;
/** How old a temporary file must be for a later write to take it for one a killed process left. */
export const STALE_TEMP_MS = 10 * 60 * 1000;
/** An entry or record used is marked recent at most this often (it costs a write to its metadata). */
const RECENCY_MS = 60 * 60 * 1000;
/** The file name ending of entries. */
export const ENTRY_SUFFIX = ".captrace";
/** The subdirectory of stamp records. */
export const RECORDS = "files";

/** Where the cache is and whose it must be. Every field is optional. */
export interface CacheOptions {
  /** The environment: XDG_CACHE_HOME and HOME place the cache (default: the process's). */
  env?: Record<string, string | undefined>;
  /** The user the cache must belong to (default: the process's; no checks where there are no user ids). */
  uid?: number;
  /** Told, once, why the cache is not used when it cannot be (default: nothing is told). */
  onWarning?: (message: string) => void;
  /** The most bytes of entries kept (default CACHE_MAX_BYTES). */
  maxBytes?: number;
  /** The most stamp records kept (default MAX_RECORDS). */
  maxRecords?: number;
}

/** Where the cache is, or why there is none. */
export type CacheLocation = { dir: string } | { problem: string };

/**
 * `$XDG_CACHE_HOME/captrace` when that is an absolute path, else `$HOME/.cache/captrace` when $HOME is
 * one; otherwise none (a relative or empty HOME would put the cache in whatever directory a query runs in).
 */
export function cacheLocation(env: Record<string, string | undefined>): CacheLocation {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && xdg.startsWith("/")) return { dir: join(xdg, "captrace") };
  const home = env.HOME;
  if (home && home.startsWith("/")) return { dir: join(home, ".cache", "captrace") };
  return { problem: "neither $XDG_CACHE_HOME nor $HOME is an absolute path, so there is no cache directory" };
}

/** What an errno says of a directory, in words. */
function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOTDIR":
      return "a part of its path is not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return `unusable (${code ?? "unknown error"})`;
  }
}

/** A directory's state: usable, not there yet, or why it cannot be used. */
type DirState = "ready" | "absent" | { problem: string };

/**
 * Checks (and, with `create`, makes) a cache directory: it must be a directory of `uid`'s; if others may
 * enter it, it and its files are made private. Never throws.
 */
function checkDir(path: string, uid: number | undefined, create: boolean): DirState {
  let stat: Stats;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { problem: describe(error) };
    if (!create) return "absent";
    try {
      mkdirSync(path, { recursive: true, mode: 0o700 });
      stat = lstatSync(path);
    } catch (made) {
      return { problem: `it cannot be created: ${describe(made)}` };
    }
  }
  if (stat.isSymbolicLink()) {
    if (uid !== undefined && stat.uid !== uid) return { problem: "it is a symbolic link that belongs to another user" };
    try {
      stat = statSync(path);
    } catch (error) {
      return { problem: describe(error) };
    }
  }
  if (!stat.isDirectory()) return { problem: "it is not a directory" };
  if (uid === undefined) return "ready";
  if (stat.uid !== uid) return { problem: "it belongs to another user" };
  if ((stat.mode & 0o077) !== 0) {
    try {
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) {
        const file = join(path, name);
        const st = lstatSync(file);
        if (st.isFile() && st.uid === uid && (st.mode & 0o077) !== 0) chmodSync(file, 0o600);
      }
    } catch (error) {
      return { problem: `others may read it and it cannot be made private: ${describe(error)}` };
    }
  }
  return "ready";
}

/** A file of the cache, listed: its name, size and when it was last used. */
interface Listed {
  name: string;
  size: number;
  mtimeMs: number;
}

/** The regular files of `uid`'s in a directory whose names end with `suffix`. Never throws. */
function listFiles(dir: string, suffix: string, uid: number | undefined): Listed[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Listed[] = [];
  for (const name of names) {
    if (!name.endsWith(suffix)) continue;
    try {
      const st = lstatSync(join(dir, name));
      if (st.isFile() && (uid === undefined || st.uid === uid)) out.push({ name, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The process's user id, where there are user ids. */
function processUid(): number | undefined {
  return process.platform === "win32" ? undefined : process.getuid?.();
}

/** The user cache, for one opening: checked on first use, and warning at most once. */
export class UserCache {
  /** The cache directory, if there is one. */
  readonly dir: string | undefined;
  private readonly uid: number | undefined;
  private readonly maxBytes: number;
  private readonly maxRecords: number;
  private readonly onWarning: ((message: string) => void) | undefined;
  private readonly states = new Map<string, DirState>();
  private problem: string | undefined;
  private warned = false;

  constructor(opts: CacheOptions = {}) {
    const place = cacheLocation(opts.env ?? process.env);
    this.dir = "dir" in place ? place.dir : undefined;
    if ("problem" in place) this.problem = place.problem;
    this.uid = opts.uid ?? processUid();
    this.maxBytes = opts.maxBytes ?? CACHE_MAX_BYTES;
    this.maxRecords = opts.maxRecords ?? MAX_RECORDS;
    this.onWarning = opts.onWarning;
  }

  /** Whether `sub` (a subdirectory, or "" for the cache's own) can be used; `create` makes it if need be. */
  private usable(sub: string, create: boolean): string | undefined {
    if (this.dir === undefined || this.problem !== undefined) {
      this.warn();
      return undefined;
    }
    const dirs = sub === "" ? [""] : ["", sub];
    for (const d of dirs) {
      let state = this.states.get(d);
      if (state === undefined || (state === "absent" && create)) {
        state = checkDir(d === "" ? this.dir : join(this.dir, d), this.uid, create);
        this.states.set(d, state);
      }
      if (state === "absent") return undefined;
      if (state !== "ready") {
        this.problem = `the cache directory ${this.dir}${d === "" ? "" : `/${d}`} is not used: ${state.problem}`;
        this.warn();
        return undefined;
      }
    }
    return sub === "" ? this.dir : join(this.dir, sub);
  }

  /** Tells the problem, the first time only. */
  private warn(): void {
    if (this.warned || this.problem === undefined) return;
    this.warned = true;
    this.onWarning?.(`${this.problem}; answering without the cache`);
  }

  /** The bytes of a cache file (`name` in subdirectory `sub`) if it is there and can be trusted. */
  read(sub: string, name: string, maxBytes: number): Buffer | undefined {
    const dir = this.usable(sub, false);
    if (dir === undefined) return undefined;
    return readTrusted(join(dir, name), { uid: this.uid, maxBytes, touchBefore: Date.now() - RECENCY_MS });
  }

  /** Removes a cache file (`name` in subdirectory `sub`), if it can. */
  remove(sub: string, name: string): void {
    const dir = this.usable(sub, false);
    if (dir !== undefined) removeQuietly(join(dir, name));
  }

  /** A cache file (`name` in subdirectory `sub`) opened for reads at any offset, if it is there and can be trusted. */
  open(sub: string, name: string, maxBytes: number): TrustedFile | undefined {
    const dir = this.usable(sub, false);
    if (dir === undefined) return undefined;
    return openTrusted(join(dir, name), { uid: this.uid, maxBytes, touchBefore: Date.now() - RECENCY_MS });
  }

  /**
   * Writes a cache file to a temporary name, to be put in place by `commit` (after which old entries are
   * pruned). Writing an entry removes stale temporary files first. Undefined when the cache cannot be written (warned once).
   */
  prepare(sub: string, name: string, write: (sink: ByteSink) => void): PendingFile | undefined {
    const dir = this.usable(sub, true);
    if (dir === undefined) return undefined;
    if (sub === "") this.sweepTemps();
    const path = join(dir, name);
    const file = prepareFile(path, write, 0o600);
    if (!file) {
      this.problem = `the cache directory ${dir} cannot be written`;
      this.warn();
      return undefined;
    }
    return {
      commit: () => {
        const done = file.commit();
        if (done) this.prune(sub, name);
        return done;
      },
      abort: () => file.abort(),
    };
  }

  /** Writes a cache file atomically. Silent on failure but for the one warning. */
  write(sub: string, name: string, write: (sink: ByteSink) => void): boolean {
    return this.prepare(sub, name, write)?.commit() ?? false;
  }

  /** Removes temporary files left by killed processes (STALE_TEMP_MS old), in the cache and its records. */
  private sweepTemps(now = Date.now()): void {
    for (const dir of [this.dir!, join(this.dir!, RECORDS)]) {
      for (const temp of listFiles(dir, TEMP_SUFFIX, this.uid))
        if (temp.mtimeMs < now - STALE_TEMP_MS) removeQuietly(join(dir, temp.name));
    }
  }

  /** After a write: keeps entries by recency within maxBytes, records within maxRecords (always the one just written). */
  private prune(sub: string, written: string): void {
    if (sub === RECORDS) {
      const dir = join(this.dir!, RECORDS);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      if (names.length <= this.maxRecords) return;
      const records = listFiles(dir, ".json", this.uid).sort((a, b) =>
        a.name === written ? -1 : b.name === written ? 1 : b.mtimeMs - a.mtimeMs,
      );
      for (const old of records.slice(this.maxRecords)) if (old.name !== written) removeQuietly(join(dir, old.name));
      return;
    }
    const entries = listFiles(this.dir!, ENTRY_SUFFIX, this.uid).sort((a, b) =>
      a.name === written ? -1 : b.name === written ? 1 : b.mtimeMs - a.mtimeMs,
    );
    let kept = 0;
    for (const entry of entries) {
      kept += entry.size;
      if (kept > this.maxBytes && entry.name !== written) removeQuietly(join(this.dir!, entry.name));
    }
  }
}

/** What the cache holds. */
export interface CacheInfo {
  /** The cache directory, or null when there is none. */
  dir: string | null;
  /** Why the cache is not used, when it is not (it belongs to another user, is no directory...). */
  problem: string | null;
  /** Validated lineages stored, and their bytes. */
  entries: number;
  entryBytes: number;
  /** Stamp records (which file had which content), and their bytes. */
  records: number;
  recordBytes: number;
  /** The most bytes of entries kept. */
  maxBytes: number;
}

/** Where the cache is and what it holds; changes nothing. Never throws. */
export function cacheInfo(opts: CacheOptions = {}): CacheInfo {
  const place = cacheLocation(opts.env ?? process.env);
  const maxBytes = opts.maxBytes ?? CACHE_MAX_BYTES;
  const empty = { entries: 0, entryBytes: 0, records: 0, recordBytes: 0, maxBytes };
  if (!("dir" in place)) return { dir: null, problem: place.problem, ...empty };
  const uid = opts.uid ?? processUid();
  const problem = inspectDir(place.dir, uid);
  if (problem !== undefined) return { dir: place.dir, problem, ...empty };
  const entries = listFiles(place.dir, ENTRY_SUFFIX, uid);
  const records = listFiles(join(place.dir, RECORDS), ".json", uid);
  const sum = (list: Listed[]) => list.reduce((n, f) => n + f.size, 0);
  return {
    dir: place.dir,
    problem: null,
    entries: entries.length,
    entryBytes: sum(entries),
    records: records.length,
    recordBytes: sum(records),
    maxBytes,
  };
}

/** Why an existing cache directory would not be used (undefined: it would be, or it is not there). */
function inspectDir(dir: string, uid: number | undefined): string | undefined {
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) return "it is not a directory";
    if (uid !== undefined && st.uid !== uid) return "it belongs to another user";
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? undefined : describe(error);
  }
}

/** What clearing the cache removed. */
export interface ClearResult {
  dir: string | null;
  /** Why nothing was removed, when the cache is not the user's to clear. */
  problem: string | null;
  /** Files removed (entries, records and temporary files), and their bytes. */
  removed: number;
  bytes: number;
}

/** Removes every entry, record and temporary file of the user's from the cache (the directories stay). Never throws. */
export function clearCache(opts: CacheOptions = {}): ClearResult {
  const place = cacheLocation(opts.env ?? process.env);
  if (!("dir" in place)) return { dir: null, problem: place.problem, removed: 0, bytes: 0 };
  const uid = opts.uid ?? processUid();
  const problem = inspectDir(place.dir, uid);
  if (problem !== undefined) return { dir: place.dir, problem, removed: 0, bytes: 0 };
  let removed = 0;
  let bytes = 0;
  for (const [dir, suffixes] of [
    [place.dir, [ENTRY_SUFFIX, TEMP_SUFFIX]],
    [join(place.dir, RECORDS), [".json", TEMP_SUFFIX]],
  ] as const) {
    for (const suffix of suffixes) {
      for (const file of listFiles(dir, suffix, uid)) {
        removeQuietly(join(dir, file.name));
        removed++;
        bytes += file.size;
      }
    }
  }
  return { dir: place.dir, problem: null, removed, bytes };
}
