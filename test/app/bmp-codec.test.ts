/**
 * The BMP codec behind `BitmapUtils`, against BMPs written here byte by byte: every bit depth it reads, both
 * row orders, palettes (given, implied, cut short or too small), the lit threshold per channel, each refusal at
 * its boundary, the 1-bit file it writes (header field by field, rows padded), and composing onto a canvas.
 */
import { isSdkError } from '../../src';
import { type Bitmap1, compose, countBlack, decodeBmp, encodeBmp1 } from '../../src/app/utils/bmp';

interface Spec {
  width: number;
  height: number;
  bpp: number;
  /** The colour (r, g, b) of each pixel, or for paletted depths its palette index. */
  pixel: (x: number, y: number) => number | [number, number, number];
  palette?: [number, number, number][];
  /** The palette size written at offset 46 (default: the palette's length). */
  colours?: number;
  topDown?: boolean;
  compression?: number;
  /** Bytes cut from the end. */
  cut?: number;
}

/** A BMP written from the spec, independently of the codec under test. */
function bmp(s: Spec): Buffer {
  const headerSize = 40;
  const palette = s.palette ?? [];
  const rowSize = Math.ceil((s.width * s.bpp) / 32) * 4;
  const dataOffset = 14 + headerSize + palette.length * 4;
  const buf = Buffer.alloc(dataOffset + rowSize * s.height);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(dataOffset, 10);
  buf.writeUInt32LE(headerSize, 14);
  buf.writeInt32LE(s.width, 18);
  buf.writeInt32LE(s.topDown ? -s.height : s.height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(s.bpp, 28);
  buf.writeUInt32LE(s.compression ?? 0, 30);
  buf.writeUInt32LE(s.colours ?? palette.length, 46);
  palette.forEach(([r, g, b], i) => {
    buf[14 + headerSize + i * 4] = b;
    buf[14 + headerSize + i * 4 + 1] = g;
    buf[14 + headerSize + i * 4 + 2] = r;
  });
  for (let y = 0; y < s.height; y++) {
    const row = dataOffset + (s.topDown ? y : s.height - 1 - y) * rowSize;
    for (let x = 0; x < s.width; x++) {
      const v = s.pixel(x, y);
      if (Array.isArray(v)) {
        const o = row + x * (s.bpp / 8);
        [buf[o + 2], buf[o + 1], buf[o]] = v;
      } else {
        const bit = x * s.bpp;
        buf[row + (bit >> 3)]! |= v << (8 - s.bpp - (bit & 7));
      }
    }
  }
  return s.cut ? buf.subarray(0, buf.length - s.cut) : buf;
}

/** The decoded picture as rows of '#' (lit) and '.' (unlit). */
function picture(b: Bitmap1): string[] {
  const rows: string[] = [];
  for (let y = 0; y < b.height; y++) rows.push(Array.from(b.pixels.subarray(y * b.width, (y + 1) * b.width), (p) => (p ? '#' : '.')).join(''));
  return rows;
}

/** The reason decodeBmp gives for refusing `buf`. */
function refusal(buf: Buffer): string {
  try {
    decodeBmp(buf);
  } catch (e) {
    if (!isSdkError(e, 'invalid_argument')) throw e;
    return e.message;
  }
  throw new Error('decodeBmp took it');
}

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
// A diagonal on a 5x3 picture, so rows and columns cannot be swapped or mirrored unnoticed.
const DIAGONAL = ['#....', '.#...', '..#..'];
const onDiagonal = (x: number, y: number) => x === y;

describe('decodeBmp', () => {
  test.each([24, 32])('%i bits per pixel, bottom-up and top-down', (bpp) => {
    for (const topDown of [false, true]) {
      const img = decodeBmp(bmp({ width: 5, height: 3, bpp, topDown, pixel: (x, y) => (onDiagonal(x, y) ? WHITE : BLACK) }));
      expect({ topDown, size: [img.width, img.height], rows: picture(img) }).toEqual({ topDown, size: [5, 3], rows: DIAGONAL });
    }
  });

  test.each([1, 4, 8])('%i bits per pixel through the palette, both row orders', (bpp) => {
    // Index 1 is black and index 0 white: the palette decides, not the index.
    const palette: [number, number, number][] = [WHITE, BLACK];
    for (const topDown of [false, true]) {
      const img = decodeBmp(bmp({ width: 5, height: 3, bpp, topDown, palette, pixel: (x, y) => (onDiagonal(x, y) ? 0 : 1) }));
      expect({ topDown, rows: picture(img) }).toEqual({ topDown, rows: DIAGONAL });
    }
  });

  test('each palette entry is read from its own place (blue, green, red), up to the size the header gives', () => {
    // Entry 5 is in the file but past the 5 the header gives: index 5 is then "above 0", lit.
    const palette: [number, number, number][] = [BLACK, [200, 0, 0], [0, 200, 0], [0, 0, 200], BLACK, BLACK];
    const img = decodeBmp(bmp({ width: 6, height: 1, bpp: 4, palette, colours: 5, pixel: (x) => x }));
    expect(picture(img)).toEqual(['.###.#']);
  });

  test('no palette size in the header means 2^bpp entries; with no palette read, an index above 0 is lit', () => {
    const img = decodeBmp(
      bmp({ width: 4, height: 1, bpp: 4, palette: Array.from({ length: 16 }, (_, i) => (i === 2 ? WHITE : BLACK)), colours: 0, pixel: (x) => x }),
    );
    expect(picture(img)).toEqual(['..#.']);
    // A declared size larger than the file holds is read while whole entries remain: entry 1 is then the pixel
    // row itself (bytes 0, 1, 2: dark), and entry 2 would pass the end, so index 2 falls back to "above 0 is lit".
    const bare = bmp({ width: 3, height: 1, bpp: 8, palette: [WHITE], colours: 256, pixel: (x) => x });
    expect(picture(decodeBmp(bare))).toEqual(['#.#']);
  });

  test('a palette entry ending at the last byte of the file is read; with no entry read, index 0 is dark', () => {
    // Files made by hand, their pixel data pointed back into the palette or the header.
    const header = (length: number, dataOffset: number, width: number, bpp: number, colours: number) => {
      const buf = Buffer.alloc(length);
      buf.write('BM', 0);
      buf.writeUInt32LE(dataOffset, 10);
      buf.writeUInt32LE(40, 14);
      buf.writeInt32LE(width, 18);
      buf.writeInt32LE(1, 22);
      buf.writeUInt16LE(bpp, 28);
      buf.writeUInt32LE(colours, 46);
      return buf;
    };
    // Entry 1 (blue, green, red at 58, 59, 60) is dark and ends the file; the one pixel, at 57, is index 1.
    const atEnd = header(61, 57, 1, 8, 2);
    atEnd[57] = 1;
    expect(picture(decodeBmp(atEnd))).toEqual(['.']);
    // 54 bytes hold no palette entry (they start at 54); the pixels (at 50) are index 0 then index 1.
    const none = header(54, 50, 2, 1, 2);
    none[50] = 0b0100_0000;
    expect(picture(decodeBmp(none))).toEqual(['.#']);
  });

  test('a pixel is lit when any channel is above 128', () => {
    const colours: [number, number, number][] = [
      [128, 128, 128],
      [129, 0, 0],
      [0, 129, 0],
      [0, 0, 129],
      [128, 0, 0],
      [0, 128, 0],
      [0, 0, 128],
    ];
    const img = decodeBmp(bmp({ width: colours.length, height: 1, bpp: 24, pixel: (x) => colours[x]! }));
    expect(picture(img)).toEqual(['.###...']);
  });

  test('a row is padded to 4 bytes, whatever the width', () => {
    for (const width of [1, 2, 3, 7, 8, 9, 31, 32, 33]) {
      const img = decodeBmp(bmp({ width, height: 2, bpp: 1, palette: [BLACK, WHITE], pixel: (x, y) => (x === width - 1 && y === 1 ? 1 : 0) }));
      expect({ width, rows: picture(img) }).toEqual({ width, rows: ['.'.repeat(width), `${'.'.repeat(width - 1)}#`] });
    }
  });

  test('each refusal says why, at its boundary', () => {
    const ok = bmp({ width: 2, height: 2, bpp: 24, pixel: () => WHITE });
    expect(refusal(Buffer.from('BM'))).toBe('Not a supported BMP: missing the "BM" signature');
    expect(refusal(Buffer.concat([Buffer.from('BM'), Buffer.alloc(27)]))).toBe('Not a supported BMP: missing the "BM" signature');
    expect(refusal(Buffer.concat([Buffer.from('BM'), Buffer.alloc(28)]))).toBe('Not a supported BMP: header of 0 bytes');
    expect(refusal(Buffer.concat([Buffer.from('XM'), ok.subarray(2)]))).toBe('Not a supported BMP: missing the "BM" signature');
    expect(refusal(Buffer.concat([Buffer.from('BX'), ok.subarray(2)]))).toBe('Not a supported BMP: missing the "BM" signature');
    const os2 = Buffer.from(ok);
    os2.writeUInt32LE(12, 14);
    expect(refusal(os2)).toBe('Not a supported BMP: header of 12 bytes');
    const short = Buffer.from(ok.subarray(0, 53));
    expect(refusal(short)).toBe('Not a supported BMP: header of 40 bytes');
    expect(refusal(bmp({ width: 0, height: 2, bpp: 24, pixel: () => WHITE }))).toBe('Not a supported BMP: size 0x2');
    expect(refusal(bmp({ width: 2, height: 0, bpp: 24, pixel: () => WHITE }))).toBe('Not a supported BMP: size 2x0');
    const negative = Buffer.from(ok);
    negative.writeInt32LE(-2, 18);
    expect(refusal(negative)).toBe('Not a supported BMP: size -2x2');
    const wide = Buffer.from(ok);
    wide.writeInt32LE(8193, 18);
    expect(refusal(wide)).toBe('Not a supported BMP: size 8193x2');
    const tall = Buffer.from(ok);
    tall.writeInt32LE(-8193, 22);
    expect(refusal(tall)).toBe('Not a supported BMP: size 2x-8193');
    expect(refusal(bmp({ width: 2, height: 2, bpp: 16, pixel: () => 0 }))).toBe('Not a supported BMP: 16 bits per pixel');
    expect(refusal(bmp({ width: 2, height: 2, bpp: 24, compression: 1, pixel: () => WHITE }))).toBe('Not a supported BMP: compression 1');
    expect(refusal(bmp({ width: 2, height: 2, bpp: 24, compression: 3, pixel: () => WHITE }))).toBe('Not a supported BMP: compression 3');
    expect(refusal(bmp({ width: 2, height: 2, bpp: 8, compression: 3, palette: [WHITE], pixel: () => 0 }))).toBe('Not a supported BMP: compression 3');
    expect(refusal(bmp({ width: 2, height: 2, bpp: 32, compression: 1, pixel: () => WHITE }))).toBe('Not a supported BMP: compression 1');
    expect(picture(decodeBmp(bmp({ width: 2, height: 2, bpp: 32, compression: 3, pixel: () => WHITE })))).toEqual(['##', '##']);
    expect(refusal(bmp({ width: 2, height: 2, bpp: 24, pixel: () => WHITE, cut: 1 }))).toBe('Not a supported BMP: pixel data is truncated');
  });

  test('the largest size taken is 8192 on each side', () => {
    const img = decodeBmp(bmp({ width: 8192, height: 1, bpp: 1, palette: [BLACK, WHITE], pixel: (x) => (x === 8191 ? 1 : 0) }));
    expect([img.width, img.height, img.pixels[8191], countBlack(img)]).toEqual([8192, 1, 1, 8191]);
    const tall = decodeBmp(bmp({ width: 1, height: 8192, bpp: 1, palette: [BLACK, WHITE], topDown: true, pixel: (_, y) => (y === 0 ? 1 : 0) }));
    expect([tall.height, tall.pixels[0], tall.pixels[8191]]).toEqual([8192, 1, 0]);
  });
});

describe('encodeBmp1', () => {
  test('writes a bottom-up 1-bit BMP with a black and white palette, field by field', () => {
    const out = encodeBmp1({ width: 9, height: 2, pixels: Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0]) });
    const rowSize = 4;
    expect(out.length).toBe(62 + rowSize * 2);
    expect({
      signature: out.toString('ascii', 0, 2),
      fileSize: out.readUInt32LE(2),
      dataOffset: out.readUInt32LE(10),
      headerSize: out.readUInt32LE(14),
      width: out.readInt32LE(18),
      height: out.readInt32LE(22),
      planes: out.readUInt16LE(26),
      bpp: out.readUInt16LE(28),
      compression: out.readUInt32LE(30),
      imageSize: out.readUInt32LE(34),
      dpi: [out.readInt32LE(38), out.readInt32LE(42)],
      colours: [out.readUInt32LE(46), out.readUInt32LE(50)],
      palette: [out.readUInt32LE(54), out.readUInt32LE(58)],
    }).toEqual({
      signature: 'BM',
      fileSize: 70,
      dataOffset: 62,
      headerSize: 40,
      width: 9,
      height: 2,
      planes: 1,
      bpp: 1,
      compression: 0,
      imageSize: 8,
      dpi: [2835, 2835],
      colours: [2, 2],
      palette: [0, 0x00ffffff],
    });
    // The last row first: the top row (pixels 0 and 8 lit) is the second in the file.
    expect([...out.subarray(62)]).toEqual([0x40, 0, 0, 0, 0x80, 0x80, 0, 0]);
  });

  test('decoding what it wrote gives the same picture back, for widths around each byte and word', () => {
    for (const width of [1, 7, 8, 9, 31, 32, 33]) {
      const height = 3;
      const pixels = Uint8Array.from({ length: width * height }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
      const back = decodeBmp(encodeBmp1({ width, height, pixels }));
      expect({ width, size: [back.width, back.height], pixels: [...back.pixels] }).toEqual({ width, size: [width, height], pixels: [...pixels] });
    }
  });
});

