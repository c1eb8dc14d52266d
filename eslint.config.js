// typescript-eslint with type information over all the TypeScript in the repository. The import arrows are
// dependency-cruiser's (.dependency-cruiser.cjs); unused files, exports and dependencies are knip's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the compiler does not catch: a promise nobody awaits, a switch that forgets a case. */
const promisesAndSwitches = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  // A `default:` is a decision too; a switch without one must name every member of the union.
  '@typescript-eslint/switch-exhaustiveness-check': [
    'error',
    { considerDefaultExhaustiveForUnions: true },
  ],
};

/** The fake server and its conformance suite: held to those rules; the rest is for their owners to take up. */
const FAKE_SERVER = ['test/fake-asc/**', 'test/conformance/**'];

export default tseslint.config(
  { ignores: ['dist/', 'lib/', 'node_modules/', 'coverage/', '.tmp/', 'src/asc/generated/'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: promisesAndSwitches,
  },
  {
    files: ['**/*.ts'],
    ignores: FAKE_SERVER,
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    rules: {
      ...promisesAndSwitches,
      // `_name` marks what is left unused on purpose (a property split off, a parameter kept for its place).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // An async function that does not await still turns a throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    ignores: FAKE_SERVER,
    rules: {
      // Tests read Apple's JSON documents and the fake's state freely.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // vitest reads a fixture's dependencies from its destructuring pattern, so a fixture with none has `{}`.
      'no-empty-pattern': 'off',
    },
  },
);
