import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30000,
    // Temporary files of every test (and of the CLIs they spawn) live in one directory, removed at the end.
    globalSetup: ["test/support/global-setup.ts"],
  },
});
