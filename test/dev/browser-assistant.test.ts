/**
 * The simulator page's inputs to an app beyond speech and buttons: audio from a WAV file and from the
 * microphone (16 kHz mono, 100 ms chunks), the app's tools called with parameters, its settings rendered and
 * changed, its webview opened with a token its auth middleware accepts; and the app's state: listening,
 * restarted by --watch, and a syntax error shown until the next save fixes it. Screenshots in test-artifacts/.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startDev, type DevHandle } from '../../src/dev/dev';
import { connectControl } from '../../src/testing/control-client';
import { ARTIFACTS, launch, openPage, openWearerPage, screen, shot, startWearer, waitForText, waitForWall, wearer, type Browser } from './browser-kit';

const APP = 'test/dev/fixtures/glasses-app/app.ts';
const WAV = path.resolve(__dirname, '../../examples/modern/field-notes/speech.wav');
const PNG_FILE = path.resolve(__dirname, '../../examples/modern/field-notes/photo.png');

/** The bytes of PCM in a WAV file (its data chunk). */
function pcmBytes(file: string): number {
  const b = readFileSync(file);
  for (let at = 12; at + 8 <= b.length; at += 8 + b.readUInt32LE(at + 4)) if (b.toString('latin1', at, at + 4) === 'data') return b.readUInt32LE(at + 4);
  throw new Error(`${file} has no data chunk`);
}

