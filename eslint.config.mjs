import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'examples/', '.bench/', '**/*.mjs', '**/*.d.mts', 'bin/', 'test/e2e/fakeLanguageModel/', 'demo/signin/', 'test/fixtures/'] },
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
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'before', 'after', 'beforeEach', 'afterEach', 'suite'] }],
      }],
    },
  },
  {
    // Typed custom messages: a namespace per message with `method` and `type` (vscode-eslint's customMessages.ts).
    files: ['protocol/lsp.ts', 'protocol/modelInsights.ts', 'protocol/failureRiskLsp.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    // The engine is pure: it must run in the CLI and in tests without an editor.
    files: ['server/src/engine/**/*.ts', 'protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*'],
            message: 'The engine and protocol stay editor-free (ARCHITECTURE.md).' },
        ],
      }],
    },
  },
);
