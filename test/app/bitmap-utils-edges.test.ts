/**
 * `BitmapUtils` at its edges: each validation message at its boundary, values that are not text, the checks
 * in front of the loaders with their messages and causes, the default frame pattern, and the byte count of a
 * BMP the codec cannot read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BitmapUtils, isSdkError } from '../../src';
import { decodeBmp, encodeBmp1 } from '../../src/app/utils/bmp';

/** A 1-bit BMP of `width`×`height`, black where `black(x, y)`. */
function bmp1(width: number, height: number, black: (x: number, y: number) => boolean = () => false): Buffer {
  return encodeBmp1({ width, height, pixels: Uint8Array.from({ length: width * height }, (_, i) => (black(i % width, Math.floor(i / width)) ? 0 : 1)) });
}

/** A glasses-sized frame with one black pixel (9782 bytes). */
const FRAME = bmp1(576, 135, (x, y) => x === 0 && y === 0);

/** `FRAME` resized to `bytes` (cut, or padded with white bytes), as base64. */
const sized = (bytes: number) =>
  Buffer.concat([FRAME, Buffer.alloc(Math.max(0, bytes - FRAME.length), 0xff)])
    .subarray(0, bytes)
    .toString('base64');

async function rejection(p: Promise<unknown>): Promise<{ message: string; cause: unknown }> {
  const e = await p.then(
    () => {
      throw new Error('resolved');
    },
    (err: unknown) => err,
  );
  if (!isSdkError(e, 'invalid_argument')) throw e;
  return { message: e.message, cause: e.cause };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bitmap-edges-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('BitmapUtils.validateBase64Bitmap', () => {
  test('a glasses frame is valid, with its metadata', () => {
    expect(BitmapUtils.validateBase64Bitmap(FRAME.toString('base64'))).toEqual({
      isValid: true,
      byteCount: 9782,
      blackPixels: 1,
      errors: [],
      metadata: { dimensions: { width: 576, height: 135 }, format: 'BMP' },
    });
  });

  test('the size bounds: 100 bytes under 9782 and 1000 over are still taken', () => {
    const errorsAt = (bytes: number) => BitmapUtils.validateBase64Bitmap(sized(bytes)).errors.filter((e) => /too (small|large)/.test(e));
    expect(errorsAt(9682)).toEqual([]);
    expect(errorsAt(9681)).toEqual(['BMP too small (9681 bytes, expected ~9782)']);
    expect(errorsAt(10_782)).toEqual([]);
    expect(errorsAt(10_783)).toEqual(['BMP too large (10783 bytes, expected ~9782)']);
  });

  test('each other error, alone', () => {
    expect(BitmapUtils.validateBase64Bitmap('')).toEqual({
      isValid: false,
      byteCount: 0,
      blackPixels: 0,
      errors: ['The frame is empty or not base64'],
      metadata: undefined,
    });
    expect(BitmapUtils.validateBase64Bitmap(42 as never).errors).toEqual(['The frame is empty or not base64']);
    const notBmp = Buffer.alloc(9782, 0x41);
    expect(BitmapUtils.validateBase64Bitmap(notBmp.toString('base64'))).toMatchObject({
      isValid: false,
      errors: ['Invalid BMP signature (should start with "BM")'],
      metadata: undefined,
    });
    const white = bmp1(576, 135);
    expect(BitmapUtils.validateBase64Bitmap(white.toString('base64')).errors).toEqual(['No black pixels found (the image is all white)']);
    const narrow = Buffer.from(FRAME);
    narrow.writeInt32LE(575, 18);
    expect(BitmapUtils.validateBase64Bitmap(narrow.toString('base64')).errors).toContain('Invalid dimensions (575x135, expected 576x135)');
    const short = Buffer.from(FRAME);
    short.writeInt32LE(134, 22);
    expect(BitmapUtils.validateBase64Bitmap(short.toString('base64')).errors).toContain('Invalid dimensions (576x134, expected 576x135)');
  });

  test('a BMP the codec cannot read counts every byte after the header that is not white as black', () => {
    const compressed = Buffer.concat([FRAME.subarray(0, 62), Buffer.from([0xff, 0x00, 0x01, 0x7f])]);
    compressed.writeUInt32LE(1, 30);
    expect(BitmapUtils.getBitmapInfo(compressed.toString('hex'))).toEqual({ byteCount: 66, blackPixels: 3, width: 576, height: 135, isValidBmp: true });
  });
});

describe('BitmapUtils.getBitmapInfo and validateBmpHex', () => {
  test('the signature needs 14 bytes; the size needs 54', () => {
    const head = (n: number) => FRAME.subarray(0, n).toString('hex');
    expect(BitmapUtils.getBitmapInfo(head(13))).toEqual({ byteCount: 13, blackPixels: 0, isValidBmp: false });
    expect(BitmapUtils.getBitmapInfo(head(14))).toEqual({ byteCount: 14, blackPixels: 0, isValidBmp: true });
    expect(BitmapUtils.getBitmapInfo(head(53))).toEqual({ byteCount: 53, blackPixels: 0, isValidBmp: true });
    expect(BitmapUtils.getBitmapInfo(head(54))).toMatchObject({ byteCount: 54, width: 576, height: 135, isValidBmp: true });
    for (const at of [0, 1]) {
      const wrong = Buffer.from(FRAME.subarray(0, 54));
      wrong[at] = 0x58;
      expect(BitmapUtils.getBitmapInfo(wrong.toString('hex'))).toEqual({ byteCount: 54, blackPixels: 0, isValidBmp: false });
    }
    expect(BitmapUtils.getBitmapInfo(undefined as never)).toEqual({ byteCount: 0, blackPixels: 0, isValidBmp: false });
  });

  test('validateBmpHex: empty, odd, or not hex at either end, each with its message', () => {
    const refused = (hex: unknown) => BitmapUtils.validateBmpHex(hex as string);
    expect(refused('')).toEqual({ isValid: false, byteCount: 0, blackPixels: 0, errors: ['Hex string is empty or invalid'] });
    expect(refused(42)).toEqual({ isValid: false, byteCount: 0, blackPixels: 0, errors: ['Hex string is empty or invalid'] });
    for (const hex of ['abc', 'zz00', '00zz']) expect(refused(hex).errors).toEqual(['Not a hex string of even length']);
    expect(BitmapUtils.validateBmpHex(FRAME.toString('hex').toUpperCase()).isValid).toBe(true);
  });
});

describe('BitmapUtils conversions and loaders', () => {
  test('convert24BitTo1BitBMP refuses anything but 24 bits, before reading further', async () => {
    const only = Buffer.alloc(30);
    only.writeUInt16LE(24, 28);
    expect((await rejection(BitmapUtils.convert24BitTo1BitBMP(Buffer.alloc(29)))).message).toBe('Input must be a 24-bit BMP');
    expect((await rejection(BitmapUtils.convert24BitTo1BitBMP(FRAME))).message).toBe('Input must be a 24-bit BMP');
    // 30 bytes saying 24 bits pass this check; the codec then refuses them for what they lack.
    expect((await rejection(BitmapUtils.convert24BitTo1BitBMP(only))).message).toBe('Not a supported BMP: missing the "BM" signature');
  });

  test('padBmpForGlasses keeps a 576x135 BMP as it is and redraws every other size', async () => {
    expect(await BitmapUtils.padBmpForGlasses(FRAME)).toBe(FRAME);
    for (const [w, h] of [
      [575, 135],
      [576, 134],
    ]) {
      const redrawn = await BitmapUtils.padBmpForGlasses(bmp1(w!, h!), 0, 0);
      expect({ size: [w, h], out: [decodeBmp(redrawn).width, decodeBmp(redrawn).height, redrawn.length] }).toEqual({ size: [w, h], out: [576, 135, 9782] });
    }
  });

  test('bufferToBase64 and convertFormat', async () => {
    expect(await BitmapUtils.bufferToBase64(Buffer.from([0xff, 0x00]))).toBe('/wA=');
    expect(BitmapUtils.convertFormat(Buffer.from([0xab]), 'buffer', 'hex')).toBe('ab');
    expect(BitmapUtils.convertFormat('abcd', 'hex', 'buffer')).toEqual(Buffer.from([0xab, 0xcd]));
    expect(BitmapUtils.convertFormat('/wA=', 'base64', 'hex')).toBe('ff00');
    const same = Buffer.from([1]);
    expect(BitmapUtils.convertFormat(same, 'buffer', 'buffer')).toBe(same);
  });

  test('the file loaders name the file and keep the cause; a file of 13 bytes or without "BM" is not a BMP', async () => {
    const missing = path.join(dir, 'missing.bmp');
    const base64 = await rejection(BitmapUtils.fileToBase64(missing));
    expect(base64.message).toMatch(new RegExp(`^Failed to load BMP file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`));
    expect(base64.cause).toMatchObject({ code: 'ENOENT' });
    const hex = await rejection(BitmapUtils.loadBmpAsHex(missing));
    expect(hex.message).toBe(base64.message);
    expect(hex.cause).toMatchObject({ code: 'ENOENT' });
    for (const [name, bytes] of [
      ['short.bmp', FRAME.subarray(0, 13)],
      ['xm.bmp', Buffer.concat([Buffer.from('XM'), FRAME.subarray(2)])],
      ['bx.bmp', Buffer.concat([Buffer.from('BX'), FRAME.subarray(2)])],
    ] as const) {
      writeFileSync(path.join(dir, name), bytes);
      const e = await rejection(BitmapUtils.loadBmpFromFileAsBase64(path.join(dir, name)));
      expect(e.message).toBe(`Failed to load BMP file ${path.join(dir, name)}: not a BMP (missing the "BM" signature)`);
    }
    writeFileSync(path.join(dir, 'fourteen.bmp'), FRAME.subarray(0, 14));
    expect(await BitmapUtils.loadBmpAsHex(path.join(dir, 'fourteen.bmp'))).toBe(FRAME.subarray(0, 14).toString('hex'));
  });

  test('loadBmpFromDataAsBase64 refuses what is not BMP bytes, saying so', async () => {
    const message = 'BMP data is not a valid BMP file (missing the "BM" signature)';
    for (const data of [
      FRAME.toString('base64'),
      FRAME.subarray(0, 13),
      Buffer.concat([Buffer.from('XM'), FRAME.subarray(2)]),
      Buffer.concat([Buffer.from('BX'), FRAME.subarray(2)]),
    ]) {
      expect((await rejection(BitmapUtils.loadBmpFromDataAsBase64(data as Buffer))).message).toBe(message);
    }
    // 14 bytes with the signature pass this check; the codec then says what they lack.
    expect((await rejection(BitmapUtils.loadBmpFromDataAsBase64(FRAME.subarray(0, 14)))).message).toBe('Not a supported BMP: missing the "BM" signature');
  });

  test('loadBmpFrames: the default pattern and validation; every failure listed; none loaded said so', async () => {
    const frames = path.join(dir, 'frames');
    mkdirSync(frames);
    writeFileSync(path.join(frames, 'animation_10_frame_1.bmp'), FRAME);
    writeFileSync(path.join(frames, 'animation_10_frame_2.bmp'), bmp1(576, 135));
    writeFileSync(
      path.join(frames, 'animation_10_frame_3.bmp'),
      bmp1(4, 4, () => true),
    );
    expect(await BitmapUtils.loadBmpFrames(frames, 1)).toEqual([FRAME.toString('base64')]);
    const invalid = await rejection(BitmapUtils.loadBmpFrames(frames, 3));
    expect(invalid.message).toBe(
      [
        'Failed to load frames:',
        'frame 2 (animation_10_frame_2.bmp): validation failed: No black pixels found (the image is all white)',
        'frame 3 (animation_10_frame_3.bmp): validation failed: BMP too small (78 bytes, expected ~9782), Invalid dimensions (4x4, expected 576x135)',
      ].join('\n'),
    );
    expect(await BitmapUtils.loadBmpFrames(frames, 3, { validateFrames: false })).toHaveLength(3);
    const none = await rejection(BitmapUtils.loadBmpFrames(frames, 2, { startFrame: 5, skipMissingFrames: true }));
    expect(none.message).toBe(`No valid frames loaded from ${frames}`);
  });
});
