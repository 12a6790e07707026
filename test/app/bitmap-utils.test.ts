import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnimationUtils, BitmapUtils } from '../../src';
import { decodeBmp } from '../../src/app/utils/bmp';
import { harness, waitSent } from '../helpers/modules';

/** A bottom-up 24-bit BMP, white except for a black square at (x0..x0+3, y0..y0+3) from the top-left. */
function bmp24(width: number, height: number, x0 = 1, y0 = 1): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + row * height, 0);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const black = x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 3;
      buf.fill(black ? 0 : 255, 54 + (height - 1 - y) * row + x * 3, 54 + (height - 1 - y) * row + x * 3 + 3);
    }
  }
  return buf;
}

describe('BitmapUtils (no image library)', () => {
  test('convert24BitTo1BitBMP keeps the picture and writes a 1-bit BMP', async () => {
    const out = await BitmapUtils.convert24BitTo1BitBMP(bmp24(10, 6, 2, 1));
    expect(out.readUInt16LE(28)).toBe(1);
    const img = decodeBmp(out);
    expect([img.width, img.height]).toEqual([10, 6]);
    expect(img.pixels[1 * 10 + 2]).toBe(0); // black
    expect(img.pixels[0]).toBe(1); // white
    await expect(BitmapUtils.convert24BitTo1BitBMP(out)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  test('padBmpForGlasses draws a smaller BMP at the padding on a 576x135 canvas (9782 bytes) and validates', async () => {
    const padded = await BitmapUtils.padBmpForGlasses(bmp24(20, 10, 0, 0), 50, 35);
    expect(padded.length).toBe(9782);
    const img = decodeBmp(padded);
    expect([img.width, img.height]).toEqual([576, 135]);
    expect(img.pixels[35 * 576 + 50]).toBe(0); // the black square's corner, moved by the padding
    expect(img.pixels[35 * 576 + 50 + 5]).toBe(1); // the white rest of the small image
    const b64 = padded.toString('base64');
    expect(await BitmapUtils.padBase64Bitmap(b64)).toBe(b64); // already the right size: unchanged
    const v = BitmapUtils.validateBase64Bitmap(b64);
    expect(v).toMatchObject({ isValid: true, byteCount: 9782, metadata: { dimensions: { width: 576, height: 135 } } });
    expect(v.blackPixels).toBeGreaterThan(0);
    expect(BitmapUtils.getBitmapInfo(padded.toString('hex'))).toMatchObject({ isValidBmp: true, width: 576, height: 135, byteCount: 9782 });
    expect(BitmapUtils.validateBase64Bitmap(bmp24(4, 4).toString('base64'))).toMatchObject({ isValid: false });
    expect(BitmapUtils.convertFormat('ff00', 'hex', 'base64')).toBe('/wA=');
  });

  test('loadBmpFrames reads numbered frames, validates them and reports missing ones', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'frames-'));
    try {
      const frame = await BitmapUtils.padBmpForGlasses(bmp24(8, 8));
      writeFileSync(path.join(dir, 'f_1.bmp'), frame);
      writeFileSync(path.join(dir, 'f_2.bmp'), frame);
      expect(await BitmapUtils.loadBmpFrames(dir, 2, { filePattern: 'f_{i}.bmp' })).toEqual([frame.toString('base64'), frame.toString('base64')]);
      await expect(BitmapUtils.loadBmpFrames(dir, 3, { filePattern: 'f_{i}.bmp' })).rejects.toMatchObject({
        code: 'invalid_argument',
        message: expect.stringContaining('frame 3'),
      });
      expect(await BitmapUtils.loadBmpFrames(dir, 3, { filePattern: 'f_{i}.bmp', skipMissingFrames: true })).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('BitmapUtils names of earlier releases (2.0 and 2.1.x)', () => {
  const h = harness();

  test('validateBmpBase64 and validateBmpHex give the validation result: valid, and invalid with errors', async () => {
    const frame = await BitmapUtils.padBmpForGlasses(bmp24(8, 8));
    const ok = BitmapUtils.validateBmpBase64(frame.toString('base64'));
    expect(ok).toMatchObject({ isValid: true, byteCount: 9782, errors: [], metadata: { dimensions: { width: 576, height: 135 }, format: 'BMP' } });
    expect(ok.blackPixels).toBeGreaterThan(0);
    expect(BitmapUtils.validateBmpHex(frame.toString('hex'))).toEqual(ok);
    const small = BitmapUtils.validateBmpBase64(bmp24(4, 4).toString('base64'));
    expect(small.isValid).toBe(false);
    expect(small.errors.join('\n')).toMatch(/too small/);
    expect(small.errors.join('\n')).toMatch(/dimensions \(4x4/);
    expect(BitmapUtils.validateBmpBase64('')).toMatchObject({ isValid: false, byteCount: 0 });
    expect(BitmapUtils.validateBmpHex('abc')).toMatchObject({ isValid: false, byteCount: 0 });
    expect(BitmapUtils.validateBmpBase64(Buffer.from('not a bitmap at all').toString('base64')).errors.join('\n')).toMatch(/BM/);
  });

  test('loadBmpFromDataAsBase64 pads any BMP to a valid 576x135 frame the glasses show; bad data rejects with a typed error', async () => {
    const b64 = await BitmapUtils.loadBmpFromDataAsBase64(bmp24(20, 10, 0, 0));
    expect(BitmapUtils.validateBmpBase64(b64)).toMatchObject({ isValid: true, byteCount: 9782 });
    const img = decodeBmp(Buffer.from(b64, 'base64'));
    expect(img.pixels[35 * 576 + 50]).toBe(0); // drawn at the default padding (50, 35)
    const exact = await BitmapUtils.padBmpForGlasses(bmp24(8, 8));
    expect(await BitmapUtils.loadBmpFromDataAsBase64(exact)).toBe(exact.toString('base64')); // already glasses-sized: unchanged
    await expect(BitmapUtils.loadBmpFromDataAsBase64(Buffer.from('hello'))).rejects.toMatchObject({ code: 'invalid_argument' });

    const { user, session } = await h.start();
    session.layouts.showBitmapView(b64);
    const shown = await waitSent(user, 'display_event', (m) => m.layout.layoutType === 'bitmap_view');
    expect(shown.layout.data).toBe(b64);
  });

  test('loadBmpAsHex and loadBmpFromFileAsBase64 read a BMP file; a missing or non-BMP file rejects with a typed error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bmp-'));
    try {
      const frame = await BitmapUtils.padBmpForGlasses(bmp24(8, 8));
      writeFileSync(path.join(dir, 'a.bmp'), frame);
      writeFileSync(path.join(dir, 'b.txt'), 'plain text');
      expect(await BitmapUtils.loadBmpAsHex(path.join(dir, 'a.bmp'))).toBe(frame.toString('hex'));
      expect(await BitmapUtils.loadBmpFromFileAsBase64(path.join(dir, 'a.bmp'))).toBe(frame.toString('base64'));
      await expect(BitmapUtils.loadBmpAsHex(path.join(dir, 'b.txt'))).rejects.toMatchObject({ code: 'invalid_argument' });
      await expect(BitmapUtils.loadBmpFromFileAsBase64(path.join(dir, 'missing.bmp'))).rejects.toMatchObject({ code: 'invalid_argument' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AnimationUtils', () => {
  const h = harness();

  test('createBitmapAnimationFromFrames sends one bitmap_animation; stop() clears the view and calls onStop once', async () => {
    const { user, session } = await h.start();
    const frame = (await BitmapUtils.padBmpForGlasses(bmp24(8, 8))).toString('base64');
    let stops = 0;
    const ctl = AnimationUtils.createBitmapAnimationFromFrames(session, [frame, frame], { intervalMs: 500, repeat: true, onStop: () => void stops++ });
    const shown = await waitSent(user, 'display_event', (m) => m.layout.layoutType === 'bitmap_animation');
    expect(shown.layout).toEqual({ layoutType: 'bitmap_animation', frames: [frame, frame], interval: 500, repeat: true });
    expect([ctl.isRunning(), ctl.getTotalFrames()]).toEqual([true, 2]);
    ctl.stop();
    ctl.stop();
    await waitSent(user, 'display_event', (m) => m.layout.layoutType === 'clear_view');
    expect([ctl.isRunning(), stops]).toEqual([false, 1]);
  });
});
