/** The `mentraos-migrate` bin of this checkout runs the codemod from the build (`npm test` builds dist/ first). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-migrate-bin-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('the bin runs the codemod from the build, and bad arguments are refused', () => {
  writeFileSync(path.join(dir, 'app.js'), "const { TpaServer } = require('@augmentos/sdk');\n");
  const bin = path.resolve(__dirname, '../../bin/mentraos-migrate.cjs');
  const out = execFileSync(process.execPath, [bin, dir, '--dry-run'], { encoding: 'utf8' });
  expect(out).toContain("+const { AppServer } = require('@mentraos/sdk');");
  let code = 0;
  try {
    execFileSync(process.execPath, [bin, '--bogus'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    code = (e as { status: number }).status;
  }
  expect(code).toBe(2);
});
