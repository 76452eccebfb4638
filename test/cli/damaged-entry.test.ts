/** A cache entry found damaged while a query reads it is one message and exit 3, never a stack trace. */
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { toFailure } from "../../src/cli/errors.js";
import { EXIT } from "../../src/exit-codes.js";
import { DamagedEntryError } from "../../src/lineage-error.js";

describe("a damaged cache entry", () => {
  it("is reported as an invalid lineage (exit 3) with what to do, not as a bug", () => {
    const failure = toFailure(
      new DamagedEntryError("block 3 of a stored lineage does not match its digest"),
      new Command(),
    );
    expect(failure.exitCode).toBe(EXIT.invalidLineage);
    expect(failure.code).toBe("invalid-lineage");
    expect(failure.message).toMatch(/damaged while in use .*block 3.*removed: run the command again/);
  });
});
