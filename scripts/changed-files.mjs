/**
 * The mutable source files (see mutation-targets.mjs) that this checkout changed against the merge base
 * with `main` (`origin/main` when there is no local `main`), committed or not, that still exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isMutable } from './mutation-targets.mjs';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

function baseRef() {
  for (const ref of ['main', 'origin/main']) {
    try {
      git('rev-parse', '--verify', '--quiet', ref);
      return ref;
    } catch {}
  }
  throw new Error('no "main" or "origin/main" to compare with');
}

/** Changed mutable files, sorted. */
export function changedFiles() {
  const base = git('merge-base', 'HEAD', baseRef());
  const names = git('diff', '--name-only', '--diff-filter=d', base).split('\n').filter(Boolean);
  return [...new Set(names)].filter((f) => isMutable(f) && existsSync(f)).sort();
}
