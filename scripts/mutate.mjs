/**
 * `npm run mutate`: Stryker over every file of stryker.config.mjs.
 * `npm run mutate -- --changed`: only the source files this branch changed against `main` (nothing to do
 * when there are none). Any other argument goes to `stryker run` as is (e.g. `--mutate src/core/session/trust.ts`).
 * Stryker 10 needs Node >= 22: it runs on this Node when it is new enough, else on Node 24 from the registry.
 */
import { spawnSync } from 'node:child_process';
import { changedFiles } from './changed-files.mjs';
import { envWithNode, testNode } from './lib/runtimes.mjs';

const args = process.argv.slice(2);
const changed = args.includes('--changed');
const rest = args.filter((a) => a !== '--changed');
if (changed) {
  const files = changedFiles();
  if (!files) {
    console.error('mutate: no "main" or "origin/main" branch to compare with (fetch it first)');
    process.exit(1);
  }
  if (files.length === 0) {
    console.log('mutate: no source file under src/core, src/app or compat changed against main; nothing to mutate.');
    process.exit(0);
  }
  console.log(`mutate: ${files.length} changed file(s): ${files.join(', ')}`);
  rest.unshift('--mutate', files.join(','));
}
const node = testNode();
const run = spawnSync(node, ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...rest], {
  stdio: 'inherit',
  env: envWithNode(node),
});
process.exit(run.status ?? 1);
