// ESLint flat config. Layer arrows are checked by dependency-cruiser (.dependency-cruiser.cjs);
// this file adds what a linter sees better: no clock, randomness or process access in core.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/dist/**', 'coverage/**', 'test-artifacts/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core takes time as an argument (`now`)' },
        { object: 'Math', property: 'random', message: 'core takes randomness as an argument (`rng`)' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'core reads no environment: configuration is passed in' },
        { name: 'fetch', message: 'core does no I/O' },
        { name: 'setTimeout', message: 'core is synchronous' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes time as an argument (`now`)',
        },
      ],
    },
  },
);
