/** `captrace cache` (where the cache of validated lineages is and how big) and `captrace cache clear` (empty it). */
import type { Command } from "commander";
import { EXIT } from "../../exit-codes.js";
import { escapeLine } from "../../render/index.js";
import { cacheInfo, clearCache, type CacheInfo, type ClearResult } from "../../store/user-cache.js";
import { CliFailure } from "../errors.js";
import { globals, type RunContext } from "../context.js";
import { escapeJson } from "../../render/escape.js";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Bytes for people, in powers of 1024 as the cache's limit is set (one decimal under 10). */
export function humanBytes(n: number): string {
  if (n < 1024) return plural(n, "byte");
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = "";
  for (const u of units) {
    value /= 1024;
    unit = u;
    if (value < 1024) break;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** The answer to `cache`: where it is on the first line, then what it holds (or why it is not used). */
export function cacheInfoText(info: CacheInfo): string {
  if (info.dir === null) return `no cache: ${info.problem ?? "no cache directory"}\n`;
  const dir = escapeLine(info.dir);
  if (info.problem !== null) return `${dir}\n  not used: ${escapeLine(info.problem)}\n`;
  return [
    dir,
    `  ${plural(info.entries, "validated lineage")}, ${humanBytes(info.entryBytes)} (limit ${humanBytes(info.maxBytes)})`,
    `  ${plural(info.records, "file record")}, ${humanBytes(info.recordBytes)}`,
    "",
  ].join("\n");
}

/** The answer to `cache clear`. */
export function clearText(r: ClearResult): string {
  if (r.dir === null) return `no cache to clear: ${r.problem ?? "no cache directory"}\n`;
  return `removed ${plural(r.removed, "file")} (${humanBytes(r.bytes)}) from ${escapeLine(r.dir)}\n`;
}

/** Adds `cache` and `cache clear`. */
export function registerCache(program: Command, ctx: RunContext): void {
  const cache = program
    .command("cache")
    .description("show where the cache of validated lineages is and how big (cache clear: empty it)")
    .action(async (_o: unknown, cmd: Command) => {
      const info = cacheInfo({ env: ctx.env });
      await ctx.out(globals(cmd).json ? `${escapeJson(JSON.stringify(info, null, 2))}\n` : cacheInfoText(info));
    });
  cache
    .command("clear")
    .description("remove every entry of the cache (only your own files; the directory stays)")
    .action(async (_o: unknown, cmd: Command) => {
      const r = clearCache({ env: ctx.env });
      // A cache that is someone else's (or no directory) is not touched: say why, exit 5.
      if (r.dir !== null && r.problem !== null) {
        if (globals(cmd).json) await ctx.out(`${escapeJson(JSON.stringify(r, null, 2))}\n`);
        else throw new CliFailure(EXIT.io, "usage", `${r.dir}: not cleared: ${r.problem}`);
        ctx.exitCode = EXIT.io;
        return;
      }
      await ctx.out(globals(cmd).json ? `${escapeJson(JSON.stringify(r, null, 2))}\n` : clearText(r));
    });
}
