/**
 * The codemod on every app of examples/legacy: the result has no deprecated name left, compiles with tsc,
 * runs with --throw-deprecation, and puts the same messages on the wire as the original, in both dialects.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { createTestCloud, launchApp, type DialectName } from '../../src/testing';
import { migrate, type MigrateResult } from '../../src/migrate';
import { DEPRECATIONS, NAME_ONLY_RENAMES } from '../../src/core/deprecations';
import { EXAMPLE_CLOUD, LEGACY_EXAMPLES, type ExampleScript } from '../helpers/legacy-examples';
import { normaliseTranscript, type NormalisedRecord } from '../conformance/normalise';

const root = path.resolve(__dirname, '../..');
const original = path.join(root, 'examples/legacy');
// A sibling of examples/legacy, so that its tsconfig.json (extending the repository's) resolves the same way.
const migrated = path.join(root, 'examples', `.migrated-${process.pid}`);
let result: MigrateResult;

beforeAll(async () => {
  cpSync(original, migrated, { recursive: true });
  result = await migrate(migrated);
}, 60_000);
afterAll(() => rmSync(migrated, { recursive: true, force: true }));

/** Every identifier, property name and module specifier in a source file (comments are not code). */
function namesIn(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) || ts.isStringLiteral(n)) names.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return names;
}

test('every example is migrated, with nothing left for a person to do', () => {
  const files = new Set(result.changes.map((c) => c.file));
  for (const e of LEGACY_EXAMPLES) expect(files).toContain(e.entry);
  expect(result.manual).toEqual([]);
  expect(readdirSync(migrated)).toContain('app_config.json');
  expect(readdirSync(migrated)).not.toContain('tpa_config.json');
});

test('no deprecated name is left in the migrated code', () => {
  const deprecatedRoots = new Set([...DEPRECATIONS.filter((d) => !d.api.includes('.')).map((d) => d.api), ...Object.keys(NAME_ONLY_RENAMES)]);
  const deprecatedMembers = new Set(DEPRECATIONS.filter((d) => /^(settings|events)\./.test(d.api) || /Tpa/.test(d.api)).map((d) => d.api.split('.').pop()!));
  for (const e of LEGACY_EXAMPLES) {
    const names = namesIn(path.join(migrated, e.entry));
    const left = names.filter(
      (n) => deprecatedRoots.has(n) || deprecatedMembers.has(n) || n === '@augmentos/sdk' || n === '@mentra/sdk' || n.endsWith('tpa_config.json'),
    );
    expect({ file: e.entry, left }).toEqual({ file: e.entry, left: [] });
  }
});

test('the migrated examples compile with tsc (dashboard.ts through session.dashboard)', () => {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const files = LEGACY_EXAMPLES.map((e) => e.entry);
  expect(files).toContain('dashboard.ts');
  writeFileSync(path.join(migrated, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', include: [], files }));
  const out = (() => {
    try {
      return execFileSync('node', [tsc, '--noEmit', '-p', path.join(migrated, 'tsconfig.check.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      return String((e as { stdout?: string }).stdout ?? e);
    }
  })();
  expect(out).toBe('');
}, 120_000);

test('a second run changes nothing', async () => {
  const again = await migrate(migrated, { dryRun: true });
  expect(again.files).toEqual([]);
  expect(again.diff).toBe('');
});

async function transcript(example: ExampleScript, cwd: string, dialect: DialectName, env?: NodeJS.ProcessEnv): Promise<NormalisedRecord[]> {
  const cloud = await createTestCloud({ dialect, ...EXAMPLE_CLOUD });
  const app = await launchApp(example.entry, { cwd, packageName: example.packageName, env });
  try {
    return normaliseTranscript((await example.drive(cloud, app.port)).wire);
  } finally {
    await app.stop();
    await cloud.close();
  }
}

describe.each<DialectName>(['augmentos', 'mentraos'])('on the %s cloud', (dialect) => {
  test.each(LEGACY_EXAMPLES.map((e) => [e.entry, e] as const))(
    '%s gives the same wire transcript before and after, with no deprecation at run time',
    async (_entry, example) => {
      const before = await transcript(example, original, dialect);
      const after = await transcript(example, migrated, dialect, { NODE_OPTIONS: '--throw-deprecation' });
      expect(after).toEqual(before);
      expect(after.filter((r) => r.dir === 'app->cloud').length).toBeGreaterThan(2);
    },
  );
});
