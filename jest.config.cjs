/**
 * Two projects, one `npm test`:
 * - modern: everything that exercises the modern API; any deprecation warning there is an error
 *   (test/helpers/throw-deprecation.ts), so nothing modern uses a deprecated path;
 * - compat: the legacy facade, its conformance with the modern one, and the migration codemod.
 * @type {import('jest').Config}
 */
const shared = {
  testEnvironment: 'node',
  // The MP3 encoder ships as an ES module (its CommonJS entry is a browser IIFE): tests load the module, transformed.
  moduleNameMapper: { '^@breezystack/lamejs$': '<rootDir>/node_modules/@breezystack/lamejs/dist/lamejs.js' },
  transformIgnorePatterns: ['/node_modules/(?!@breezystack/lamejs/)'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
};
const compatDirs = ['compat', 'conformance', 'migrate'];

module.exports = {
  testTimeout: 30000,
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: 'modern',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...compatDirs.map((d) => `<rootDir>/test/${d}/`)],
      setupFilesAfterEnv: ['<rootDir>/test/helpers/throw-deprecation.ts', '<rootDir>/test/setup/no-secrets-in-logs.ts'],
    },
    {
      ...shared,
      displayName: 'compat',
      roots: ['<rootDir>/test'],
      testMatch: compatDirs.map((d) => `<rootDir>/test/${d}/**/*.test.ts`),
      // Fails any test during which an API key appears in a captured log line.
      setupFilesAfterEnv: ['<rootDir>/test/setup/no-secrets-in-logs.ts'],
    },
  ],
};
