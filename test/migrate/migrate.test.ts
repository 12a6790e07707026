/** The codemod on small apps: every import form, subclass overrides, JSON files, dry run, and a second run. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, runMigrateCli, type MigrateResult } from '../../src/migrate';
import { SDK_RANGE } from '../../src/migrate/package-json';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-migrate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const messages = (r: MigrateResult, file: string) => r.changes.filter((c) => c.file === file).map((c) => `${c.line}: ${c.message}`);

test('aliased named imports: the imported name changes, the local alias stays; config fields follow', async () => {
  write({
    'src/app.ts': [
      "import { TpaServer as Base, TpaSession as Sess, TpaServerConfig, StreamType } from '@augmentos/sdk';",
      '',
      'class App extends Base {',
      '  protected async onSession(session: Sess): Promise<void> {',
      '    session.onTranscription((d) => session.layouts.showTextWall(d.text));',
      '    session.subscribe(StreamType.BUTTON_PRESS);',
      '  }',
      '}',
      'const config: TpaServerConfig = {',
      "  packageName: 'p',",
      "  apiKey: 'k',",
      "  augmentOSWebsocketUrl: 'wss://staging.augmentos.org/tpa-ws',",
      "  webhookPath: '/webhook',",
      "  tpaInstructions: 'Say hi',",
      '};',
      'new App(config).start();',
      '',
    ].join('\n'),
  });
  const result = await migrate(dir);
  expect(read('src/app.ts')).toBe(
    [
      "import { AppServer as Base, AppSession as Sess, AppServerConfig, StreamType } from '@mentraos/sdk';",
      '',
      'class App extends Base {',
      '  protected async onSession(session: Sess): Promise<void> {',
      '    session.events.onTranscription((d) => session.layouts.showTextWall(d.text));',
      '    session.subscribe(StreamType.BUTTON_PRESS);',
      '  }',
      '}',
      'const config: AppServerConfig = {',
      "  packageName: 'p',",
      "  apiKey: 'k',",
      '  // The WebSocket URL option was removed by mentraos-migrate: the cloud sends the URL in each webhook.',
      '  // The webhook path option was removed by mentraos-migrate: the cloud always calls /webhook.',
      "  appInstructions: 'Say hi',",
      '};',
      'new App(config).start();',
      '',
    ].join('\n'),
  );
  expect(messages(result, 'src/app.ts')).toContain("1: '@augmentos/sdk' -> '@mentraos/sdk'");
  expect(messages(result, 'src/app.ts')).toContain('1: TpaServer -> AppServer (aliased as Base)');
  expect(messages(result, 'src/app.ts')).toContain('5: session.onTranscription -> session.events.onTranscription');
  expect(messages(result, 'src/app.ts')).toContain('14: config tpaInstructions -> appInstructions');
  expect(result.manual).toEqual([]);
});

test('namespace imports: members, types, guards and enum members of the namespace are renamed', async () => {
  write({
    'app.ts': [
      "import * as sdk from '@augmentos/sdk';",
      'export class App extends sdk.TpaServer {',
      '  protected async onSession(session: sdk.TpaSession): Promise<void> {',
      "    session.onButtonPress(() => session.layouts.showTextWall('pressed'));",
      "    session.settings.onAugmentOSChange('brightness', () => {});",
      "    if (sdk.isTpaConnectionAck({ type: 'x' })) console.log(sdk.TpaToCloudMessageType.TPA_BROADCAST_MESSAGE, sdk.CloudToTpaMessageType.DATA_STREAM);",
      '  }',
      '}',
      '',
    ].join('\n'),
  });
  await migrate(dir);
  expect(read('app.ts')).toBe(
    [
      "import * as sdk from '@mentraos/sdk';",
      'export class App extends sdk.AppServer {',
      '  protected async onSession(session: sdk.AppSession): Promise<void> {',
      "    session.events.onButtonPress(() => session.layouts.showTextWall('pressed'));",
      "    session.settings.onMentraosChange('brightness', () => {});",
      "    if (sdk.isAppConnectionAck({ type: 'x' })) console.log(sdk.AppToCloudMessageType.APP_BROADCAST_MESSAGE, sdk.CloudToAppMessageType.DATA_STREAM);",
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

test('subclass overrides: stop(): void becomes async and awaits super.stop(); a subclass of a subclass is still a server', async () => {
  write({
    'server.ts': [
      "import { TpaServer, TpaSession } from '@augmentos/sdk';",
      'export class Base extends TpaServer {',
      '  override stop(): void {',
      '    super.stop();',
      "    console.log('bye');",
      '  }',
      '}',
      'export class App extends Base {',
      '  protected async onSession(session: TpaSession, sessionId: string): Promise<void> {',
      '    session.onHeadPosition(() => {});',
      '    const settings = session.settings;',
      "    settings.getAugmentosSetting('metricSystemEnabled');",
      '    session.getSettings();',
      '  }',
      '}',
      "new App({ packageName: 'p', apiKey: 'k', augmentOSWebsocketUrl: 'wss://x' });",
      '',
    ].join('\n'),
  });
  await migrate(dir);
  expect(read('server.ts')).toBe(
    [
      "import { AppServer, AppSession } from '@mentraos/sdk';",
      'export class Base extends AppServer {',
      '  override async stop(): Promise<void> {',
      '    await super.stop();',
      "    console.log('bye');",
      '  }',
      '}',
      'export class App extends Base {',
      '  protected async onSession(session: AppSession, sessionId: string): Promise<void> {',
      '    session.events.onHeadPosition(() => {});',
      '    const settings = session.settings;',
      "    settings.getMentraosSetting('metricSystemEnabled');",
      '    session.settings.getAll();',
      '  }',
      '}',
      "new App({ packageName: 'p', apiKey: 'k', /* The WebSocket URL option was removed by mentraos-migrate: the cloud sends the URL in each webhook. */ });",
      '',
    ].join('\n'),
  );
});

