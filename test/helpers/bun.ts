/**
 * The runtimes the app-side tests run apps on. Bun: BUN_BIN, else the binary scripts/ensure-bun.mjs fetches
 * from the registry (it fails, saying how to install Bun, where it cannot: a missing Bun fails the tests,
 * it never skips them). MENTRAOS_TEST_APP_RUNTIME=node|bun narrows the examples to one runtime and runs the
 * packed-package apps on it (`npm run test:runtimes` sets it per column); unset, the examples run on both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LaunchOptions } from '../../src/testing';

const root = path.resolve(__dirname, '../..');

export function bunBinary(): string {
  const set = process.env.BUN_BIN;
  if (set) {
    if (!existsSync(set)) throw new Error(`BUN_BIN is set to ${set}, which does not exist`);
    return set;
  }
  return execFileSync(process.execPath, [path.join(root, 'scripts/ensure-bun.mjs')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

function selected(): 'node' | 'bun' | undefined {
  const chosen = process.env.MENTRAOS_TEST_APP_RUNTIME;
  if (chosen === undefined || chosen === '') return undefined;
  if (chosen !== 'node' && chosen !== 'bun') throw new Error(`MENTRAOS_TEST_APP_RUNTIME must be node or bun, not ${chosen}`);
  return chosen;
}

/** The runtimes the examples run on, named for describe.each: node (this process's binary) and Bun. */
export function appRuntimes(): Array<[string, NonNullable<LaunchOptions['runtime']>]> {
  const chosen = selected();
  const all: Array<[string, NonNullable<LaunchOptions['runtime']>]> = [];
  if (chosen !== 'bun') all.push(['node', 'node']);
  if (chosen !== 'node') all.push(['bun', { bun: bunBinary() }]);
  return all;
}

/** The binary that runs a plain JavaScript app file: Bun when selected, else this process's Node. */
export function appBinary(): string {
  return selected() === 'bun' ? bunBinary() : process.execPath;
}
