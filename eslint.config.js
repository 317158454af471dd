// Lint + the layering rules of docs/architecture.md: arrows point inwards.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'url', 'http', 'net', 'stream'];

/** @param {string[]} patterns @param {string} message */
const forbid = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'bin/**', 'scripts/**', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(nodeOnly, 'shared/ is pure: no Node APIs (DESIGN.md §2).'),
          forbid(['electron', 'electron/*'], 'shared/ is pure: no electron.'),
          forbid(['react', 'react-dom', 'react-dom/*', '@xyflow/*', 'zustand', 'zustand/*'], 'shared/ is pure: no UI frameworks.'),
          forbid(['better-sqlite3', 'ws'], 'shared/ is pure: no backend libraries.'),
          forbid(['**/main/**', '**/renderer/**', '../../main', '../../renderer'], 'shared/ never imports main/ or renderer/.'),
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          forbid(['**/main/**', '../main', '../../main'], 'renderer/ never imports main/: talk to the backend through shared/api.'),
          forbid([...nodeOnly, 'electron', 'better-sqlite3', 'ws'], 'renderer/ runs in a sandboxed browser: no Node or Electron modules.'),
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [forbid(['**/renderer/**', '../renderer', '../../renderer'], 'main/ never imports renderer/.')],
      }],
    },
  },
);
