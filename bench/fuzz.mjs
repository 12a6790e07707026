/**
 * `npm run bench -- --fuzz [--requests 10000] [--seed N]`: the full-size HTTP fuzz run. It is the jest tests
 * test/fuzz/http-routes.test.ts (the Express `AppServer`) and test/fuzz/hono-routes.test.ts (the Hono
 * `AppServer`) at 10,000 requests (the tests' default is smaller so CI stays fast); the seed is printed and
 * replays the same requests (`--seed`, or `MENTRAOS_FUZZ_SEED`).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function main(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  const env = {
    ...process.env,
    MENTRAOS_FUZZ_REQUESTS: opt('requests', process.env.MENTRAOS_FUZZ_REQUESTS ?? '10000'),
    ...(opt('seed', process.env.MENTRAOS_FUZZ_SEED) ? { MENTRAOS_FUZZ_SEED: opt('seed', process.env.MENTRAOS_FUZZ_SEED) } : {}),
  };
  console.log(`HTTP fuzz: ${env.MENTRAOS_FUZZ_REQUESTS} requests${env.MENTRAOS_FUZZ_SEED ? `, seed ${env.MENTRAOS_FUZZ_SEED}` : ' (default seed)'}`);
  const jest = path.join(root, 'node_modules/jest/bin/jest.js');
  const child = spawn(process.execPath, [jest, '--runInBand', '--verbose=false', 'test/fuzz/http-routes.test.ts', 'test/fuzz/hono-routes.test.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