describe('compose and countBlack', () => {
  const square: Bitmap1 = { width: 2, height: 2, pixels: Uint8Array.from([1, 1, 1, 1]) };

  test('draws the image at its place on a black canvas, clipped at every edge', () => {
    expect(picture(compose(square, 4, 3, 1, 1))).toEqual(['....', '.##.', '.##.']);
    expect(picture(compose(square, 4, 3, -1, -1))).toEqual(['#...', '....', '....']);
    expect(picture(compose(square, 4, 3, 3, 2))).toEqual(['....', '....', '...#']);
    expect(picture(compose(square, 4, 3, 4, 0))).toEqual(['....', '....', '....']);
    expect(picture(compose(square, 4, 3, 0, 3))).toEqual(['....', '....', '....']);
    // A column left of the canvas is dropped, not drawn at the end of the row above.
    expect(picture(compose(square, 4, 3, -1, 1))).toEqual(['....', '#...', '#...']);
    const rows: Bitmap1 = { width: 3, height: 2, pixels: Uint8Array.from([1, 0, 0, 0, 0, 1]) };
    expect(picture(compose(rows, 3, 2, 0, 0))).toEqual(['#..', '..#']);
  });

  test('countBlack counts the unlit pixels', () => {
    expect(countBlack(compose(square, 4, 3, 1, 1))).toBe(8);
    expect(countBlack(square)).toBe(0);
  });
});
