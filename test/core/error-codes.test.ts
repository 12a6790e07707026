/**
 * The error-code union is exact. The compiler checks one half (every code thrown is declared: the union
 * is closed, with no `string & {}`); this test checks the other: every declared code is used by some
 * source file, so the union lists no code the SDK never throws.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, sourceFiles } from '../architecture/import-graph';

const ERRORS = 'src/core/errors.ts';

function declaredCodes(): string[] {
  const text = readFileSync(path.join(ROOT, ERRORS), 'utf8');
  const union = /export type SdkErrorCode =([\s\S]*?);/.exec(text)?.[1] ?? '';
  return [...union.matchAll(/\|\s*'([a-z_]+)'/g)].map((m) => m[1]);
}

describe('SdkErrorCode', () => {
  const codes = declaredCodes();
  const sources = sourceFiles(['src', 'compat'])
    .filter((f) => f !== ERRORS)
    .map((f) => readFileSync(path.join(ROOT, f), 'utf8'))
    .join('\n');

  it('is a closed union of plain codes', () => {
    expect(codes.length).toBeGreaterThan(10);
    expect(readFileSync(path.join(ROOT, ERRORS), 'utf8')).not.toContain('string & {}');
  });

  it.each(codes)('%s is thrown or reported somewhere', (code) => {
    expect(sources).toContain(`'${code}'`);
  });
});
