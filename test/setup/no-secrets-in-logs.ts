/**
 * Runs before every test file: whatever the test process prints (console, stdout, stderr) is checked for
 * the tests' API keys, and a test during which one appeared in any captured log line fails.
 */
import { format } from 'node:util';
import { checkLogLine, takeLeaks } from '../helpers/secrets';

for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  const original = console[method];
  console[method] = (...args: unknown[]) => {
    checkLogLine(format(...args), `console.${method}`);
    original.apply(console, args);
  };
}

for (const name of ['stdout', 'stderr'] as const) {
  const stream = process[name];
  const original = stream.write;
  stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    checkLogLine(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk), name);
    return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stream.write;
}

afterEach(() => {
  const leaks = takeLeaks();
  if (leaks.length > 0) throw new Error(`An API key appeared in ${leaks.length} log line(s):\n${leaks.join('\n')}`);
});
