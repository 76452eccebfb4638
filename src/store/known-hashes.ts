/**
 * The content hashes of user lineage files, remembered by path and stamp (device, inode, size, change
 * times), so that a cached query on an unchanged file neither reads nor hashes it. A record is trusted only
 * if the stamp is the same and the file had last changed at least `racyMs` before it was hashed: a change
 * within the file system's timestamp granularity of the hashing could otherwise leave the stamp as it was
 * (git's "racy" entries). Any change to the content moves the change time (ctime), which no one can set back.
 * Records live in the user cache (`files/`), read only when they are the user's and private (user-cache.ts).
 */
import { resolve } from "node:path";
import type { FileStamp } from "../load/read-source.js";
import { RECORDS, type UserCache } from "./user-cache.js";

/** How long before its hashing a file must have last changed for its record to be trusted. */
export const RACY_MS = 2000;

interface HashRecord {
  path: string;
  stamp: FileStamp;
  sha256: string;
  /** When the file was hashed, ms since the epoch. */
  at: number;
}

/** A record is a path, a stamp and a hash: a few hundred bytes; anything past this is not one. */
const RECORD_MAX_BYTES = 64 * 1024;

/** The file name of the record of a path (crypto is loaded only for the user cache). */
async function recordName(path: string): Promise<string> {
  const { createHash } = await import("node:crypto");
  return `${createHash("sha256").update(resolve(path)).digest("hex")}.json`;
}

const sameStamp = (a: FileStamp, b: FileStamp) =>
  a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;

/** Ms since the epoch of the later of a stamp's change times. */
function changedAt(stamp: FileStamp): number {
  const m = BigInt(stamp.mtimeNs);
  const c = BigInt(stamp.ctimeNs);
  return Number((m > c ? m : c) / 1_000_000n);
}

/** The sha256 recorded for this path and stamp, if the record is trusted; else undefined. Never throws. */
export async function knownHash(
  cache: UserCache,
  path: string,
  stamp: FileStamp,
  racyMs = RACY_MS,
): Promise<string | undefined> {
  try {
    const bytes = cache.read(RECORDS, await recordName(path), RECORD_MAX_BYTES);
    if (!bytes) return undefined;
    const record = JSON.parse(bytes.toString("utf8")) as HashRecord;
    if (record.path !== resolve(path) || !sameStamp(record.stamp, stamp) || typeof record.sha256 !== "string")
      return undefined;
    return typeof record.at === "number" && record.at - changedAt(stamp) >= racyMs ? record.sha256 : undefined;
  } catch {
    return undefined;
  }
}

/** Records the sha256 of a file as it was when stamped (the stamp taken before it was read). Silent on failure. */
export async function rememberHash(
  cache: UserCache,
  path: string,
  stamp: FileStamp,
  sha256: string,
  now = Date.now(),
): Promise<void> {
  const record: HashRecord = { path: resolve(path), stamp, sha256, at: now };
  cache.write(RECORDS, await recordName(path), (sink) => sink.write(Buffer.from(JSON.stringify(record))));
}
