// ESLint (typescript-eslint) for src/, test/, scripts/, bench/; the boundary rule keeps the architecture:
// platform/ never imports modules/ or the composition root; a module reaches another only through its index.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/generated/**', 'coverage/**', '**/*.js', '**/*.mjs', 'src/modules/ide/browser/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'prefer-const': ['error', { destructuring: 'all', ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { alwaysTryTypes: true }, node: { extensions: ['.ts', '.json'] } },
      'boundaries/include': ['src/**/*'],
      // Elements are folders: the platform, each module (its name captured), and the composition root's own files.
      'boundaries/elements': [
        { type: 'platform', pattern: 'src/platform', partialMatch: false },
        { type: 'module', pattern: 'src/modules/*', partialMatch: false, capture: ['module'] },
        { type: 'app', pattern: 'src', partialMatch: false },
      ],
      // A module's public surface: its index.
      'boundaries/files': [{ category: 'public', pattern: 'src/modules/*/index.ts' }],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'platform' } }, allow: { to: { element: { type: 'platform' } } } },
            {
              // A module: the platform, its own files, and another module through its index only.
              from: { element: { type: 'module' } },
              allow: [
                { to: { element: { type: 'platform' } } },
                { to: { element: { type: 'module', captured: { module: '{{from.element.captured.module}}' } } } },
                { to: { element: { type: 'module' }, file: { categories: 'public' } } },
              ],
            },
            {
              from: { element: { type: 'app' } },
              allow: [{ to: { element: { types: ['platform', 'app'] } } }, { to: { element: { type: 'module' }, file: { categories: 'public' } } }],
            },
          ],
        },
      ],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
