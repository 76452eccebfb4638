/** Where the local Hugging Face cache is, and which snapshot of a cached repo to read. */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The environment variables this reads, passed in (never read from process.env here). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The hub cache directory as huggingface_hub resolves it: HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub (XDG_CACHE_HOME honoured). */
export function hubCacheDir(env: Env): string | null {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HUGGINGFACE_HUB_CACHE) return env.HUGGINGFACE_HUB_CACHE;
  if (env.HF_HOME) return join(env.HF_HOME, "hub");
  const cache = env.XDG_CACHE_HOME ?? (env.HOME ? join(env.HOME, ".cache") : undefined);
  return cache ? join(cache, "huggingface", "hub") : null;
}

/** The repo id a cache folder name stands for: `models--ORG--NAME` is ORG/NAME; other repo types are not models. */
export function repoIdFromCacheFolder(name: string): string | null {
  const m = /^models--(.+)$/.exec(name);
  if (!m) return null;
  const parts = m[1]!.split("--");
  return parts.length === 1 ? parts[0]! : `${parts[0]}/${parts.slice(1).join("--")}`;
}

/** The snapshot to read in a cached repo: the one `refs/main` points at, else the newest. */
export function pickSnapshot(repoDir: string): string | null {
  const snapshots = join(repoDir, "snapshots");
  let revs: string[];
  try {
    revs = readdirSync(snapshots);
  } catch {
    return null;
  }
  if (revs.length === 0) return null;
  try {
    const main = readFileSync(join(repoDir, "refs", "main"), "utf8").trim();
    if (revs.includes(main)) return join(snapshots, main);
  } catch {
    // no refs/main: take the newest snapshot
  }
  const newest = revs
    .map((r) => ({ r, t: statSync(join(snapshots, r)).mtimeMs }))
    .sort((a, b) => b.t - a.t || a.r.localeCompare(b.r))[0]!;
  return join(snapshots, newest.r);
}

/** Whether a directory is a hub cache (holds `models--*` folders). */
export function isHubCache(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => n.startsWith("models--") && existsSync(join(dir, n, "snapshots")));
  } catch {
    return false;
  }
}
