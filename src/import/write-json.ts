/** Writes a lineage as JSON piece by piece: a million-model lineage is larger than one JavaScript string may be. */
import type { LineageFile } from "../schema.js";
import { createNewFile } from "./write-file.js";

/** Calls `write` with successive chunks of the lineage as JSON (one model or step a line), the same value `JSON.stringify` gives. */
export function writeLineageJson(lineage: LineageFile, write: (chunk: string) => void): void {
  const { models, steps, sources, abilities, ...head } = lineage;
  const top = JSON.stringify(head);
  write(
    `${top.slice(0, -1)},\n"sources":${JSON.stringify(sources)},\n"abilities":${JSON.stringify(abilities)},\n"models":{`,
  );
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
  buffer += '},\n"steps":[';
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

/** Writes the lineage as JSON to the new file `path`, whole or not at all, never holding the whole text in memory; never replaces a file (FileExistsError). */
export function writeLineageJsonFile(lineage: LineageFile, path: string): void {
  createNewFile(path, (write) => writeLineageJson(lineage, write));
}
