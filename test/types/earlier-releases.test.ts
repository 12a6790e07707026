/**
 * Compiles test/types/earlier-releases.ts and published-shapes.ts with the project's options, with `strict` on and off: code
 * written against earlier published releases must compile against ours. A control file with a wrong
 * call must not, so the check can fail.
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const targets = ['earlier-releases.ts', 'published-shapes.ts', 'legacy-unions.ts'].map((f) => path.join(root, 'test/types', f));

function diagnostics(file: string, strict: boolean, source?: string): string[] {
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const options = { ...parsed.options, strict, noEmit: true };
  const host = ts.createCompilerHost(options);
  if (source !== undefined) {
    const read = host.getSourceFile;
    host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === file ? ts.createSourceFile(name, source, lang) : read(name, lang, ...rest));
    host.fileExists = (
      (exists) => (name: string) =>
        path.resolve(name) === file || exists(name)
    )(host.fileExists);
  }
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test.each([true, false])(
  "earlier releases' styles and the published shapes compile (strict: %s)",
  (strict) => {
    for (const target of targets) expect(diagnostics(target, strict)).toEqual([]);
  },
  120_000,
);

test('a call no release accepted does not compile', () => {
  const file = path.join(root, 'test/types/__bad-earlier.ts');
  const errors = diagnostics(
    file,
    true,
    [
      "import { BitmapUtils, AppServer } from '@mentraos/sdk';",
      'export const v: string = BitmapUtils.validateBmpBase64(1);',
      'export class S extends AppServer { public getExpressApp(): number { return 1; } }',
    ].join('\n'),
  );
  expect(errors.join('\n')).toMatch(/number/);
  expect(errors.length).toBeGreaterThanOrEqual(2);
}, 120_000);
