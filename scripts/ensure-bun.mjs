#!/usr/bin/env node
/**
 * Makes a Bun binary available for the Bun tests and benchmarks without a global install: BUN_BIN when set,
 * else the registry package @oven/bun-linux-x64 (the first Bun of scripts/lib/runtimes.mjs) unpacked into the
 * runtimes cache. Prints the binary's path; fails, saying how to install Bun, where neither serves.
 */
import { existsSync } from 'node:fs';
import { ensureRuntime, RUNTIMES } from './lib/runtimes.mjs';

const bun = RUNTIMES.find((r) => r.kind === 'bun');
const fail = (why) => {
  console.error(`ensure-bun: ${why}\nInstall Bun ${bun.version} or newer (see bun.sh) and set BUN_BIN to its path.`);
  process.exit(1);
};

if (process.env.BUN_BIN) {
  if (!existsSync(process.env.BUN_BIN)) fail(`BUN_BIN is set to ${process.env.BUN_BIN}, which does not exist.`);
  console.log(process.env.BUN_BIN);
} else {
  try {
    console.log(ensureRuntime(bun));
  } catch (e) {
    fail(e.message);
  }
}
