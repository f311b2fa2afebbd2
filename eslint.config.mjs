import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const EDITOR_MODULES = [
  'vscode',
  'vscode-languageserver',
  'vscode-languageserver/*',
  'vscode-languageclient',
  'vscode-languageclient/*',
];

/** A lint rule that keeps `files` from importing `forbidden` (gitignore-style patterns over the import path). */
function layer(files, why, forbidden) {
  return [
    {
      files,
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: `${why} (ARCHITECTURE.md).` }] }],
      },
    },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'test-results/',
      'examples/',
      '.bench/',
      '**/*.mjs',
      '**/*.d.mts',
      'bin/',
      'test/e2e/fakeLanguageModel/',
      'demo/signin/',
      'test/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // node:test's describe/it return promises the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: {
      // Tests guard indexed access with `?.` on purpose so a failure reads as an assertion, not a TypeError.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach', 'suite'],
            },
          ],
        },
      ],
    },
  },
  {
    // Typed custom messages: a namespace per message with `method` and `type` (vscode-eslint's customMessages.ts).
    files: ['protocol/lsp.ts', 'protocol/modelInsights.ts', 'protocol/failureRiskLsp.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  // Layers import in one direction (ARCHITECTURE.md): engine <- lsp / cli; the client and the webview speak only protocol/;
  // shared/ is pure code several layers need (text positions, log sections, redaction, prompts) and imports nothing.
  ...layer(['server/src/engine/**/*.ts'], 'The engine stays editor-free and knows nothing of its front ends', [
    ...EDITOR_MODULES,
    '**/lsp/**',
    '**/cli/**',
    '**/client/**',
    '**/webview/**',
  ]),
  ...layer(
    ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts'],
    'The server runs outside VS Code and knows nothing of the client',
    ['vscode', 'vscode-languageclient', 'vscode-languageclient/*', '**/client/**', '**/webview/**'],
  ),
  // GitHub's REST shapes (shared/githubApi.ts) stop at the server: runs reach the client as protocol/pipelineRuns.ts.
  ...layer(
    ['client/src/**/*.ts'],
    "The client speaks to the server only through protocol/ (and uses shared/ code, but not GitHub's API shapes)",
    ['**/server/src/**', '**/webview/**', '**/shared/githubApi'],
  ),
  ...layer(['webview/src/**/*.ts'], 'The webview knows only protocol/', [
    ...EDITOR_MODULES,
    '**/server/**',
    '**/client/**',
    '**/shared/**',
    'node:*',
  ]),
  ...layer(['protocol/**/*.ts'], 'protocol/ is messages and facts every layer reads: it imports only shared/', [
    ...EDITOR_MODULES,
    '**/server/**',
    '**/client/**',
    '**/webview/**',
  ]),
  ...layer(['shared/**/*.ts'], 'shared/ is pure code for every layer: it imports nothing outside itself', [
    ...EDITOR_MODULES,
    '../**',
    'node:*',
  ]),
);