test('require: destructured (plain and renamed), namespace and direct member forms in JavaScript', async () => {
  write({
    'index.js': [
      "const { TpaServer, TpaSession: Session, ViewType } = require('@augmentos/sdk');",
      "const sdk = require('@mentra/sdk');",
      'class App extends TpaServer {',
      '  async onSession(session) {',
      '    session.onTranscription((d) => session.layouts.showTextWall(d.text, { view: ViewType.MAIN }));',
      "    session.streaming.requestStream({ rtmpUrl: 'rtmp://example/live' });",
      '  }',
      '}',
      "module.exports = { App, Session, isAck: sdk.isTpaConnectionAck, Type: require('@augmentos/sdk').TpaType };",
      '',
    ].join('\n'),
  });
  await migrate(dir);
  expect(read('index.js')).toBe(
    [
      "const { AppServer, AppSession: Session, ViewType } = require('@mentraos/sdk');",
      "const sdk = require('@mentraos/sdk');",
      'class App extends AppServer {',
      '  async onSession(session) {',
      '    session.events.onTranscription((d) => session.layouts.showTextWall(d.text, { view: ViewType.MAIN }));',
      "    session.camera.startStream({ rtmpUrl: 'rtmp://example/live' });",
      '  }',
      '}',
      "module.exports = { App, Session, isAck: sdk.isAppConnectionAck, Type: require('@mentraos/sdk').AppType };",
      '',
    ].join('\n'),
  );
});

