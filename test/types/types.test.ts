/**
 * Compiles the type tests with the project's compiler options: the accepted overrides must compile,
 * and an override that could never be called correctly must not.
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

function diagnostics(file: string, source?: string): string[] {
  const configPath = path.join(root, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const host = ts.createCompilerHost(parsed.options);
  if (source !== undefined) {
    const read = host.getSourceFile;
    host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === file ? ts.createSourceFile(name, source, lang) : read(name, lang, ...rest));
    host.fileExists = (
      (exists) => (name: string) =>
        path.resolve(name) === file || exists(name)
    )(host.fileExists);
  }
  const program = ts.createProgram([file], { ...parsed.options, noEmit: true }, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('both onToolCall override forms (and their older spellings) compile', () => {
  expect(diagnostics(path.join(root, 'test/types/tool-call-overrides.ts'))).toEqual([]);
}, 60_000);

test('typed events and hooks: known streams type the handler, wrong handlers fail (every @ts-expect-error is used)', () => {
  expect(diagnostics(path.join(root, 'test/types/typed-events.ts'))).toEqual([]);
}, 60_000);

/** The compiler's messages for a snippet compiled as if it were the file `test/types/<name>.ts`. */
function snippetErrors(name: string, lines: string[]): string {
  return diagnostics(path.join(root, `test/types/${name}.ts`), lines.join('\n')).join('\n');
}

test('a wrong handler for a known stream is a compile error', () => {
  const errors = snippetErrors('__wrong-handler', [
    "import { type AppSession, type HeadPosition, StreamType } from '@mentraos/sdk';",
    'export const wrong = (session: AppSession) => session.events.on(StreamType.BUTTON_PRESS, (head: HeadPosition) => head.position);',
  ]);
  expect(errors).toMatch(/Handler<ButtonPress>/);
}, 60_000);

test('an override with an incompatible first parameter does not compile', () => {
  const errors = snippetErrors('__bad-override', [
    "import { AppServer } from '@mentraos/sdk';",
    'export class Bad extends AppServer {',
    '  protected override async onToolCall(toolCall: number): Promise<any> { return toolCall; }',
    '}',
  ]);
  expect(errors).toMatch(/onToolCall/);
}, 60_000);
