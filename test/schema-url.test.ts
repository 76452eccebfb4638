import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Model, Source } from "../src/schema.js";

/** URLs the fast check must treat exactly as zod's `z.url()`: accepted or not, and the value kept. */
const CASES = [
  "https://huggingface.co/org1/model-40",
  "http://example.com",
  "https://example.com/a/b.c_d~e-f/",
  "  https://example.com/x  ",
  "https://exa\tmple.com/x",
  "https://example.com/a\nb",
  "http://1.2.3.999",
  "http://1.2.3.4/p",
  "http://a.0x",
  "http://xn--a",
  "http://a..b",
  "https://huggingface.co/org/name?x=1#top",
  "mailto:someone@example.com",
  "file:///etc/passwd",
  "not a url",
  "huggingface.co/org/name",
  "",
  "   ",
  "http://",
  "https://ex ample.com",
];

describe("the URL check", () => {
  const reference = z.url();
  for (const url of CASES) {
    it(`treats ${JSON.stringify(url)} as z.url() does`, () => {
      const want = reference.safeParse(url);
      for (const [schema, entry] of [
        [Model, { name: "m", url }],
        [Source, { title: "s", url }],
      ] as const) {
        const got = schema.safeParse(entry);
        expect(got.success).toBe(want.success);
        if (want.success && got.success) expect((got.data as { url: string }).url).toBe(want.data);
        if (!want.success && !got.success) {
          const issue = got.error.issues.find((i) => i.path[0] === "url")!;
          expect(issue).toMatchObject({ code: "invalid_format", format: "url" });
        }
      }
    });
  }
});
