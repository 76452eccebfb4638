/** Imports the lineage a GGUF file's header declares (`general.base_model.*`, `general.quantized_by`, `general.datasets`). */
import { stat } from "node:fs/promises";
import { emptyFragment, type Fragment } from "./fragment.js";
import { modelEntry } from "./facts.js";
import { normalizeHubId, toLineageId } from "./hub-id.js";

/** The header keys this importer reads, as @huggingface/gguf returns them. */
export type GgufMetadata = Record<string, unknown>;

const str = (x: unknown): string | undefined => (typeof x === "string" && x.trim() !== "" ? x.trim() : undefined);

/** A header array of strings, or undefined. */
const strings = (x: unknown): string[] | undefined =>
  Array.isArray(x) ? x.map(str).filter((s): s is string => s !== undefined) : undefined;

/** The datasets the header names: `general.datasets` (a list) or `general.dataset.{i}.name`/`repo_url`. */
function datasets(meta: GgufMetadata): string[] | undefined {
  const out: string[] = [];
  const list = meta["general.datasets"];
  if (Array.isArray(list)) for (const d of list) if (str(d)) out.push(str(d)!);
  const count = Number(meta["general.dataset.count"] ?? 0);
  for (let i = 0; i < Math.min(count, 1000); i++) {
    const d = str(meta[`general.dataset.${i}.repo_url`]) ?? str(meta[`general.dataset.${i}.name`]);
    if (d) out.push(normalizeHubId(d) ?? d);
  }
  return out.length > 0 ? out : undefined;
}

/** A model named by the header: its Hub id from `repo_url`, else from `organization/name` when that is a valid id. */
function headerModel(meta: GgufMetadata, prefix: string): string | null {
  const url = str(meta[`${prefix}.repo_url`]);
  const fromUrl = url ? normalizeHubId(url) : null;
  if (fromUrl) return fromUrl;
  const name = str(meta[`${prefix}.name`]);
  const org = str(meta[`${prefix}.organization`]);
  if (!name) return null;
  const slug = (s: string) => s.replace(/\s+/g, "-");
  return normalizeHubId(org ? `${slug(org)}/${slug(name)}` : slug(name));
}

/**
 * Imports a GGUF header. The file is a quantization (`hubId`, its repo or file name) of the model the
 * header describes (`general.repo_url`/`general.name`), which is made from `general.base_model.*`.
 * Pure: takes the metadata already read.
 */
export function importGgufMetadata(meta: GgufMetadata, origin: { file: string; hubId: string }): Fragment {
  const { file, hubId } = origin;
  const fragment = emptyFragment();
  const source = `gguf:${toLineageId(hubId)}`;
  fragment.sources[source] = { title: `GGUF header of ${hubId}`, note: "general.* keys of the file's header" };
  const quantizedBy = str(meta["general.quantized_by"]);
  fragment.models.push({
    hubId,
    entry: modelEntry(hubId, toLineageId(hubId), {
      source,
      sourceNote: "the GGUF header",
      quantizedBy,
      datasets: datasets(meta),
      license: str(meta["general.license"]),
      licenseName: str(meta["general.license.name"]),
      licenseLink: str(meta["general.license.link"]),
      tags: strings(meta["general.tags"]),
      language: strings(meta["general.languages"]),
    }),
  });
  const count = Number(meta["general.base_model.count"] ?? 0);
  const bases: string[] = [];
  for (let i = 0; i < Math.min(Number.isFinite(count) ? count : 0, 1000); i++) {
    const b = headerModel(meta, `general.base_model.${i}`);
    if (b) bases.push(b);
    else
      fragment.problems.push({
        file,
        severity: "warning",
        message: `general.base_model.${i}: no Hub repo id (repo_url or organization/name); ignored`,
      });
  }
  const converted = headerModel(meta, "general");
  const evidence = (at: string) => [{ source, at }];
  if (converted && converted.toLowerCase() !== hubId.toLowerCase()) {
    fragment.steps.push({
      to: hubId,
      from: [converted],
      file,
      step: {
        kind: "quantization",
        label: "quantized (GGUF)",
        confidence: "established",
        evidence: evidence("general.repo_url / general.name"),
        claims: [],
        ...(quantizedBy ? { note: `Quantized by ${quantizedBy}.` } : {}),
      },
    });
    if (bases.length > 0) {
      fragment.models.push({
        hubId: converted,
        entry: modelEntry(converted, toLineageId(converted), { source, sourceNote: "named in a GGUF header" }),
      });
      fragment.steps.push({
        to: converted,
        from: bases,
        file,
        step: {
          kind: bases.length > 1 ? "merge" : "fine-tuning",
          label: "relation unspecified (GGUF header)",
          confidence: "established",
          evidence: evidence("general.base_model.*"),
          claims: [],
        },
      });
    }
  } else if (bases.length > 0) {
    // The header names no model of its own: the file is read as a quantization of its bases.
    fragment.steps.push({
      to: hubId,
      from: bases,
      file,
      step: {
        kind: bases.length > 1 ? "merge" : "quantization",
        label: "quantized (GGUF)",
        confidence: "likely",
        evidence: evidence("general.base_model.*"),
        claims: [],
        note: "The header names no source model of its own; read as made from its general.base_model entries.",
      },
    });
  }
  return fragment;
}

/** Reads a local GGUF file's header only (ranged reads by @huggingface/gguf, never the whole file) and imports it. */
export async function importGgufFile(path: string, origin: { file: string; hubId: string }): Promise<Fragment> {
  try {
    const { gguf } = await import("@huggingface/gguf");
    const { size } = await stat(path);
    const { metadata, tensorInfoByteRange } = await gguf(path, { allowLocalFile: true });
    // The library reads past the end of a cut file as zeros: a header that ends beyond the file is truncated.
    if (Number(tensorInfoByteRange[1]) > size) throw new Error(`the header is cut short (the file has ${size} bytes)`);
    return importGgufMetadata(metadata as unknown as GgufMetadata, origin);
  } catch (err) {
    return emptyFragment({
      file: origin.file,
      severity: "error",
      message: `not a readable GGUF header: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}
