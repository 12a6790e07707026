/** Runs the `mentraos` command's main() in this process (no signals, no browser) and collects its output. */
import path from 'node:path';
import { main } from '../../src/dev/main';

const root = path.resolve(__dirname, '../..');

/** main() in this process: usage errors are found before anything starts. */
export async function mainInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { CI: 'true' },
    cwd: root,
    interrupted: new Promise(() => {}),
    interactive: false,
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}
