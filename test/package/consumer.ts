/** A consumer folder for the packed-package tests: commands run in it, tsc from this repository, both tarballs. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');

/**
 * Runs a command in `cwd` and returns its stdout (throws with its output when it fails). A process that
 * hangs is killed after a generous bound, so the test fails with its output instead of hanging.
 */
export function runIn(cwd: string, cmd: string, args: string[]): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 150_000,
    env: { ...process.env, CI: 'true', npm_config_loglevel: 'error' },
  });
}

/** Runs tsc from this repository in the consumer folder; returns its output ('' when it compiled). */
export function tscIn(cwd: string, args: string[]): string {
  const bin = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    return runIn(cwd, 'node', [
      bin,
      '--skipLibCheck',
      'false',
      '--types',
      'node',
      '--typeRoots',
      path.join(root, 'node_modules/@types'),
      '--target',
      'es2022',
      ...args,
    ]);
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

/** Packs `@mentraos/sdk` and `@mentraos/sdk-hono` into `dest` (scripts/pack.mjs); their tarball paths. */
export function packBoth(dest: string): { sdk: string; sdkHono: string } {
  return JSON.parse(runIn(root, 'node', [path.join(root, 'scripts', 'pack.mjs'), dest]));
}
