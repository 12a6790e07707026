/**
 * The modern examples, run as their own processes exactly as a developer runs them (tsx on Node, and Bun),
 * against the test cloud. On Node they run with --throw-deprecation: no modern path uses a deprecated API.
 */
import { createTestCloud, launchApp, type TestCloud, type LaunchedApp, type LaunchOptions } from '../../src/testing';
import { appRuntimes } from '../helpers/bun';
import { checkLogLine } from '../helpers/secrets';

const runtimes = appRuntimes();

describe.each(runtimes)('modern examples on %s', (_name, baseRuntime) => {
  const launch = (entry: string, opts: LaunchOptions) =>
    launchApp(entry, { ...opts, runtime: baseRuntime, env: baseRuntime === 'node' ? { NODE_OPTIONS: '--throw-deprecation' } : undefined });
  let cloud: TestCloud;
  let app: LaunchedApp | undefined;
  beforeEach(async () => {
    cloud = await createTestCloud();
  });
  afterEach(async () => {
    await app?.stop();
    for (const line of app?.output ?? []) checkLogLine(line, 'launched app');
    app = undefined;
    await cloud.close();
  });

  test('weather (the documentation example) shows the reference card when the wearer says "weather"', async () => {
    app = await launch('examples/modern/weather.ts', { packageName: 'com.example.weather' });
    const user = await cloud.startSession({ app: { port: app.port }, packageName: 'com.example.weather' });
    await user.waitForDisplay('Weather App Ready');
    await user.transcribe('hello');
    await user.transcribe('how is the weather', { isFinal: false });
    await user.transcribe('how is the weather');
    const card = await user.waitForDisplay((d) => d.layout.layoutType === 'reference_card');
    expect(card.layout).toEqual({ layoutType: 'reference_card', title: 'Weather', text: 'Sunny, 72°F' });
    expect(user.displays).toHaveLength(2);
    await user.stop();
    await new Promise((r) => setTimeout(r, 100));
    expect(app.output).toContain('Session ended: user_disabled');
  });

  test('captions shows interim and final text and clears on a long press', async () => {
    app = await launch('examples/modern/captions.ts', { packageName: 'com.example.captions' });
    const user = await cloud.startSession({ app: { port: app.port }, packageName: 'com.example.captions' });
    await user.waitForDisplay('Captions ready');
    await user.transcribe('hel', { isFinal: false });
    await user.waitForDisplay('hel…');
    await user.transcribe('hello world');
    await user.waitForDisplay('hello world');
    await user.pressButton('main', 'long');
    await user.waitForDisplay((d) => d.layout.layoutType === 'clear_view');
  });

  test('custom routes and publicDir are served next to the webhook', async () => {
    app = await launch('examples/modern/custom-route.ts', { packageName: 'com.example.notes' });
    const user = await cloud.startSession({ app: { port: app.port }, packageName: 'com.example.notes', userId: 'n@example.com' });
    await user.transcribe('buy milk');
    await user.waitForDisplay('1 note(s)');
    const notes = await (await fetch(`http://127.0.0.1:${app.port}/api/notes/n@example.com`)).json();
    expect(notes).toEqual({ userId: 'n@example.com', notes: ['buy milk'] });
    const page = await fetch(`http://127.0.0.1:${app.port}/index.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Served from publicDir');
    const health = await (await fetch(`http://127.0.0.1:${app.port}/health`)).json();
    expect(health).toEqual({ status: 'healthy', app: 'com.example.notes', activeSessions: 1 });
  });
});
