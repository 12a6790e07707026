/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), reaching only 127.0.0.1, with a fake microphone; screenshots go to test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
// A missing Chromium fails the browser tests at once (`npm test` installs it as root on Debian); never a skip.
if (!existsSync(CHROMIUM)) throw new Error(`The browser tests need ${CHROMIUM}: sudo apt-get install -y chromium (or run npm test as root on Debian)`);

export const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mentraos-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1300, height: 1000 } });
  // Only the dev server and the app on loopback may be reached.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  );
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page that records its uncaught errors. */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

export const wearer = (id: string) => `[data-user="${id}"]`;
export const screen = (id: string, view: 'main' | 'dashboard') => `${wearer(id)} [data-view="${view}"] .screen`;
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

/** Starts a wearer from the page's form and waits for the session to be ready. */
export async function startWearer(page: Page, id: string): Promise<void> {
  await page.fill('#new-user', id);
  await page.click('#start-new');
  await page.waitForSelector(`${wearer(id)}[data-state="ready"]`);
}

/** Says a final transcription from the wearer's card. */
export async function say(page: Page, id: string, text: string): Promise<void> {
  await page.fill(`${wearer(id)} .say-text`, text);
  await page.press(`${wearer(id)} .say-text`, 'Enter');
}

/** Waits until the main view's text wall holds `text` (a substring), and returns what it shows. */
export async function waitForWall(page: Page, id: string, text: string, timeout = 20_000): Promise<string> {
  const sel = `${screen(id, 'main')} .text-wall`;
  await page.waitForFunction(([s, t]) => (globalThis as any).document.querySelector(s)?.textContent.includes(t), [sel, text], { timeout });
  return (await page.textContent(sel)) ?? '';
}

/** Waits until an element's text holds `text`. */
export async function waitForText(page: Page, selector: string, text: string, timeout = 20_000): Promise<string> {
  await page.waitForFunction(([s, t]) => (globalThis as any).document.querySelector(s)?.textContent.includes(t), [selector, text], { timeout });
  return (await page.textContent(selector)) ?? '';
}

/**
 * Opens the simulator page at `url`, waits for it to connect to the local cloud, starts wearer `id` and waits
 * for the fixture app's first wall ("fixture ready"): the set-up every glasses-feature test starts from.
 */
export async function openWearerPage(context: BrowserContext, url: string, id: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await opened.page.goto(url);
  await opened.page.waitForSelector('#connection[data-state="connected"]');
  await startWearer(opened.page, id);
  await waitForWall(opened.page, id, 'fixture ready');
  return opened;
}
