import { builtinModules } from "node:module";
import path from "node:path";
import pluginQuery from "@tanstack/eslint-plugin-query";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

// Specifiers that reach lib/server: the alias (`@/lib/server/…`), a path through lib
// (`../../lib/server/…` from components/) and a path up to it (`../server/…` from lib/hooks/).
const serverModule = String.raw`(?:^|/)lib/server(?:/|$)|^(?:\.\./)+server(?:/|$)`;
const serverImport = {
  regex: serverModule,
  message: "Server-only code (keys, database, upstream client) must not reach the browser bundle.",
};
// Links prefetch when reached for: next/link's default prefetches every link on sight, and every
// Studio page is a server render.
const plainLink = {
  name: "next/link",
  message: "Use IntentLink from @/components/ui/intent-link (prefetch on pointer or focus).",
};
const clientFolders = [
  "components/**",
  "lib/hooks/**",
  "lib/queries/**",
  "lib/catalog/**",
  "lib/schemas/**",
];
const nodeBuiltin = {
  regex: `^(?:node:.*|(?:${builtinModules.join("|")})(?:/.*)?)$`,
  message: "Isomorphic code runs in the browser too: no Node built-ins.",
};
const nextServer = {
  regex: "^next/(?:server|headers)$",
  message: "Isomorphic code runs in the browser too: no Next server APIs.",
};

/** Is the file a client module (a "use client" directive in its prologue)? */
const isClientModule = (program) =>
  program.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");

// Boundary checks no-restricted-imports cannot express: they depend on a directive, not a path.
const studio = {
  rules: {
    "no-use-client": {
      meta: {
        type: "problem",
        schema: [],
        messages: {
          moved:
            'Pages and layouts stay server components: move this "use client" code into components/ and render it from here.',
        },
      },
      create: (context) => ({
        Program(program) {
          for (const s of program.body) {
            if (s.type === "ExpressionStatement" && s.directive === "use client")
              context.report({ node: s, messageId: "moved" });
          }
        },
      }),
    },
    "no-server-in-client": {
      meta: { type: "problem", schema: [], messages: { server: serverImport.message } },
      create(context) {
        if (!isClientModule(context.sourceCode.ast)) return {};
        const server = new RegExp(serverModule, "u");
        // Relative paths are resolved: `./server/…` from lib/ is caught, `./server` elsewhere is not.
        const reachesServer = (spec) =>
          spec.startsWith(".")
            ? /^lib\/server(?:\/|$)/.test(
                path.relative(
                  import.meta.dirname,
                  path.resolve(path.dirname(context.filename), spec),
                ),
              )
            : server.test(spec);
        const check = (source) => {
          if (typeof source?.value === "string" && reachesServer(source.value))
            context.report({ node: source, messageId: "server" });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
        };
      },
    },
    "server-only-marker": {
      meta: {
        type: "problem",
        schema: [],
        messages: { missing: 'lib/server modules start with `import "server-only";`.' },
      },
      create: (context) => ({
        Program(program) {
          const marked = program.body.some(
            (s) => s.type === "ImportDeclaration" && s.source.value === "server-only",
          );
          if (!marked) context.report({ loc: { line: 1, column: 0 }, messageId: "missing" });
        },
      }),
    },
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...pluginQuery.configs["flat/recommended"],
  globalIgnores([
    ".next/**",
    ".next-*/**", // STUDIO_DIST_DIR builds
    "bench/floor-app/.next/**", // the latency bench's floor app, built by npm run bench
    ".data/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "drizzle/**",
  ]),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": [
        "error",
        { checksVoidReturn: { attributes: false } },
      ],
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  { plugins: { studio } },
  {
    // The boundary: browser code never imports lib/server, by alias or by relative path…
    files: clientFolders,
    rules: {
      "no-restricted-imports": ["error", { paths: [plainLink], patterns: [serverImport] }],
    },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-imports": ["error", { paths: [plainLink] }] },
  },
  {
    // …and neither does a "use client" file anywhere else.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: clientFolders,
    rules: { "studio/no-server-in-client": "error" },
  },
  {
    files: ["app/**"],
    rules: { "studio/no-use-client": "error" },
  },
  {
    // Code export and the shared HTTP helpers run in the browser and in plain Node (their tests
    // may use Node).
    files: ["lib/code-export/**", "lib/http/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [serverImport, nextServer, nodeBuiltin] }],
    },
  },
  {
    // The simulator is a plain node:http server: it runs without Next and without the Studio.
    files: ["lib/simulator/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: serverModule,
              message: "The simulator must not depend on the Studio's server.",
            },
            { regex: "^next(?:/|$)", message: "The simulator is plain Node: no Next imports." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/server/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: { "studio/server-only-marker": "error" },
  },
  {
    files: ["scripts/**/*.mjs", "*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
]);
