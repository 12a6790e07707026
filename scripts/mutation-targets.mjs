/**
 * The mutation score each source file must reach (docs/mutation-testing.md), and which files mutation
 * testing covers. Shared by `scripts/mutate.mjs` and `scripts/mutation-check.mjs`.
 */

/** The files whose behaviour guards the API key, webview users and cluster requests, and the reconnect policy. */
const STRICT = [
  /^src\/core\/session\/trust\.ts$/,
  /^src\/core\/http\/webview\/(auth|authenticate|cookie|tokens)\.ts$/,
  /^src\/core\/cluster\/signature\.ts$/,
  /^src\/core\/session\/reconnect\.ts$/,
];

/** True for a source file mutation testing covers (the engine and both facades). */
export function isMutable(file) {
  return /^(src\/core|src\/app|compat)\/.+\.ts$/.test(file) && !file.endsWith('.d.ts');
}

/** The lowest acceptable mutation score of `file`, in percent. */
export function targetFor(file) {
  if (STRICT.some((re) => re.test(file))) return 95;
  if (file.startsWith('src/core/')) return 90;
  return 85;
}
