// The arrows of DESIGN §3, checked on every import (`npm run lint:arrows`, part of `npm test`):
//   main → inputs, reconcile, report, github (and asc, to build the client: main is where the parts meet);
//   reconcile → asc; inputs and report use the reconcile's result types; nothing in src/asc imports outside
//   it, and nothing outside imports deeper than src/asc/index.ts; no cycles; nothing in src imports test/.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'asc-imports-only-asc',
      comment: 'src/asc/ is a library: it imports nothing from the rest of src/.',
      severity: 'error',
      from: { path: '^src/asc/' },
      to: { path: '^src/', pathNot: '^src/asc/' },
    },
    {
      name: 'asc-through-its-index',
      comment: 'Outside src/asc/, the client is imported from src/asc/index.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/asc/' },
      to: { path: '^src/asc/', pathNot: '^src/asc/index\\.ts$' },
    },
    {
      name: 'reconcile-imports-only-asc',
      comment:
        'The reconcile sees the client and the desired state: never the inputs, the report or GitHub.',
      severity: 'error',
      from: { path: '^src/reconcile/' },
      to: { path: '^src/', pathNot: '^src/(reconcile|asc)/' },
    },
    {
      name: 'reconcile-through-its-index',
      comment:
        'Outside src/reconcile/, the reconcile is imported from src/reconcile/index.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/reconcile/' },
      to: { path: '^src/reconcile/', pathNot: '^src/reconcile/index\\.ts$' },
    },
    {
      name: 'inputs-use-only-types',
      comment:
        'src/inputs/ produces data: it may name the types of the reconcile and the client, not call them.',
      severity: 'error',
      from: { path: '^src/inputs/' },
      to: { path: '^src/(reconcile|asc)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'inputs-imports',
      comment: 'src/inputs/ knows nothing of the report, GitHub or main.',
      severity: 'error',
      from: { path: '^src/inputs/' },
      to: { path: '^src/', pathNot: '^src/(inputs|reconcile|asc)/' },
    },
    {
      name: 'report-uses-result-types',
      comment: "src/report/ renders the reconcile's result: its types only.",
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/reconcile/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'report-imports',
      comment:
        'src/report/ knows the result and the client errors it words; not the inputs, GitHub or main.',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: '^src/(report|reconcile|asc)/' },
    },
    {
      name: 'github-only-from-main',
      comment: 'src/github/ (release notes, the plan comment) is reached from main.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/github/', '^src/main\\.ts$'] },
      to: { path: '^src/github/' },
    },
    {
      name: 'github-imports',
      comment: "src/github/ may use the reconcile's result types, nothing else of src/.",
      severity: 'error',
      from: { path: '^src/github/' },
      to: { path: '^src/', pathNot: ['^src/github/', '^src/reconcile/index\\.ts$'] },
    },
    {
      name: 'github-uses-result-types',
      severity: 'error',
      from: { path: '^src/github/' },
      to: { path: '^src/reconcile/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'main-only-from-the-entry',
      comment: 'src/main.ts is the top: only src/index.ts calls it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^src/main\\.ts$' },
    },
    {
      name: 'src-not-test',
      comment: 'The action ships src/ alone: it never imports tests, benchmarks or scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/asc/generated/' },
    // Type-only imports count as arrows too (and are told apart by the rules above).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages that name their entry only in `exports` (@actions/github, @octokit/*) resolve as Node resolves them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
