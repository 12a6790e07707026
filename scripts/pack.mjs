#!/usr/bin/env node
/**
 * Packs both packages of this repository together: `@mentraos/sdk` (the root) and `@mentraos/sdk-hono`
 * (packages/sdk-hono), which must carry the same version and depend on the root at exactly that version.
 * Usage: node scripts/pack.mjs [destination] (default: the current directory). Build first (`npm run build`).
 * Prints the two tarball paths as JSON: {"sdk": "...", "sdkHono": "..."}.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const honoDir = path.join(root, 'packages', 'sdk-hono');
const dest = path.resolve(process.argv[2] ?? '.');
mkdirSync(dest, { recursive: true });

const sdk = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const hono = JSON.parse(readFileSync(path.join(honoDir, 'package.json'), 'utf8'));
if (hono.version !== sdk.version || hono.dependencies?.[sdk.name] !== sdk.version) {
  console.error(`${hono.name} must have version ${sdk.version} and depend on ${sdk.name} at exactly ${sdk.version}`);
  process.exit(1);
}

function pack(dir) {
  const out = execFileSync('npm', ['pack', '--pack-destination', dest, '--json', '--silent'], { cwd: dir, encoding: 'utf8' });
  return path.join(dest, JSON.parse(out)[0].filename);
}

console.log(JSON.stringify({ sdk: pack(root), sdkHono: pack(honoDir) }));
