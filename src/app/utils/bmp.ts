/**
 * A small BMP codec for glasses bitmaps: reads uncompressed 1-, 4-, 8-, 24- and 32-bit BMPs (bottom-up or
 * top-down) into a lit/unlit pixel grid, and writes 1-bit BMPs (palette: 0 black, 1 white). No image library.
 */
import { SdkError } from '../../core/errors';

export interface Bitmap1 {
  width: number;
  height: number;
  /** One entry per pixel, row-major from the top-left: true = white (lit). */
  pixels: Uint8Array;
}

const FILE_HEADER = 14;
const INFO_HEADER = 40;

const fail = (why: string): never => {
  throw new SdkError('invalid_argument', `Not a supported BMP: ${why}`);
};

/** Reads a BMP; a pixel is white when any colour channel is above 128 (as the published converter decides). */
export function decodeBmp(buf: Buffer): Bitmap1 {
  if (buf.length < FILE_HEADER + 16 || buf[0] !== 0x42 || buf[1] !== 0x4d) fail('missing the "BM" signature');
  const dataOffset = buf.readUInt32LE(10);
  const headerSize = buf.readUInt32LE(14);
  if (headerSize < INFO_HEADER || buf.length < FILE_HEADER + INFO_HEADER) fail(`header of ${headerSize} bytes`);
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width > 8192 || height > 8192) fail(`size ${width}x${rawHeight}`);
  if (![1, 4, 8, 24, 32].includes(bpp)) fail(`${bpp} bits per pixel`);
  if (compression !== 0 && !(compression === 3 && bpp === 32)) fail(`compression ${compression}`);
  const rowSize = Math.ceil((width * bpp) / 32) * 4;
  if (dataOffset + rowSize * height > buf.length) fail('pixel data is truncated');
  const palette: boolean[] = [];
  // Stryker disable next-line ConditionalExpression: a palette read for 24 or 32 bits is never used
  if (bpp <= 8) {
    const colours = buf.readUInt32LE(46) || 2 ** bpp;
    const start = FILE_HEADER + headerSize;
    for (let i = 0; i < colours && start + i * 4 + 3 <= buf.length; i++)
      palette.push(bright(buf[start + i * 4 + 2], buf[start + i * 4 + 1], buf[start + i * 4]));
  }
  const pixels = new Uint8Array(width * height);
  // (The loop bounds' `<=` mutants are equivalent: a typed array ignores writes past its end, and a pixel written
  // into the next row's first place is written again by that row.)
  // Stryker disable next-line EqualityOperator: see above
  for (let y = 0; y < height; y++) {
    // Stryker disable next-line EqualityOperator: a height of 0 is refused above
    const row = dataOffset + (rawHeight < 0 ? y : height - 1 - y) * rowSize;
    // Stryker disable next-line EqualityOperator: see above
    for (let x = 0; x < width; x++) {
      let lit: boolean;
      if (bpp === 24 || bpp === 32) {
        const o = row + x * (bpp / 8);
        lit = bright(buf[o + 2], buf[o + 1], buf[o]);
      } else {
        const bit = x * bpp;
        const index = (buf[row + (bit >> 3)] >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        lit = palette[index] ?? index > 0;
      }
      pixels[y * width + x] = lit ? 1 : 0;
    }
  }
  return { width, height, pixels };
}

/** Writes a bottom-up 1-bit BMP with a black/white palette (72 dpi), as the glasses expect. */
export function encodeBmp1(bitmap: Bitmap1): Buffer {
  const { width, height, pixels } = bitmap;
  const rowSize = Math.ceil(width / 32) * 4;
  const dataOffset = FILE_HEADER + INFO_HEADER + 8;
  const out = Buffer.alloc(dataOffset + rowSize * height);
  out.write('BM', 0);
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(dataOffset, 10);
  out.writeUInt32LE(INFO_HEADER, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(1, 28);
  out.writeUInt32LE(rowSize * height, 34);
  out.writeInt32LE(2835, 38);
  out.writeInt32LE(2835, 42);
  out.writeUInt32LE(2, 46);
  out.writeUInt32LE(2, 50);
  out.writeUInt32LE(0x00ffffff, 58); // palette entry 1: white (entry 0 stays black)
  // Stryker disable next-line EqualityOperator: one row more reads pixels past the end, all undefined, so writes nothing
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (height - 1 - y) * rowSize;
    for (let x = 0; x < width; x++) if (pixels[y * width + x]) out[row + (x >> 3)] |= 0x80 >> (x & 7);
  }
  return out;
}

/** A `width`×`height` black canvas with `image` drawn at (`left`, `top`) (clipped at the edges). */
export function compose(image: Bitmap1, width: number, height: number, left: number, top: number): Bitmap1 {
  const pixels = new Uint8Array(width * height);
  // Stryker disable next-line EqualityOperator: one row more reads pixels past the image's end and writes black on black
  for (let y = 0; y < image.height; y++) {
    const ty = y + top;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a row off the canvas only saves the loop; its writes fall outside the typed array
    if (ty < 0 || ty >= height) continue;
    for (let x = 0; x < image.width; x++) {
      const tx = x + left;
      if (tx >= 0 && tx < width) pixels[ty * width + tx] = image.pixels[y * image.width + x];
    }
  }
  return { width, height, pixels };
}

/** Number of black pixels in a decodable BMP. */
export function countBlack(bitmap: Bitmap1): number {
  let n = 0;
  for (const p of bitmap.pixels) if (!p) n++;
  return n;
}

function bright(r: number, g: number, b: number): boolean {
  return r > 128 || g > 128 || b > 128;
}
