// ESLint flat config: typescript-eslint's type-aware recommended rules over the TypeScript (src, test, bench),
// the plain recommended ones over the scripts; prettier owns the layout (npm run format).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "coverage/", "node_modules/", "bench/data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["**/*.ts"] })),
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "error",
    },
  },
  {
    // Tests read JSON output and build values loosely: the any-safety rules guard src/, not them.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Small functions with one job where the code is read most: the commands and the questions.
    files: ["src/cli/**/*.ts", "src/query/**/*.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Only the CLI prints: every other layer returns strings or data.
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/main.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "stdout", message: "only src/cli prints; return the text instead" },
        { object: "process", property: "stderr", message: "only src/cli prints; return the text instead" },
      ],
    },
  },
  {
    files: [".dependency-cruiser.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    files: ["bin/**", "bench/**", "scripts/**"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        performance: "readonly",
        Buffer: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: { "no-console": "off" },
  },
);
