/**
 * The simulator page in a real headless Chromium (Debian's, driven by playwright-core; never a downloaded
 * browser): start an example app for a wearer, speak, see the text wall; every layout; what the page
 * shows equals the server's `sync`. Screenshots go to test-artifacts/.
 */
import type { Page } from 'playwright-core';
import { startDev, type DevHandle } from '../../src/dev/dev';
import { connectControl } from '../../src/testing/control-client';
import { launch, openPage, screen, shot, wearer, type Browser } from './browser-kit';

// The functions passed to page.evaluate run in the page; the project's types are Node's, without the DOM.
declare const window: any;
declare const document: any;

describe('the simulator page in Chromium', () => {
  let browser: Browser;
  let dev: DevHandle | undefined;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    ({ page, errors } = await openPage(browser.context));
  });

  afterEach(async () => {
    expect(errors).toEqual([]);
    await page?.close();
    await dev?.stop();
    dev = undefined;
  });

  const pageState = () => page.evaluate(() => window.simulator.snapshot());

  /** What each view of each wearer renders, read from the DOM. */
  const rendered = () =>
    page.$$eval('[data-user]', (cards: any[]) =>
      cards.map((c: any) => ({
        user: c.dataset.user,
        state: c.querySelector('.state')!.textContent,
        main: c.querySelector('[data-view="main"] .screen').dataset.layout,
        dashboard: c.querySelector('[data-view="dashboard"] .screen').dataset.layout,
        text: c.querySelector('[data-view="main"] .screen').innerText,
      })),
    );

  test('start the captions example for a wearer, say something, and see the text wall', async () => {
    dev = await startDev({ entry: 'examples/modern/captions.ts', port: 0 });
    await page.goto(dev.url);
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.click('#start-new');
    const me = 'wearer@example.com';
    await page.waitForSelector(`${wearer(me)}[data-state="ready"]`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Captions ready', `${screen(me, 'main')} .text-wall`);
    await page.fill(`${wearer(me)} .say-text`, 'hello from the browser');
    await page.press(`${wearer(me)} .say-text`, 'Enter');
    const wall = `${screen(me, 'main')} .text-wall`;
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'hello from the browser', wall);
    expect(await page.getAttribute(screen(me, 'main'), 'data-layout')).toBe('text_wall');
    expect(await page.textContent(wall)).toBe('hello from the browser');
    // The log shows the messages both ways.
    await page.waitForSelector('#log-lines li[data-dir="cloud->app"]');
    expect(await page.locator('#log-lines li[data-dir="app->cloud"]').count()).toBeGreaterThan(2);
    await shot(page, 'simulator.png');

    // A controller that connects now syncs exactly what the page shows.
    const ctl = await connectControl(dev.wsUrl);
    const res = await ctl.sync();
    expect(await pageState()).toEqual(res.users);
    await ctl.close();
  });

  test('every layout renders, several wearers at once, and a reloaded page syncs to the same state', async () => {
    dev = await startDev({ entry: 'examples/modern/layouts.ts', port: 0 });
    await page.goto(dev.url);
    await page.waitForSelector('#connection[data-state="connected"]');
    const say = async (id: string, text: string, layout: string, view: 'main' | 'dashboard' = 'main') => {
      await page.fill(`${wearer(id)} .say-text`, text);
      await page.press(`${wearer(id)} .say-text`, 'Enter');
      await page.waitForSelector(`${screen(id, view)}[data-layout="${layout}"]`);
    };
    for (const id of ['a@example.com', 'b@example.com']) {
      await page.fill('#new-user', id);
      await page.click('#start-new');
      await page.waitForSelector(`${wearer(id)}[data-state="ready"]`);
    }
    expect(await page.textContent(`${screen('a@example.com', 'dashboard')} .dashboard-card`)).toBe('Layoutssay a word');

    await say('a@example.com', 'double', 'double_text_wall');
    expect(await page.textContent(`${screen('a@example.com', 'main')} .double-bottom`)).toBe('Bottom: two texts, one above the other');
    await say('a@example.com', 'card', 'reference_card');
    expect(await page.textContent(`${screen('a@example.com', 'main')} .card-title`)).toBe('Reference card');
    await say('a@example.com', 'clear', 'clear_view');
    await say('a@example.com', 'timed', 'text_wall');
    await page.waitForSelector(`${screen('a@example.com', 'main')}[data-layout="none"]`, { timeout: 10_000 }); // durationMs 3000 ran out
    await say('a@example.com', 'bitmap', 'bitmap_view');
    const lit = await page.$eval(`${screen('a@example.com', 'main')} canvas`, (canvas: any) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let on = 0;
      for (let i = 1; i < data.length; i += 4) if (data[i]! > 128) on++;
      return { on, size: canvas.dataset.size, error: canvas.dataset.error };
    });
    expect(lit.size).toBe('576x135');
    expect(lit.error).toBeUndefined();
    expect(lit.on).toBeGreaterThan(1000);

    await say('b@example.com', 'animation', 'bitmap_animation');
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.frame) >= 1, `${screen('b@example.com', 'main')} canvas`);
    await say('b@example.com', 'dashboard', 'dashboard_card', 'dashboard');
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === 'Next: standupin 10 min',
      `${screen('b@example.com', 'dashboard')} .dashboard-card`,
    );
    await page.click(`${wearer('b@example.com')} .head-up`);
    await page.waitForSelector(`${wearer('b@example.com')} [data-view="dashboard"][data-active="true"]`);
    await shot(page, 'simulator-layouts.png');

    const before = await rendered();
    const ctl = await connectControl(dev.wsUrl);
    expect(await pageState()).toEqual((await ctl.sync()).users);
    await page.reload();
    await page.waitForSelector('#connection[data-state="connected"]');
    await page.waitForSelector(`${wearer('b@example.com')}[data-state="ready"]`);
    expect(await rendered()).toEqual(before);
    expect(await pageState()).toEqual((await ctl.sync()).users);
    await ctl.close();
  });
});
