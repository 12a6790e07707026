/**
 * `npm run test:unit`: the fast edit-test loop. The same projects as jest.config.cjs, less every suite that
 * needs the build (dist/, the packed tarball), a browser, Redis, Bun, or starts apps or the dev command as
 * their own processes. Still real sockets on 127.0.0.1: it is a selection, not a different kind of test.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.cjs');

const slow = [
  // the build, the packed tarball, or Bun
  '<rootDir>/test/package/',
  '<rootDir>/test/soak/',
  '<rootDir>/test/testing/close',
  // Redis
  '<rootDir>/test/cluster/(forwarding|instances|outage)',
  '<rootDir>/test/compat/cluster',
  // apps, the dev command or tsc in their own processes; Chromium
  '<rootDir>/test/examples/',
  '<rootDir>/test/compat/examples',
  '<rootDir>/test/dev/',
  '<rootDir>/test/migrate/examples',
  '<rootDir>/test/types/',
  '<rootDir>/test/contract/published-surface',
  // minutes of garbage collection
  '<rootDir>/test/core/leak',
];

module.exports = {
  ...base,
  projects: base.projects.map((p) => ({ ...p, testPathIgnorePatterns: [...(p.testPathIgnorePatterns ?? ['/node_modules/']), ...slow] })),
};
