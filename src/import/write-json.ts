/** Writes a lineage as JSON piece by piece: a million-model lineage is larger than one JavaScript string may be. */
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import type { LineageFile } from "../schema.js";

/** Calls `write` with successive chunks of the lineage as JSON (one model or step a line), the same value `JSON.stringify` gives. */
export function writeLineageJson(lineage: LineageFile, write: (chunk: string) => void): void {
  const { models, steps, sources, abilities, ...head } = lineage;
  const top = JSON.stringify(head);
  write(`${top.slice(0, -1)},\n"sources":${JSON.stringify(sources)},\n"abilities":${JSON.stringify(abilities)},\n"models":{`);
  let buffer = "";
  let first = true;
  for (const id in models) {
    buffer += `${first ? "" : ","}\n${JSON.stringify(id)}:${JSON.stringify(models[id])}`;
    first = false;
    if (buffer.length > 1 << 20) {
      write(buffer);
      buffer = "";
    }
  }
  buffer += "},\n\"steps\":[";
  for (let i = 0; i < steps.length; i++) {
    buffer += `${i === 0 ? "" : ","}\n${JSON.stringify(steps[i])}`;
    if (buffer.length > 1 << 20) {
      write(buffer);
      buffer = "";
    }
  }
  write(`${buffer}]}\n`);
}

/** The lineage as one JSON string (small lineages; tests). */
export function lineageJson(lineage: LineageFile): string {
  let out = "";
  writeLineageJson(lineage, (c) => (out += c));
  return out;
}

/** Writes the lineage as JSON to `path` atomically (a temporary file renamed over it), never holding the whole text in memory. */
export function writeLineageJsonFile(lineage: LineageFile, path: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "wx");
  try {
    writeLineageJson(lineage, (chunk) => {
      writeSync(fd, chunk);
    });
    closeSync(fd);
    renameSync(tmp, path);
  } catch (err) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(tmp, { force: true });
    throw err;
  }
}
