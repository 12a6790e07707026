/**
 * The built library stays out of the process's business: no `process.exit` anywhere in dist/, and signal
 * handlers only inside the opt-in `handleSignals` path. (`npm test` builds dist/ first.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dist = path.resolve(__dirname, '../../dist');
const files = existsSync(dist) ? readdirSync(dist).filter((f) => /\.(c|m)?js$/.test(f)) : [];

test('dist/ is built (run `npm run build` or `npm test`)', () => {
  expect(files).toEqual(expect.arrayContaining(['index.js', 'index.cjs', 'testing.js', 'testing.cjs']));
});

// The `mentraos` command (cli.*) is a program, not the library: it owns its process and sets its exit code.
const library = files.filter((f) => !f.startsWith('cli.'));

test.each(library)('%s never calls process.exit or process.abort', (file) => {
  const code = readFileSync(path.join(dist, file), 'utf8');
  expect(code.match(/process\s*\.\s*(exit|abort|reallyExit)\s*\(/g)).toBeNull();
});

test.each(files)('%s installs signal handlers only behind handleSignals', (file) => {
  const code = readFileSync(path.join(dist, file), 'utf8');
  const installs = [...code.matchAll(/process\s*\.\s*(on|once|addListener|prependListener)\s*\(\s*["']SIG/g)];
  for (const m of installs) expect(code.slice(Math.max(0, m.index! - 200), m.index)).toContain('this.config.handleSignals');
  if (file.startsWith('index.')) expect(installs.length).toBeGreaterThan(0); // the opt-in path is there
});
