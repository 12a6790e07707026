#!/usr/bin/env node
/**
 * `npm test`: makes sure of everything the tests need, builds, and runs the whole jest suite (extra
 * arguments go to jest, e.g. `npm test -- test/core`).
 * - the system programs (redis-server, chromium): installed with apt-get as root on Debian, otherwise a
 *   missing one stops the run at once with the command that installs it (scripts/lib/system-deps.mjs);
 * - Bun for the examples run under Bun (scripts/ensure-bun.mjs's registry package, or BUN_BIN);
 * - a supported Node for jest: this one when it is >= 22, else Node 24 from the registry (scripts/lib/runtimes.mjs).
 * Nothing is skipped: a test whose dependency is missing fails.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRuntime, envWithNode, RUNTIMES, testNode } from './lib/runtimes.mjs';
import { ensureSystemDeps } from './lib/system-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function stop(message) {
  console.error(`\nnpm test cannot run: ${message}`);
  process.exit(1);
}

const missing = ensureSystemDeps();
if (missing) stop(missing);

let node = process.execPath;
let env = { ...process.env };
try {
  env.BUN_BIN ||= ensureRuntime(RUNTIMES.find((r) => r.kind === 'bun'));
  node = testNode();
  env = envWithNode(node, env);
} catch (e) {
  stop(`${e.message}\nInstall Bun (see bun.sh) and set BUN_BIN, and use Node 22 or newer.`);
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' }).status ?? 1;
if (run('npm', ['run', 'build', '--silent']) !== 0) stop('the build failed');
process.exit(run(node, ['--expose-gc', path.join(root, 'node_modules/jest/bin/jest.js'), ...process.argv.slice(2)]));
