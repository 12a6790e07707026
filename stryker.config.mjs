/**
 * Mutation testing of the engine and the facades (docs/mutation-testing.md says how to run it and read the
 * report; EQUIVALENT_MUTANTS.md lists the mutants no test can kill, and why).
 * - `npm run mutate`: every file below, on the jest suite of `jest.stryker.config.cjs`;
 * - `npm run mutate -- --changed`: only the files this branch changed against `main`;
 * - `npm run mutate:check`: the CI check (per-file targets of `scripts/mutation-targets.mjs`).
 * Stryker 10 needs Node >= 22: the scripts run it on the machine's Node when it is 22 or newer, else on Node 24
 * from the registry (as `npm test` does).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.cjs', enableFindRelatedTests: true },
  // Each mutant runs only the tests that reached it in the first (coverage) run.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level tables such as the close-code table) are run too: they need every test
  // that loads the module, which is slow, but a table entry nobody checks is exactly what we look for.
  ignoreStatic: false,
  mutate: ['src/core/**/*.ts', 'src/app/**/*.ts', 'compat/**/*.ts', '!**/*.d.ts'],
  // The machine running it is usually shared: one jest process at a time, unless MUTATE_CONCURRENCY (or
  // `--concurrency N`) says otherwise.
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 1),
  // A mutant's run may take (its tests' time in the first run) x timeoutFactor + timeoutMS before it counts
  // as a timeout (which counts as detected). Socket tests whose mutant breaks the handshake otherwise wait
  // out their own bounds; a busy machine runs tests up to twice as slowly, so the factor stays at 2.
  timeoutFactor: 2,
  timeoutMS: 8000,
  reporters: ['json', 'html', 'clear-text', 'progress'],
  // `MUTATE_REPORT` names the JSON report (the check writes its own, beside the last full report).
  jsonReporter: { fileName: process.env.MUTATE_REPORT ?? 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: (process.env.MUTATE_REPORT ?? 'reports/mutation/mutation.json').replace(/\.json$/, '.html') },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Per-file targets are checked by scripts/mutation-check.mjs; these colour the report.
  thresholds: { high: 95, low: 90, break: null },
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/results', 'test-artifacts', '.test-results', 'examples/.migrated-*'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
