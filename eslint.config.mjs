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
      'boundaries/elements': [
        { type: 'platform', pattern: 'src/platform/**/*', mode: 'full' },
        { type: 'module-index', pattern: 'src/modules/*/index.ts', mode: 'full', capture: ['module'] },
        { type: 'module', pattern: 'src/modules/*/**/*', mode: 'full', capture: ['module'] },
        { type: 'app', pattern: 'src/*.ts', mode: 'full' },
      ],
    },
    rules: {
      'boundaries/element-types': ['error', {
        default: 'disallow',
        rules: [
          { from: 'platform', allow: ['platform'] },
          { from: 'module', allow: ['platform', ['module', { module: '${from.module}' }], 'module-index'] },
          { from: 'module-index', allow: ['platform', ['module', { module: '${from.module}' }], 'module-index'] },
          { from: 'app', allow: ['platform', 'module-index', 'app'] },
        ],
      }],
      'boundaries/no-unknown-files': 'error',
    },
  },
);
