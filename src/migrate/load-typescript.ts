/**
 * The codemod uses the TypeScript compiler API. It is not a dependency of the SDK (most apps already have
 * it, and a bundled copy would weigh more than the whole SDK): it is loaded when the codemod runs, from the
 * migrated project first, then from wherever this package can see it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { SdkError } from '../core/errors';

export function loadTypeScript(projectDir: string): typeof TS {
  const bases = [path.join(path.resolve(projectDir), 'package.json'), path.join(process.cwd(), 'package.json')];
  if (typeof __filename === 'string') bases.push(__filename);
  for (const base of bases) {
    try {
      return createRequire(base)('typescript') as typeof TS;
    } catch {
      /* try the next place */
    }
  }
  throw new SdkError(
    'not_supported',
    'mentraos-migrate needs the "typescript" package: run `npm install --save-dev typescript` in the project, then try again',
  );
}
