/**
 * `--throw-deprecation` for the modern test project. Jest gives each test file its own `process` object,
 * and Node's own flag only applies to the real one, so the sandbox's `emitWarning` is wrapped: a
 * DeprecationWarning throws at the call, and is also recorded so that one swallowed by an isolated handler
 * still fails the test.
 */
const seen: string[] = [];
const original = process.emitWarning;
process.throwDeprecation = true;

process.emitWarning = function emitWarning(this: unknown, warning: string | Error, ...rest: unknown[]) {
  const opts = rest[0];
  const type = typeof opts === 'string' ? opts : ((opts as { type?: string } | undefined)?.type ?? (warning instanceof Error ? warning.name : undefined));
  if (type === 'DeprecationWarning') {
    const code = typeof opts === 'object' && opts ? (opts as { code?: string }).code : typeof rest[1] === 'string' ? rest[1] : undefined;
    const message = `${code ? `[${code}] ` : ''}${String(warning instanceof Error ? warning.message : warning)}`;
    seen.push(message);
    throw Object.assign(new Error(`Deprecated API used on the modern path: ${message}`), { name: 'DeprecationWarning', code });
  }
  return (original as (...a: unknown[]) => void).call(process, warning, ...rest);
} as typeof process.emitWarning;

afterEach(() => {
  const found = seen.splice(0);
  if (found.length > 0) throw new Error(`The modern path used deprecated APIs:\n${found.join('\n')}`);
});
