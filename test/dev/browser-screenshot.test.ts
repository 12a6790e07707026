/**
 * The page's canvas and the `screenshot` command's PNG are the same pixels, for every layout, because both
 * are drawn by one rasteriser (src/dev/page/raster.js).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { startDev, type DevHandle } from '../../src/dev/dev';
import { connectControl, type ControlClient } from '../../src/testing/control-client';
import { ARTIFACTS, launch, openPage, screen, shot, startWearer, type Browser } from './browser-kit';

declare const document: any;

describe('the page draws what the screenshot command returns', () => {
  let browser: Browser;
  let dev: DevHandle;
  let page: Page;
  let errors: string[];
  let ctl: ControlClient;
  const me = 'pixels@example.com';

  beforeAll(async () => {
    browser = await launch();
    dev = await startDev({ entry: 'examples/modern/layouts.ts', port: 0 });
    ({ page, errors } = await openPage(browser.context));
    await page.goto(dev.url);
    await page.waitForSelector('#connection[data-state="connected"]');
    await startWearer(page, me);
    ctl = await connectControl(dev.wsUrl);
  }, 60_000);

  afterAll(async () => {
    await ctl?.close();
    await page?.close();
    await browser?.close();
    await dev?.stop();
  });

  afterEach(() => expect(errors).toEqual([]));

  /** The canvas of a view, as RGBA bytes. */
  const canvasPixels = async (view: 'main' | 'dashboard') =>
    Buffer.from(
      await page
        .$eval(`${screen(me, view)} canvas`, (c: any) => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height);
          let s = '';
          for (let i = 0; i < d.data.length; i++) s += String.fromCharCode(d.data[i]);
          return { w: c.width, h: c.height, b64: btoa(s) };
        })
        .then((r: { w: number; h: number; b64: string }) => {
          expect([r.w, r.h]).toEqual([576, 135]);
          return r.b64;
        }),
      'base64',
    );

  const commandPixels = async (view: 'main' | 'dashboard') => {
    const res = await ctl.screenshot(me, view);
    const png = PNG.sync.read(Buffer.from(res.png_base64!, 'base64'));
    expect([png.width, png.height, res.width, res.height]).toEqual([576, 135, 576, 135]);
    return png.data;
  };

  const say = async (text: string, layout: string, view: 'main' | 'dashboard' = 'main') => {
    const before = await page.getAttribute(screen(me, view), 'data-shown');
    await page.fill(`[data-user="${me}"] .say-text`, text);
    await page.press(`[data-user="${me}"] .say-text`, 'Enter');
    await page.waitForFunction(
      ([sel, l, b]: string[]) => document.querySelector(sel)?.dataset.layout === l && document.querySelector(sel)?.dataset.shown !== b,
      [screen(me, view), layout, before ?? ''],
    );
  };

  test.each([
    ['text', 'text_wall', 'main'],
    ['double', 'double_text_wall', 'main'],
    ['card', 'reference_card', 'main'],
    ['dashboard', 'dashboard_card', 'dashboard'],
    ['bitmap', 'bitmap_view', 'main'],
    ['Grüße, señor! 1½ °C · naïve café ☃', 'text_wall', 'main'],
  ] as const)('"%s": the %s on %s is byte for byte the PNG', async (word, layout, view) => {
    await say(word, layout, view);
    const [fromPage, fromCommand] = [await canvasPixels(view), await commandPixels(view)];
    expect(fromPage.length).toBe(576 * 135 * 4);
    expect(fromPage.equals(fromCommand)).toBe(true);
    // Something is drawn: the comparison is not between two dark screens.
    let lit = 0;
    for (let i = 1; i < fromPage.length; i += 4) if (fromPage[i]! > 0) lit++;
    expect(lit).toBeGreaterThan(50);
    if (word.startsWith('Grüße')) {
      await shot(page, 'screenshot-latin1-page.png');
      writeFileSync(path.join(ARTIFACTS, 'screenshot-latin1-command.png'), Buffer.from((await ctl.screenshot(me)).png_base64!, 'base64'));
    }
  });

  test('the dashboard and the main view differ, and each matches its own PNG', async () => {
    const [main, dash] = [await canvasPixels('main'), await canvasPixels('dashboard')];
    expect(main.equals(dash)).toBe(false);
    expect(dash.equals(await commandPixels('dashboard'))).toBe(true);
  });
});
