/** Imports files, directories and Hub caches given on the command line into one lineage. Reads only local files. */
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LIMITS } from "../limits.js";
import { importApiJsonText } from "./api-json.js";
import { importCardText } from "./card.js";
import { importDumpFile } from "./dump.js";
import { emptyFragment, type Fragment } from "./fragment.js";
import { importGgufFile } from "./gguf.js";
import { hubCacheDir, pickSnapshot, repoIdFromCacheFolder, type Env } from "./hub-cache.js";
import { normalizeHubId } from "./hub-id.js";
import { FragmentMerger, type ImportResult, type MergeOptions } from "./merge-fragments.js";

/** Largest head of a README.md read for its front matter: the front matter must end within it. */
export const MAX_CARD_HEAD_BYTES = 1024 * 1024;

/** Options for `importPaths`. */
export interface ImportOptions extends MergeOptions {
  /** Environment for the Hub cache location (HF_HUB_CACHE, HF_HOME, HOME); pass process.env from the CLI. */
  env?: Env;
}

/**
 * The repo id a file stands for: from a Hub cache path (`models--ORG--NAME/snapshots/REV/...`), else from
 * its folder (`ORG--NAME/README.md`, or `NAME/README.md`), else (GGUF) from the file name.
 */
export function hubIdFromPath(file: string): string | null {
  const parts = file.split(/[\\/]/);
  for (let i = parts.length - 1; i >= 0; i--) {
    const id = repoIdFromCacheFolder(parts[i]!);
    if (id && parts[i + 1] === "snapshots") return normalizeHubId(id);
  }
  if (/\.gguf$/i.test(file)) return normalizeHubId(basename(file).replace(/\.gguf$/i, ""));
  const folder = basename(dirname(file));
  const i = folder.indexOf("--");
  return normalizeHubId(i > 0 ? `${folder.slice(0, i)}/${folder.slice(i + 2)}` : folder);
}

/** Reads at most `max` bytes from the start of a file (a multi-GB README must not be read whole). */
function readHead(path: string, max: number): { text: string; truncated: boolean } {
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const buf = Buffer.alloc(Math.min(size, max));
    const n = readSync(fd, buf, 0, buf.length, 0);
    return { text: buf.subarray(0, n).toString("utf8"), truncated: size > max };
  } finally {
    closeSync(fd);
  }
}

/** Imports one README.md (or other .md card). */
export function importCardFile(path: string, file: string, hubId?: string): Fragment {
  const id = hubId ?? hubIdFromPath(path);
  if (id === null) {
    return emptyFragment({
      file,
      severity: "error",
      message:
        "cannot tell which model this card is for: put it in a folder named ORG--NAME, or import it from a Hub cache",
    });
  }
  let head: { text: string; truncated: boolean };
  try {
    head = readHead(path, MAX_CARD_HEAD_BYTES);
  } catch (err) {
    return emptyFragment({
      file,
      severity: "error",
      message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    });
  }
  let text = head.text;
  if (head.truncated) {
    // Only the front matter matters: cut after its closing line, or refuse when it does not close in time.
    const end = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3));
    if (!text.startsWith("---") || !end) {
      return emptyFragment({
        file,
        severity: "error",
        message: `front matter missing or longer than ${MAX_CARD_HEAD_BYTES} bytes; skipped`,
      });
    }
    text = text.slice(0, 3 + end.index + end[0].length);
  }
  return importCardText(text, { file, hubId: id });
}

/** The files a directory holds that are imported: README.md cards and .gguf headers; a Hub cache's repos by their chosen snapshot. */
export function* walkInputs(dir: string): Generator<{ path: string; hubId?: string }> {
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      continue;
    }
    for (const name of names.reverse()) {
      const path = join(d, name);
      let st;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (name === ".git" || name === "node_modules" || name === "blobs") continue;
        // A Hub cache also holds datasets and spaces: their cards describe no model.
        if (/^(datasets|spaces)--/.test(name) && existsSync(join(path, "snapshots"))) continue;
        const repo = repoIdFromCacheFolder(name);
        if (repo) {
          const snap = pickSnapshot(path);
          if (snap) stack.push(snap);
          continue;
        }
        stack.push(path);
      } else if (/^readme\.md$/i.test(name) || /\.gguf$/i.test(name)) {
        yield { path };
      }
    }
  }
}

/** Which importer a path given by name goes to. */
function kindOf(path: string): "card" | "gguf" | "api" | "dump" | null {
  if (/\.md$/i.test(path)) return "card";
  if (/\.gguf$/i.test(path)) return "gguf";
  if (/\.json$/i.test(path)) return "api";
  if (/\.(jsonl|ndjson|csv)$/i.test(path)) return "dump";
  return null;
}

async function importOne(path: string, merger: FragmentMerger, hubId?: string): Promise<void> {
  const kind = kindOf(path);
  switch (kind) {
    case "card":
      merger.add(importCardFile(path, path, hubId));
      return;
    case "gguf": {
      const id = hubId ?? hubIdFromPath(path);
      if (id === null)
        merger.add(
          emptyFragment({
            file: path,
            severity: "error",
            message: "cannot tell which model this GGUF file is: name it NAME.gguf",
          }),
        );
      else merger.add(await importGgufFile(path, { file: path, hubId: id }));
      return;
    }
    case "api": {
      const size = statSync(path).size;
      if (size > LIMITS.maxJsonBytes) {
        merger.add(
          emptyFragment({
            file: path,
            severity: "error",
            message: `larger than ${LIMITS.maxJsonBytes} bytes; save it as JSON Lines (one model a line) instead`,
          }),
        );
        return;
      }
      const { text } = readHead(path, LIMITS.maxJsonBytes);
      for (const f of importApiJsonText(text, path)) merger.add(f);
      return;
    }
    case "dump":
      await importDumpFile(path, path, merger);
      return;
    default:
      merger.add(
        emptyFragment({
          file: path,
          severity: "error",
          message: "not a card (.md), GGUF (.gguf), API answer (.json) or dump (.jsonl, .csv)",
        }),
      );
  }
}

/**
 * Imports every path: a file by its extension, a directory by walking it (README.md, .gguf, Hub cache
 * repos). No paths means the local Hub cache (from `options.env`). Never throws; problems name files.
 */
export async function importPaths(paths: readonly string[], options: ImportOptions = {}): Promise<ImportResult> {
  const merger = new FragmentMerger();
  let list = [...paths];
  if (list.length === 0) {
    const cache = hubCacheDir(options.env ?? {});
    if (cache === null)
      merger.problems.push({
        file: "(hub cache)",
        severity: "error",
        message: "no path given and no Hub cache found (set HF_HUB_CACHE or HF_HOME)",
      });
    else list = [cache];
  }
  for (const path of list) {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      merger.problems.push({
        file: path,
        severity: "error",
        message: (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file or directory" : "cannot read",
      });
      continue;
    }
    if (st.isDirectory()) {
      const own = repoIdFromCacheFolder(basename(path));
      const root = own ? pickSnapshot(path) : path;
      for (const input of root ? walkInputs(root) : []) await importOne(input.path, merger, input.hubId);
    } else {
      await importOne(path, merger);
    }
  }
  return merger.finish(options);
}
