// `npm run lint`: ESLint (typescript-eslint) for correctness and the layering rules, Prettier
// for the format (`npm run format` writes it). The layering is one rule of our own, defined in
// tools/lint/import-boundaries.ts and proven by test/unit/architecture/import-boundaries.test.ts.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { orderDeskPlugin } from './tools/lint/eslint-plugin';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      'test-results/',
      'playwright-report/',
      '.order-desk-data/',
      '.electron-native/',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'order-desk': orderDeskPlugin },
    rules: {
      'order-desk/import-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Raw IPC lives in one file each side (electron/ipc/electron-ipc.ts, the preload), as in Heroic.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer', 'contextBridge'],
              message: 'Only electron/ipc/electron-ipc.ts and the preload touch raw IPC.',
            },
          ],
        },
      ],
    },
  },
  {
    // desktop.ts only hands ipcMain to electron-ipc.ts's binder, which registers every handler.
    files: ['electron/ipc/electron-ipc.ts', 'electron/preload/**', 'electron/main/desktop.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Playwright's fixture idiom is `async ({}, use) => ...` for a fixture that needs no other.
    files: ['test/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  prettier,
);
