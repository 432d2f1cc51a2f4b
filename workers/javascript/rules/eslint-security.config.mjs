// ESLint flat config of the javascript-sast workflow: eslint-plugin-security's rules on every JS file.
// The worker runs `eslint -c <this file>`; it is never picked up by config lookup (not named
// eslint.config.*), so the repository's own lint is unaffected.
import { createRequire } from 'node:module';

// The plugin is installed beside the eslint that loads this file (<stack>/tools/js-eslint), not in the
// repository: resolve it from the running eslint's own location.
const require = createRequire(process.argv[1] ?? import.meta.url);
const security = require('eslint-plugin-security');

const rules = Object.fromEntries(
  Object.keys(security.configs.recommended.rules).map((rule) => [rule, 'error']),
);

export default [
  { ignores: ['**/node_modules/**', '**/*.min.js', '**/*.bundle.js'] },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'],
    languageOptions: {
      ecmaVersion: 'latest',
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    // The target's eslint-disable comments are ignored by the worker's --no-inline-config unless a run
    // asks to respect them; unused ones are not ours to report.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: { security },
    rules,
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
];
