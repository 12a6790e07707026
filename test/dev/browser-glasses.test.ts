/**
 * The simulator page shows what the app asks of the glasses, and answers it: a photo request answered with
 * an image (file picker, drag and drop), with an error, or automatically; speak and play requests (the text
 * shown, the URL played); the LED; RTMP and managed streams with their simulated status; the dashboard;
 * calendar events and the glasses' connection and WiFi. Screenshots go to test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startDev, type DevHandle } from '../../src/dev/dev';
import { connectControl } from '../../src/testing/control-client';
import { launch, maybe, openWearerPage, say, shot, waitForText, waitForWall, wearer, type Browser } from './browser-kit';

declare const window: any;

const APP = 'test/dev/fixtures/glasses-app/app.ts';
const PHOTO = path.resolve(__dirname, '../../examples/modern/field-notes/photo.png');

maybe('the page and what the app asks of the glasses', () => {
  let browser: Browser;
  let dev: DevHandle;
  let page: Page;
  let errors: string[];
  let n = 0;
  let me: string;

  beforeAll(async () => {
    browser = await launch();
    dev = await startDev({ entry: APP, port: 0 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });
  beforeEach(async () => {
    me = `glasses${++n}@example.com`;
    ({ page, errors } = await openWearerPage(browser.context, dev.url, me));
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
  });

  const card = (sel: string) => `${wearer(me)} ${sel}`;

  test('a photo request is shown and answered with an image from the file picker', async () => {
    await say(page, me, 'photo');
    await page.waitForSelector(card('.photo-request'));
    expect(await page.textContent(card('.photo-request'))).toMatch(/photo_req|drop an image/);
    await shot(page, 'page-photo-request.png');
    await page.setInputFiles(card('.photo-request .photo-file'), PHOTO);
    const wall = await waitForWall(page, me, 'photo:');
    expect(wall).toBe(`photo: ${readFileSync(PHOTO).length} bytes image/png`);
    await page.waitForSelector(card('.photo-requests .none'));
    await shot(page, 'page-photo-answered.png');
  });

  test('a photo request is answered by dropping an image on it', async () => {
    await say(page, me, 'photo');
    await page.waitForSelector(card('.photo-request'));
    const bytes = [...readFileSync(PHOTO)];
    await page.$eval(
      card('.photo-request'),
      (li: any, data: number[]) => {
        const dt = new (window as any).DataTransfer();
        dt.items.add(new (window as any).File([new Uint8Array(data)], 'dropped.png', { type: 'image/png' }));
        li.dispatchEvent(new (window as any).DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        li.dispatchEvent(new (window as any).DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      bytes,
    );
    expect(await waitForWall(page, me, 'photo:')).toBe(`photo: ${bytes.length} bytes image/png`);
  });

  test('a photo request is answered with an error, and the app sees the error', async () => {
    await say(page, me, 'photo');
    await page.waitForSelector(card('.photo-request'));
    await page.fill(card('.photo-error-code'), 'CAMERA_BUSY');
    await page.click(card('.photo-error'));
    const wall = await waitForWall(page, me, 'photo failed');
    expect(wall).toMatch(/CAMERA_BUSY|Refused in the simulator/);
    await shot(page, 'page-photo-error.png');
  });

  test('with "answer photos automatically" every request gets the test image', async () => {
    await page.check('#auto-photo');
    await page.waitForFunction(() => window.simulator.connected);
    try {
      await say(page, me, 'photo');
      expect(await waitForWall(page, me, 'photo:')).toMatch(/^photo: \d+ bytes image\/png$/);
      await shot(page, 'page-photo-auto.png');
    } finally {
      await page.uncheck('#auto-photo');
      const ctl = await connectControl(dev.wsUrl);
      await ctl.autoPhoto(false);
      await ctl.close();
    }
  });

  test('a speak request shows its text; a play request plays its URL in the page', async () => {
    await say(page, me, 'speak');
    await waitForText(page, card('.audio-now'), 'Hello from the app');
    await waitForWall(page, me, 'spoke');
    await say(page, me, 'play');
    await waitForText(page, card('.audio-now'), '/beep.wav');
    await waitForWall(page, me, 'played');
    // The page's audio element loads and plays the app's WAV (half a second of 440 Hz).
    await waitForText(page, card('.audio-status'), 'play');
    await page.waitForFunction(
      (sel) => {
        const a = (globalThis as any).document.querySelector(sel);
        return a && !a.hidden && a.src.endsWith('/beep.wav') && (a.currentTime > 0 || a.ended);
      },
      card('.audio-player'),
      { timeout: 20_000 },
    );
    expect(await page.textContent(card('.audio-status'))).toMatch(/playing|played/);
    await shot(page, 'page-audio.png');
  });

  test("an audio output stream plays from the local cloud's relay and its bytes and end are shown", async () => {
    await say(page, me, 'mp3');
    await waitForWall(page, me, 'streamed');
    await waitForText(page, card('.audio-output-status'), 'ended');
    expect(await page.textContent(card('.audio-output-status'))).toMatch(/^audio\/mpeg stream [0-9a-f]{8}…: \d+ bytes, ended$/);
    await page.waitForFunction(
      (sel) => {
        const a = (globalThis as any).document.querySelector(sel);
        return a && !a.hidden && a.src.includes('/audio-streams/') && (a.currentTime > 0 || a.ended);
      },
      card('.audio-player'),
      { timeout: 20_000 },
    );
    await shot(page, 'page-audio-stream.png');
  });

  test('the LED, streams with their simulated status, and the dashboard are shown', async () => {
    await say(page, me, 'led');
    await waitForText(page, card('.led-now'), 'green');
    expect(await page.getAttribute(card('.led-dot'), 'data-on')).toBe('true');
    expect(await page.textContent(card('.led-now'))).toMatch(/on green, on 500 ms, off 500 ms, ×3/);
    await say(page, me, 'stream');
    await waitForWall(page, me, 'stream: http');
    await page.waitForSelector(card('.stream[data-kind="managed"][data-status="active"]'));
    await say(page, me, 'rtmp');
    await waitForWall(page, me, 'rtmp started');
    await page.waitForSelector(card('.stream[data-kind="rtmp"]'));
    expect(await page.textContent(card('.stream[data-kind="rtmp"]'))).toMatch(/rtmp start: \w+/);
    await say(page, me, 'dash');
    await waitForText(page, card('.dash-now'), '3 unread');
    expect(await page.textContent(card('.dash-now'))).toBe('mode main; “3 unread”');
    await shot(page, 'page-led-streams-dashboard.png');
    // The page's copy of the glasses' state, kept from the events, equals a fresh sync.
    const ctl = await connectControl(dev.wsUrl);
    const [fresh] = (await ctl.sync(me)).users!;
    const mine = (await page.evaluate(() => window.simulator.snapshot())).find((u: { user_id: string }) => u.user_id === me);
    expect(mine.glasses).toEqual(fresh!.glasses);
    expect(mine).toEqual(fresh);
    await ctl.close();
  });

  test('a calendar event and the glasses connection and WiFi reach the app and the page', async () => {
    await page.fill(card('.cal-title'), 'Design review');
    await page.click(card('.calendar button[type="submit"]'));
    expect(await waitForWall(page, me, 'calendar:')).toBe('calendar: Design review');
    await page.uncheck(card('.wifi-on'));
    await page.click(card('.connection'));
    await waitForText(page, card('.wifi-now'), 'WiFi off');
    await page.check(card('.wifi-on'));
    await page.fill(card('.wifi-ssid'), 'office');
    await page.click(card('.connection'));
    expect(await waitForText(page, card('.wifi-now'), 'office')).toBe('glasses connected; WiFi on (office)');
    await say(page, me, 'wifi');
    expect(await waitForText(page, card('.wifi-request'), 'WiFi setup')).toBe('the app asks for WiFi setup: Needed to upload notes');
    await shot(page, 'page-calendar-connection.png');
  });
});
