/**
 * The mutable source files (see mutation-targets.mjs) that this checkout changed against the merge base
 * with `main` (`origin/main` when there is no local `main`; `MUTATE_BASE` names another base), committed or
 * not, that still exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isMutable } from './mutation-targets.mjs';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/**
 * `MUTATE_BASE` when set (any commit-ish), else `main`, else `origin/main`; undefined when none exists
 * (a checkout without them, e.g. a shallow CI clone).
 */
export function baseRef() {
  for (const ref of [process.env.MUTATE_BASE, 'main', 'origin/main'].filter(Boolean)) {
    try {
      git('rev-parse', '--verify', '--quiet', ref);
      return ref;
    } catch {}
  }
  return undefined;
}

/** Changed mutable files, sorted; undefined when there is no `main` to compare with. */
export function changedFiles() {
  const ref = baseRef();
  if (!ref) return undefined;
  const base = git('merge-base', 'HEAD', ref);
  const names = git('diff', '--name-only', '--diff-filter=d', base).split('\n').filter(Boolean);
  return [...new Set(names)].filter((f) => isMutable(f) && existsSync(f)).sort();
}
