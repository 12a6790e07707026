/**
 * `npm run docs:check` (TypeDoc with typedoc.check.json) fails on an undocumented public member. Run with
 * the check's own validation options on a two-export fixture, so it stays fast: the undocumented export is
 * reported and fails the run, the documented one is not reported.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** The check's options (typedoc.json overlaid with typedoc.check.json), pointed at the fixture. */
function fixtureOptions(dir: string): Record<string, unknown> {
  const read = (name: string) => JSON.parse(readFileSync(path.join(root, name), 'utf8'));
  const { extends: _extends, intentionallyNotDocumented: _known, ...check } = read('typedoc.check.json');
  return { ...read('typedoc.json'), ...check, entryPoints: [path.join(dir, 'index.ts')], tsconfig: path.join(dir, 'tsconfig.json') };
}

test('docs:check fails on an undocumented export and names it, and accepts a documented one', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docs-check-'));
  try {
    writeFileSync(
      path.join(dir, 'index.ts'),
      ['/** A documented export. */', 'export const documentedExport = 1;', 'export const undocumentedExport = 2;', ''].join('\n'),
    );
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', types: [] }, files: ['index.ts'] }));
    writeFileSync(path.join(dir, 'typedoc.json'), JSON.stringify(fixtureOptions(dir)));
    const typedoc = path.join(root, 'node_modules/typedoc/bin/typedoc');
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [typedoc, '--options', path.join(dir, 'typedoc.json')],
        { cwd: dir, env: { ...process.env, NO_COLOR: '1' } },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });
    expect(output).toMatch(/undocumentedExport \(Variable\).*does not have any documentation/);
    expect(output).not.toMatch(/(^|[^a-zA-Z])documentedExport \(Variable\)/m);
    expect(code).toBe(4); // TypeDoc's exit code for validation errors
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
