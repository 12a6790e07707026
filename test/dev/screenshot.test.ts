/**
 * The framebuffer screenshot: the shared rasteriser (bitmap font, wrapping, every layout), its PNG, the
 * `screenshot` command over a real control socket, and the `screenshot` script step (in process and through
 * `mentraos dev --script` as a process).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { animationFrame, decodeBmp, hasGlyph, rasterize, toRgba, wrapText, WIDTH, HEIGHT } from '../../src/dev/page/raster.js';
import { screenshot } from '../../src/dev/raster/screenshot';
import { parseScript, runScript, UsageError } from '../../src/dev/script';
import { ControlError } from '../../src/protocol/control';
import { startRig, type Rig } from './rig';

const root = path.resolve(__dirname, '../..');
let dir: string;
let rig: Rig | undefined;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-shot-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const lit = (layout: unknown) => rasterize(layout).lit;
const count = (px: Uint8Array) => px.reduce((n, v) => n + v, 0);
/** The lit pixels of one character drawn alone as a text wall. */
const glyph = (ch: string) => lit({ layoutType: 'text_wall', text: ch });
const decode = (png: Buffer) => PNG.sync.read(png);
const same = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.prototype.every.call(a, (v: number, i: number) => v === b[i]);

describe('the rasteriser', () => {
  test('draws at the G1 resolution, dark when nothing is shown', () => {
    expect([WIDTH, HEIGHT]).toEqual([576, 135]);
    for (const layout of [null, { layoutType: 'clear_view' }, { layoutType: 'text_wall', text: '' }]) {
      const fb = rasterize(layout);
      expect([fb.width, fb.height]).toEqual([576, 135]);
      expect(count(fb.lit)).toBe(0);
    }
  });

  test('the font covers printable Latin-1 with distinct glyphs; anything else shows the replacement glyph', () => {
    const seen = new Set<string>();
    for (let cp = 0x21; cp <= 0xff; cp++) {
      if (cp >= 0x7f && cp <= 0xa0) continue;
      const ch = String.fromCodePoint(cp);
      expect(hasGlyph(ch)).toBe(true);
      const px = glyph(ch);
      if (cp !== 0xad) expect(count(px)).toBeGreaterThan(0); // the soft hyphen may be blank
      seen.add(Buffer.from(px).toString('base64'));
    }
    expect(seen.size).toBeGreaterThan(180);
    expect(same(glyph('é'), glyph('e'))).toBe(false);
    expect(hasGlyph('☃')).toBe(false);
    expect(same(glyph('☃'), glyph('\ufffd'))).toBe(true);
    expect(same(glyph('𝄞'), glyph('\ufffd'))).toBe(true);
    expect(count(glyph('☃'))).toBeGreaterThan(0);
  });

  test('wraps at spaces, breaks a word longer than a line, and keeps newlines', () => {
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('abcdefghijkl', 5)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapText('one\ntwo\n\nthree', 20)).toEqual(['one', 'two', '', 'three']);
    expect(wrapText('tab\there', 20)).toEqual(['tab    here']);
  });

  test('each layout puts its texts where the page shows them', () => {
    const rows = (px: Uint8Array, from: number, to: number) => count(px.subarray(from * WIDTH, to * WIDTH));
    const cols = (px: Uint8Array, from: number, to: number) => {
      let n = 0;
      for (let y = 0; y < HEIGHT; y++) for (let x = from; x < to; x++) n += px[y * WIDTH + x]!;
      return n;
    };
    const double = lit({ layoutType: 'double_text_wall', topText: 'top', bottomText: 'bottom' });
    expect(rows(double, 0, 67)).toBeGreaterThan(0);
    expect(rows(double, 68, 135)).toBeGreaterThan(0);
    const onlyTop = lit({ layoutType: 'double_text_wall', topText: 'top', bottomText: '' });
    expect(rows(onlyTop, 68, 135)).toBe(0);
    // A card's title is bold: more light than the same text in regular.
    const card = lit({ layoutType: 'reference_card', title: 'Title', text: '' });
    expect(count(card)).toBeGreaterThan(count(glyph('Title')));
    // The dashboard card's right text is right-aligned.
    const dash = lit({ layoutType: 'dashboard_card', leftText: '', rightText: 'right' });
    expect(cols(dash, 0, 400)).toBe(0);
    expect(cols(dash, 500, 576)).toBeGreaterThan(0);
    // Text beyond the display's last line is cut, never drawn outside it.
    const many = lit({ layoutType: 'text_wall', text: Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') });
    expect(rows(many, 130, 135)).toBe(0);
    const unknown = lit({ layoutType: 'hologram' });
    expect(count(unknown)).toBeGreaterThan(0);
  });

  test('a bitmap shows its bright pixels; one that cannot be read says so', () => {
    const bmp = tinyBmp(4, 2, [1, 0, 0, 1, 0, 1, 1, 0]);
    expect(decodeBmp(bmp)).toEqual({ width: 4, height: 2, lit: Uint8Array.from([1, 0, 0, 1, 0, 1, 1, 0]) });
    const fb = rasterize({ layoutType: 'bitmap_view', data: bmp });
    expect(fb.info.size).toBe('4x2');
    expect([fb.lit[0], fb.lit[1], fb.lit[3], fb.lit[WIDTH + 1]]).toEqual([1, 0, 1, 1]);
    expect(count(fb.lit)).toBe(4);
    const bad = rasterize({ layoutType: 'bitmap_view', data: 'bm90IGEgYm1w' });
    expect(bad.info.error).toBe('not a BMP');
    expect(count(bad.lit)).toBeGreaterThan(0);
  });

  test('an animation shows the frame due since it was shown', () => {
    const anim = { layoutType: 'bitmap_animation', frames: ['a', 'b', 'c'], interval: 100, repeat: false };
    expect([0, 99, 100, 250, 10_000].map((t) => animationFrame(anim, t))).toEqual([0, 0, 1, 2, 2]);
    expect(animationFrame({ ...anim, repeat: true }, 350)).toBe(0);
    expect(rasterize(anim, { frame: 2 }).info.frame).toBe(2);
  });
});

test('screenshot() is a PNG of exactly the rasteriser pixels, lit pixels green', () => {
  const layout = { layoutType: 'text_wall', text: 'Grüße aus Köln, 1½ °C' };
  const shot = screenshot({ layout, shown_at: Date.now() });
  expect(shot.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const png = decode(shot.png);
  expect([png.width, png.height, shot.width, shot.height]).toEqual([576, 135, 576, 135]);
  expect(same(png.data, toRgba(rasterize(layout)))).toBe(true);
  const colours = new Set<string>();
  for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.subarray(i, i + 4).join(','));
  expect([...colours].sort()).toEqual(['0,0,0,255', '80,255,120,255']);
});

describe('the screenshot command', () => {
  test('returns the PNG of each view as the app left it; a view showing nothing is dark', async () => {
    rig = await startRig();
    const ctl = await rig.connect();
    await ctl.userStart('u@example.com');
    await ctl.waitForDisplay('u@example.com', 'ready');
    await ctl.waitForDisplay('u@example.com', 'show app', { view: 'dashboard' });
    const main = await ctl.screenshot('u@example.com', 'main');
    expect([main.width, main.height]).toEqual([576, 135]);
    expect(same(decode(Buffer.from(main.png_base64!, 'base64')).data, toRgba(rasterize({ layoutType: 'text_wall', text: 'ready' })))).toBe(true);
    const dash = await ctl.screenshot('u@example.com', 'dashboard');
    const dashLayout = ctl.view('u@example.com', 'dashboard')!.layout;
    expect(same(decode(Buffer.from(dash.png_base64!, 'base64')).data, toRgba(rasterize(dashLayout)))).toBe(true);

    await ctl.input('u@example.com', { kind: 'transcription', text: 'clear', final: true });
    await ctl.waitFor(() => ctl.view('u@example.com', 'main')?.layout.layoutType === 'clear_view' || undefined, 10_000, 'the clear view');
    const cleared = decode(Buffer.from((await ctl.screenshot('u@example.com')).png_base64!, 'base64'));
    expect(cleared.data.every((v, i) => (i % 4 === 3 ? v === 255 : v === 0))).toBe(true);
  });

  test('an unknown wearer or view is a typed error, and the connection stays open', async () => {
    rig = await startRig();
    const ctl = await rig.connect();
    await expect(ctl.screenshot('nobody@example.com')).rejects.toMatchObject({ code: 'unknown_user' });
    await expect(ctl.send({ type: 'screenshot', user_id: 'nobody@example.com', view: 'side' as 'main' })).rejects.toBeInstanceOf(ControlError);
    const res = await ctl.request({ type: 'screenshot', user_id: 'x', view: 'side' as 'main' });
    expect(res).toMatchObject({ success: false, error: { code: 'invalid_input' } });
    expect((res as { error: { message: string } }).error.message).toMatch(/view/);
    expect((await ctl.listUsers()).success).toBe(true);
  });
});

describe('the screenshot script step', () => {
  test('parses, and refuses a missing path or a bad view', () => {
    expect(parseScript('[{"start":"u"},{"screenshot":"a.png","view":"dashboard"}]')[1]).toMatchObject({
      action: 'screenshot',
      file: 'a.png',
      view: 'dashboard',
    });
    expect(parseScript('[{"start":"u"},{"screenshot":"a.png"}]')[1]).toMatchObject({ action: 'screenshot', file: 'a.png', view: 'main' });
    expect(() => parseScript('[{"start":"u"},{"screenshot":""}]', 's.json')).toThrow(/s.json step 2: "screenshot"/);
    expect(() => parseScript('[{"start":"u"},{"screenshot":"a.png","view":"up"}]', 's.json')).toThrow(UsageError);
  });

  test('writes the view PNG next to the script, and a path it cannot write fails the step', async () => {
    rig = await startRig();
    const ctl = await rig.connect();
    const out: string[] = [];
    const steps = parseScript(
      JSON.stringify([
        { start: 'u@example.com' },
        { expect: 'ready' },
        { screenshot: 'main.png' },
        { say: 'hi' },
        { expect: 'echo: hi' },
        { screenshot: 'later.png' },
      ]),
    );
    const result = await runScript(ctl, steps, { out: (l) => out.push(l), err: () => {} }, 's.json', dir);
    expect(result).toEqual({ ok: true, expectations: 2 });
    expect(same(decode(readFileSync(path.join(dir, 'main.png'))).data, toRgba(rasterize({ layoutType: 'text_wall', text: 'ready' })))).toBe(true);
    expect(same(decode(readFileSync(path.join(dir, 'later.png'))).data, toRgba(rasterize({ layoutType: 'text_wall', text: 'echo: hi (en-US)' })))).toBe(true);
    expect(out).toContain('screenshot main: 576x135 written to main.png');

    const bad = parseScript(JSON.stringify([{ start: 'v@example.com' }, { screenshot: 'no/such/folder/x.png' }]));
    const failed = await runScript(ctl, bad, { out: () => {}, err: () => {} }, 'bad.json', dir);
    expect(failed.ok).toBe(false);
    expect(failed.failure).toMatch(/^bad.json step 2 \(screenshot\): .*ENOENT/);
  });

  test('mentraos dev --script writes the screenshot and exits 0', async () => {
    const script = path.join(dir, 'shot.json');
    writeFileSync(script, JSON.stringify([{ start: 'w@example.com' }, { say: 'hello' }, { expect: 'echo: hello' }, { screenshot: 'cli-main.png' }]));
    const child = spawn(process.execPath, ['--import', require.resolve('tsx'), 'src/dev/cli.ts', 'dev', 'test/dev/fixtures/echo-app.ts', '--script', script], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise((r) => child.once('exit', r));
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/screenshot main: 576x135 written to cli-main.png/);
    const file = path.join(dir, 'cli-main.png');
    expect(existsSync(file)).toBe(true);
    expect(same(decode(readFileSync(file)).data, toRgba(rasterize({ layoutType: 'text_wall', text: 'echo: hello' })))).toBe(true);
  }, 60_000);
});

/** A 1-bit BMP (bottom-up, black and white palette) from rows of 0/1, top row first. */
function tinyBmp(width: number, height: number, pixels: number[]): string {
  const stride = Math.floor((width + 31) / 32) * 4;
  const offset = 14 + 40 + 8;
  const b = Buffer.alloc(offset + stride * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(offset, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(1, 28);
  b.writeUInt32LE(2, 46);
  b.writeUInt32LE(0x00000000, 54);
  b.writeUInt32LE(0x00ffffff, 58);
  for (let y = 0; y < height; y++) {
    const row = offset + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) if (pixels[y * width + x]) b[row + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return b.toString('base64');
}
