// ESLint on the page's modules (browser) and their node tests: the recommended rules, which catch a function
// declared twice in one scope (no-redeclare), unused code and undefined names.
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['gateway/Beacons.Gateway/wwwroot/js/**/*.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['tests/page/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
  },
];