describe('the page drives audio, tools, settings and the webview', () => {
  let browser: Browser;
  let dev: DevHandle;
  let page: Page;
  let errors: string[];
  let n = 0;
  let me: string;

  beforeAll(async () => {
    browser = await launch();
    dev = await startDev({ entry: APP, port: 0 });
    await browser.context.grantPermissions(['microphone'], { origin: dev.url.replace(/\/$/, '') });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });
  beforeEach(async () => {
    me = `assist${++n}@example.com`;
    ({ page, errors } = await openWearerPage(browser.context, dev.url, me));
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  const card = (sel: string) => `${wearer(me)} ${sel}`;

  test('a WAV file streams to the app as audio chunks between voice-activity events', async () => {
    await page.setInputFiles(card('.wav-file'), WAV);
    expect(await waitForWall(page, me, 'heard')).toBe(`heard ${pcmBytes(WAV)} bytes of audio`);
    expect(await waitForText(page, card('.audio-in-now'), 'chunks')).toMatch(/speech.wav: \d+ chunks of 100 ms \(\d+\.\d s\) sent/);
    await shot(page, 'page-audio-file.png');
    // A file that is not a 16 kHz mono WAV is refused with the reason, and nothing else is disturbed.
    await page.setInputFiles(card('.wav-file'), PNG_FILE);
    await waitForText(page, card('.error'), 'invalid_input');
    expect(await page.textContent(card('.error'))).toMatch(/RIFF|WAV/i);
    expect(await page.getAttribute(card('.audio-in-now'), 'data-state')).toBe('failed');
    await shot(page, 'page-audio-file-refused.png');
  });

  test('the microphone records at 16 kHz mono and streams to the app', async () => {
    await page.click(card('.mic'));
    await page.waitForSelector(card('.mic[data-recording="true"]'));
    await page.waitForFunction(
      (sel) => /recording [1-9]\d*\.\d s/.test((globalThis as any).document.querySelector(sel)?.textContent ?? ''),
      card('.audio-in-now'),
      { timeout: 20_000 },
    );
    await shot(page, 'page-microphone-recording.png');
    await page.click(card('.mic'));
    const wall = await waitForWall(page, me, 'heard');
    const bytes = Number(/heard (\d+) bytes/.exec(wall)![1]);
    // At least a second of 16-bit samples at 16 kHz.
    expect(bytes).toBeGreaterThanOrEqual(32_000);
    expect(bytes % 2).toBe(0);
    expect(await waitForText(page, card('.audio-in-now'), 'chunks')).toMatch(/from the microphone: \d+ chunks of 100 ms/);
    await shot(page, 'page-microphone-sent.png');
  });

  test("the app's tools are listed from its config and called with parameters; the answer is shown", async () => {
    await page.waitForSelector(card('.tool[data-tool="take_note"]'));
    expect(await page.textContent(card('.tools-source'))).toBe('from app_config.json');
    expect(await page.locator(card('.tool')).count()).toBe(2);
    await page.fill(card('.tool[data-tool="take_note"] input'), 'buy milk');
    await page.click(card('.tool[data-tool="take_note"] .tool-call'));
    expect(await waitForText(page, card('.tool[data-tool="take_note"] .tool-answer'), 'Saved')).toBe('200 Saved: buy milk');
    await page.fill(card('.tool[data-tool="count"] input[type="number"]'), '3');
    await page.check(card('.tool[data-tool="count"] input[type="checkbox"]'));
    await page.click(card('.tool[data-tool="count"] .tool-call'));
    expect(await waitForText(page, card('.tool[data-tool="count"] .tool-answer'), 'Counted')).toBe('200 Counted to 3!');
    await shot(page, 'page-tools.png');
  });

  test("the app's settings are rendered from its config; a change reaches onValueChange", async () => {
    await page.waitForSelector(card('.setting[data-setting="units"] select'));
    expect(await page.textContent(card('.settings-source'))).toBe('from app_config.json');
    expect(await page.locator(card('.setting')).count()).toBe(4);
    expect(await page.textContent(card('.setting-group'))).toBe('Display');
    expect(await page.inputValue(card('.setting[data-setting="greeting"] input'))).toBe('hi');
    await page.selectOption(card('.setting[data-setting="units"] select'), { label: 'Imperial' });
    expect(await waitForWall(page, me, 'units:')).toBe('units: imperial');
    await waitForText(page, card('.setting[data-setting="units"] .setting-status'), 'sent');
    const ctl = await connectControl(dev.wsUrl);
    const listed = await ctl.settingsList(me);
    expect(listed.settings!.find((s) => 'key' in s && s.key === 'units')).toMatchObject({ value: 'imperial' });
    await ctl.close();
    await shot(page, 'page-settings.png');
  });

  test('the webview opens in the page with a token the app accepts', async () => {
    await page.click(card('.webview-open'));
    await page.waitForSelector(card('.webview-frame:not([hidden])'));
    const frame = page.frameLocator(card('.webview-frame'));
    await frame.locator('#who').waitFor({ timeout: 20_000 });
    expect(await frame.locator('#who').textContent()).toBe(`Hello ${me}`);
    expect(await frame.locator('#session').textContent()).toBe('session live');
    expect(await page.getAttribute(card('.webview-link'), 'href')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webview\?aos_signed_user_token=/);
    await shot(page, 'page-webview.png');
  });
});

describe('the page shows the app starting, restarting under --watch, and its syntax error', () => {
  const dir = path.join(ARTIFACTS, 'watch-app');
  const entry = path.join(dir, 'app.ts');
  const source = (greeting: string) => `import { AppServer, AppSession } from '../../src/index';
class Watched extends AppServer {
  protected async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall('${greeting}');
  }
}
void new Watched({ packageName: 'com.example.watched', apiKey: 'dev-key', port: Number(process.env.PORT) }).start();
`;
  let browser: Browser;
  let dev: DevHandle | undefined;

  beforeAll(async () => {
    browser = await launch();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(entry, source('version one'));
  }, 60_000);
  afterAll(async () => {
    await dev?.stop();
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a save restarts the app and its wearers; a syntax error is shown until the next save', async () => {
    dev = await startDev({ entry, port: 0, watch: true });
    const { page, errors } = await openPage(browser.context);
    await page.goto(dev.url);
    await page.waitForSelector('#connection[data-state="connected"]');
    await waitForText(page, '#app-status', 'listening on port');
    const me = 'watcher@example.com';
    await startWearer(page, me);
    await waitForWall(page, me, 'version one');

    writeFileSync(entry, source('version two'));
    await waitForText(page, '#app-status', 'restarted 1×', 60_000);
    await waitForWall(page, me, 'version two', 60_000);
    await page.waitForSelector(`${wearer(me)}[data-state="ready"]`);
    await shot(page, 'page-watch-restarted.png');

    writeFileSync(entry, `${source('version three')}\nthis is not TypeScript {`);
    await page.waitForSelector('#app-error:not([hidden])', { timeout: 60_000 });
    expect(await page.textContent('#app-error')).toMatch(/could not start[\s\S]*(error|Error|Expected)/);
    expect(await page.textContent('#app-status')).toMatch(/not running/);
    // The wearer's last view stays on the page while the app is down.
    expect(await page.getAttribute(screen(me, 'main'), 'data-layout')).not.toBeNull();
    await shot(page, 'page-watch-syntax-error.png');

    writeFileSync(entry, source('version four'));
    await page.waitForSelector('#app-error[hidden]', { state: 'attached', timeout: 60_000 });
    await waitForWall(page, me, 'version four', 60_000);
    await waitForText(page, '#app-status', 'listening on port');
    await shot(page, 'page-watch-recovered.png');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
