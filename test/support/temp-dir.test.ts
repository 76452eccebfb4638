// The global setup gives every test run a private temporary directory that it removes at the end.
import { tmpdir } from "node:os";
import { basename, dirname } from "node:path";
import { describe, expect, it } from "vitest";

describe("test temporary files", () => {
  it("go under the run's own directory, not the system's", () => {
    expect(basename(tmpdir())).toMatch(/^captrace-tests-/);
    expect(dirname(tmpdir())).not.toBe(tmpdir());
  });
});
