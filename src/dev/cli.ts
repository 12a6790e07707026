#!/usr/bin/env node
/** The `mentraos` binary: arguments and signals, then main(). */
import { main } from './main';

const interrupted = new Promise<string>((resolve) => {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve(sig));
});

main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  interrupted,
  interactive: !!process.stdout.isTTY,
}).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`mentraos: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
