/**
 * The jest configuration mutation testing runs (`npm run mutate`, see docs/mutation-testing.md): the two
 * projects of `jest.config.cjs`, minus the tests that exercise nothing a mutant can change or that cannot
 * run inside Stryker's sandbox:
 * - architecture: reads the source files themselves (Stryker's instrumented copies break its size checks);
 * - package, types, examples: build or pack `dist/`, or type-check, so they never load the mutated sources;
 * - dev: the simulator in headless Chromium and child processes (minutes per run, nothing the core owns);
 * - soak: long fault runs, covered by the faster resilience tests.
 * Stryker's per-test coverage replaces `testEnvironment` at the top level only, so each project names
 * Stryker's environment itself (it wraps the `node` environment named at the top level).
 * The scaling tests start a `redis-server`; where none is installed they are left out (CI installs one).
 * `MUTATE_TESTS` (comma-separated paths under the repository, e.g. `test/core,test/protocol`) narrows the
 * suite further, for a quick look at one file while writing its tests; reported scores use the whole suite.
 * @type {import('jest').Config}
 */
const { spawnSync } = require('node:child_process');
const base = require('./jest.config.cjs');

const strykerEnvironment = require.resolve('@stryker-mutator/jest-runner/jest-env/node');
const notHere = ['architecture', 'package', 'types', 'examples', 'dev', 'soak'].map((d) => `<rootDir>/test/${d}/`);
const redisTests = [
  '<rootDir>/test/cluster/forwarding.test.ts',
  '<rootDir>/test/cluster/outage.test.ts',
  '<rootDir>/test/cluster/instances.test.ts',
  '<rootDir>/test/compat/cluster.test.ts',
];
const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const only = (process.env.MUTATE_TESTS ?? '')
  .split(',')
  .map((s) => s.trim().replace(/^\.\//, ''))
  .filter(Boolean);
const outsideOnly = only.length > 0 ? [`^(?!${escapeRe(__dirname)}/(${only.map(escapeRe).join('|')})).*$`] : [];
const ignored = [...notHere, ...(hasRedis ? [] : redisTests), ...outsideOnly];

module.exports = {
  ...base,
  rootDir: __dirname,
  testEnvironment: 'node',
  // A mutant is detected by its first failing test file: stop there, having run the fastest files first.
  bail: 1,
  testSequencer: '<rootDir>/test/mutation/fast-first-sequencer.cjs',
  projects: base.projects.map((p) => ({
    ...p,
    rootDir: __dirname,
    // The sources too, so that jest's --findRelatedTests (Stryker runs only the tests that import a mutated file) sees them.
    roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/compat'],
    testEnvironment: strykerEnvironment,
    testPathIgnorePatterns: [...(p.testPathIgnorePatterns ?? ['/node_modules/']), ...ignored],
  })),
};
