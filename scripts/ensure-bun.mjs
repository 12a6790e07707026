#!/usr/bin/env node
/**
 * Makes a Bun binary available for the Bun tests without a global install: unpacks the registry package
 * @oven/bun-linux-x64 (which ships bin/bun) into node_modules/.cache/bun. Prints the binary's path.
 * Skipped off linux-x64 or when BUN_BIN is already set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const VERSION = '1.3.2';
const dir = path.resolve('node_modules/.cache/bun');
const bin = path.join(dir, 'package', 'bin', 'bun');

if (process.env.BUN_BIN && existsSync(process.env.BUN_BIN)) {
  console.log(process.env.BUN_BIN);
  process.exit(0);
}
if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(`ensure-bun: no Bun package for ${process.platform}-${process.arch}; Bun tests will be skipped`);
  process.exit(0);
}
if (!existsSync(bin)) {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('npm', ['pack', `@oven/bun-linux-x64@${VERSION}`, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['-xzf', path.join(dir, tgz), '-C', dir]);
  } catch (e) {
    console.error(`ensure-bun: could not fetch Bun (${e.message}); Bun tests will be skipped`);
    process.exit(0);
  }
}
console.log(bin);
