// typescript-eslint's recommended rules without type information: fast enough to run on every
// check; the compiler's strict mode covers what type-aware rules would add.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.next-*/', 'dist.old-*/', 'node_modules/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', performance: 'readonly', AbortController: 'readonly' } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The launcher is CommonJS on purpose (see bin/package.json).
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web dashboard's browser app (plain ES modules served as they are, no build step).
    files: ['daemon/http/public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'history', 'navigator', 'fetch', 'EventSource', 'ResizeObserver', 'URLSearchParams', 'addEventListener', 'setInterval', 'clearInterval', 'matchMedia', 'HTMLElement', 'HTMLDialogElement', 'HTMLInputElement', 'Node', 'Element', 'MessageEvent', 'Event', 'EventListener'].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // The CLI side must never load the daemon (and with it lowdb, bcrypt and the engines).
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/daemon/**'], message: 'src/ must not import daemon/' }] }],
    },
  },
);
