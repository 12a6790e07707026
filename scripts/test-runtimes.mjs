#!/usr/bin/env node
/**
 * `npm run test:runtimes`: the socket-level suites on every runtime apps use (scripts/lib/runtimes.mjs),
 * fetched from the npm registry into a cache, then a table suites x runtimes.
 * - A Node column runs jest itself on that Node (and every `node`, `npm` and `npx` the tests start), with
 *   the examples and the packed-package apps on it too.
 * - A Bun column runs the app side on that Bun: the examples launched under it, the packed package's
 *   apps (the core, both facades and the test kit in one process, from the built tarball) run by it, and the
 *   test kit's close of a connected cloud; jest itself stays on Node, as Bun cannot host jest.
 * Options: `--only node24,bun14` (a subset of columns). Results: .test-results/runtimes.json and one jest
 * log per column beside it. Exits 1 when a cell fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime, envWithNode, RUNTIMES, testNode } from './lib/runtimes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.test-results');

/**
 * The rows: jest path patterns per suite on Node, and on Bun (`bun`) the suites whose apps run as their
 * own processes, where the runtime can be chosen (the test kit's: the close of a connected cloud).
 */
const SUITES = [
  { name: 'core', paths: ['test/core/', 'test/protocol/'] },
  { name: 'modern facade', paths: ['test/app/', 'test/routes/', 'test/webview/'] },
  { name: 'legacy facade', paths: ['test/compat/(?!examples|cluster)', 'test/conformance/'] },
  { name: 'hono facade', paths: ['test/hono/'], when: () => existsSync(path.join(root, 'test/hono')) },
  { name: 'test kit', paths: ['test/testing/'], bun: ['test/testing/close'] },
  { name: 'examples', paths: ['test/examples/', 'test/compat/examples'], bun: ['test/examples/', 'test/compat/examples'] },
  { name: 'packed package', paths: ['test/package/packed'], bun: ['test/package/packed'] },
].filter((s) => !s.when || s.when());

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i < 0 ? undefined : process.argv[i + 1].split(',');
})();
const columns = RUNTIMES.filter((r) => !only || only.includes(r.id));

const pathsOf = (suite, isBun) => (isBun ? (suite.bun ?? []) : suite.paths);
const suiteOf = (file, isBun) => SUITES.find((s) => pathsOf(s, isBun).some((p) => new RegExp(p).test(path.relative(root, file))));

function runColumn(rt) {
  const bin = ensureRuntime(rt);
  const isBun = rt.kind === 'bun';
  const node = isBun ? testNode() : bin;
  const env = envWithNode(node, { ...process.env, CI: 'true', MENTRAOS_TEST_APP_RUNTIME: isBun ? 'bun' : 'node' });
  if (isBun) env.BUN_BIN = bin;
  const suites = SUITES.filter((s) => pathsOf(s, isBun).length);
  const json = path.join(out, `runtimes-${rt.id}.json`);
  const log = path.join(out, `runtimes-${rt.id}.log`);
  rmSync(json, { force: true });
  const started = Date.now();
  console.error(`::: ${rt.label} (${rt.version}): ${suites.map((s) => s.name).join(', ')}`);
  const args = ['--expose-gc', path.join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${json}`, ...suites.flatMap((s) => pathsOf(s, isBun))];
  const r = spawnSync(node, args, { cwd: root, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(log, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  const seconds = Math.round((Date.now() - started) / 1000);
  const cells = Object.fromEntries(suites.map((s) => [s.name, { passed: 0, failed: 0, failures: [] }]));
  let report;
  try {
    report = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    return { rt, seconds, cells, error: `jest wrote no results (exit ${r.status}); see ${path.relative(root, log)}` };
  }
  for (const file of report.testResults) {
    const cell = cells[suiteOf(file.name, isBun)?.name];
    if (!cell) continue;
    if (file.status === 'failed' && file.assertionResults.length === 0) {
      cell.failed += 1;
      cell.failures.push(`${path.relative(root, file.name)}: ${file.message.split('\n').find((l) => l.trim()) ?? 'failed to run'}`);
    }
    for (const t of file.assertionResults) {
      if (t.status === 'passed') cell.passed += 1;
      else {
        cell.failed += 1;
        cell.failures.push(`${path.relative(root, file.name)}: ${t.fullName}`);
      }
    }
  }
  return { rt, seconds, cells };
}

mkdirSync(out, { recursive: true });
const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  console.error(`${build.stdout}${build.stderr}\nThe build failed.`);
  process.exit(1);
}
const results = columns.map(runColumn);

const pad = (s, n) => String(s).padEnd(n);
const cellText = (c) => (!c ? '·' : c.failed ? `FAIL ${c.failed}/${c.passed + c.failed}` : c.passed ? `ok ${c.passed}` : 'none ran');
const width = 16;
const lines = [
  pad('suite', width) + results.map((r) => pad(`${r.rt.label} (${r.rt.version})`, 22)).join(''),
  ...SUITES.map((s) => pad(s.name, width) + results.map((r) => pad(cellText(r.cells[s.name]), 22)).join('')),
  pad('minutes', width) + results.map((r) => pad((r.seconds / 60).toFixed(1), 22)).join(''),
];
console.log(lines.join('\n'));
console.log('ok N: N tests passed; ·: not run on this runtime (a Bun column runs the app side: the examples, the packed apps, a test cloud closing).');

let passed = 0;
let failed = 0;
for (const r of results) {
  if (r.error) {
    console.log(`${r.rt.label}: ${r.error}`);
    failed += 1;
  }
  for (const [name, c] of Object.entries(r.cells)) {
    passed += c.passed;
    failed += c.failed;
    if (!r.error && c.passed + c.failed === 0) {
      console.log(`${r.rt.label} / ${name}: no test ran`);
      failed += 1;
    }
    for (const f of c.failures) console.log(`${r.rt.label} / ${name}: ${f}`);
  }
}
writeFileSync(
  path.join(out, 'runtimes.json'),
  JSON.stringify(
    { passed, failed, columns: results.map((r) => ({ id: r.rt.id, version: r.rt.version, seconds: r.seconds, cells: r.cells, error: r.error })) },
    null,
    2,
  ),
);
process.exit(failed ? 1 : 0);
