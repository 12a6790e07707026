/** The Bun binary for the Bun tests: BUN_BIN, or the one scripts/ensure-bun.mjs unpacked. */
import { existsSync } from 'node:fs';
import path from 'node:path';

export function bunBinary(): string | undefined {
  const candidates = [process.env.BUN_BIN, path.resolve('node_modules/.cache/bun/package/bin/bun')];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found && process.env.CI) throw new Error('CI must provide Bun: run scripts/ensure-bun.mjs or set BUN_BIN');
  return found;
}