test('a file it cannot fully migrate: the rest is migrated, and each doubt is reported with the manual step', async () => {
  write({
    'partial.ts': [
      "import { TpaSession, validateTpaConfig } from '@augmentos/sdk';",
      'declare function currentSession(): any;',
      'const s = currentSession();',
      's.onTranscription(() => {});',
      "s.settings.getAugmentosSetting('brightness');",
      'export async function snap(session: TpaSession): Promise<unknown> {',
      '  const streaming = session.streaming;',
      '  void streaming;',
      '  validateTpaConfig({});',
      '  return session.requestPhoto();',
      '}',
      '',
    ].join('\n'),
  });
  const result = await migrate(dir);
  const text = read('partial.ts');
  expect(text).toContain("import { AppSession, validateAppConfig } from '@mentraos/sdk';");
  expect(text).toContain("s.settings.getMentraosSetting('brightness');");
  expect(text).toContain('return session.camera.requestPhoto();');
  expect(text).toContain('s.onTranscription(() => {});');
  expect(result.manual.map((m) => `${m.file}:${m.line}: ${m.message}`)).toEqual([
    "partial.ts:4: s.onTranscription: the receiver's type is unknown; if it is a session, write s.events.onTranscription",
    'partial.ts:7: session.streaming is used as a value: use session.camera (requestStream -> startStream, onStatus -> onStreamStatus)',
    'partial.ts:10: session.camera.requestPhoto() resolves with the photo (buffer, mimeType, ...), not a URL: adapt the code that uses the result',
  ]);
  const out: string[] = [];
  await runMigrateCli([dir], { out: (t) => void out.push(t), err: (t) => void out.push(t) });
  expect(out.join('')).toContain('Could not migrate (manual steps):\n  partial.ts:4  s.onTranscription');
});

test('package.json and tpa_config.json: the dependency and the app config move to the modern names', async () => {
  write({
    'package.json': `${JSON.stringify(
      {
        name: 'legacy-app',
        dependencies: { express: '^4.18.0', '@augmentos/sdk': '^1.1.18' },
        devDependencies: { '@mentra/sdk': 'npm:@mentraos/sdk@^0.1.0' },
      },
      null,
      4,
    )}\n`,
    'tpa_config.json': JSON.stringify({ name: 'App', description: 'd', version: '1.0.0', settings: [] }),
    'src/config.ts':
      "import config from '../tpa_config.json';\nexport const name = config.name;\nexport const where = require.resolve('../tpa_config.json');\n",
  });
  const result = await migrate(dir);
  const pkg = JSON.parse(read('package.json'));
  expect(pkg.dependencies).toEqual({ express: '^4.18.0', '@mentraos/sdk': SDK_RANGE });
  expect(Object.keys(pkg.dependencies)).toEqual(['express', '@mentraos/sdk']);
  expect(pkg.devDependencies).toEqual({ '@mentraos/sdk': '^0.1.0' });
  expect(read('package.json')).toMatch(/^\{\n {4}"name"/);
  expect(existsSync(path.join(dir, 'tpa_config.json'))).toBe(false);
  expect(JSON.parse(read('app_config.json')).name).toBe('App');
  expect(read('src/config.ts')).toBe(
    "import config from '../app_config.json';\nexport const name = config.name;\nexport const where = require.resolve('../app_config.json');\n",
  );
  expect(messages(result, 'tpa_config.json')).toEqual(['1: tpa_config.json renamed to app_config.json']);
});

test('--dry-run prints a unified diff and writes nothing; a second run changes nothing', async () => {
  const source = "import { TpaServer } from '@augmentos/sdk';\nexport class App extends TpaServer {}\n";
  write({ 'app.ts': source });
  const out: string[] = [];
  const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) };
  expect(await runMigrateCli([dir, '--dry-run'], io)).toBe(0);
  expect(read('app.ts')).toBe(source);
  expect(out.join('')).toContain(
    [
      '--- a/app.ts',
      '+++ b/app.ts',
      '@@ -1,2 +1,2 @@',
      "-import { TpaServer } from '@augmentos/sdk';",
      '-export class App extends TpaServer {}',
      "+import { AppServer } from '@mentraos/sdk';",
      '+export class App extends AppServer {}',
    ].join('\n'),
  );
  expect(out.join('')).toContain('Nothing written (dry run).');
  const first = await migrate(dir);
  expect(first.written).toBe(true);
  const migrated = read('app.ts');
  const second = await migrate(dir);
  expect(second.files).toEqual([]);
  expect(second.changes).toEqual([]);
  expect(read('app.ts')).toBe(migrated);
});
