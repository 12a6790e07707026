// The glasses' framebuffer: draws a layout into pixels exactly as the display shows it (green light on
// black, 576×135 for the G1) with a bitmap font. Plain JavaScript with no DOM, shared by the simulator page
// (which puts the pixels on a canvas) and the dev server (which encodes them as the `screenshot` PNG), so
// both give the same pixels for the same layout.
import { BOLD, REGULAR } from './font.js';

export const WIDTH = 576;
export const HEIGHT = 135;
/** The colour of a lit pixel (RGB); an unlit pixel is black. */
export const LIT = [80, 255, 120];
const MARGIN_X = 13;
const MARGIN_Y = 7;
const FALLBACK = 0xfffd;

function prepare(font) {
  const bin = atob(font.bitmaps);
  const bits = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bits[i] = bin.charCodeAt(i);
  const map = new Map();
  for (const pair of font.map.split(',')) {
    const [cp, glyph] = pair.split(':');
    map.set(parseInt(cp, 36), parseInt(glyph, 36));
  }
  return { ...font, bits, map, size: font.rowBytes * font.height, fallback: map.get(FALLBACK) ?? 0 };
}

let fonts = null;
const font = (bold) => {
  fonts = fonts || { regular: prepare(REGULAR), bold: prepare(BOLD) };
  return bold ? fonts.bold : fonts.regular;
};

/** True when the font has a glyph for the character (others show as the replacement glyph, a diamond). */
export function hasGlyph(ch) {
  return font(false).map.has(ch.codePointAt(0));
}

/** A frame of lit/unlit pixels, one byte per pixel. */
function frame(width, height) {
  return { width, height, lit: new Uint8Array(width * height) };
}

function drawChar(fb, f, ch, x, y) {
  const glyph = f.map.get(ch.codePointAt(0)) ?? f.fallback;
  const at = glyph * f.size;
  for (let row = 0; row < f.height; row++) {
    const py = y + row;
    if (py < 0 || py >= fb.height) continue;
    for (let col = 0; col < f.width; col++) {
      const px = x + col;
      if (px < 0 || px >= fb.width) continue;
      if ((f.bits[at + row * f.rowBytes + (col >> 3)] >> (7 - (col & 7))) & 1) fb.lit[py * fb.width + px] = 1;
    }
  }
}

function drawLine(fb, text, x, y, bold = false) {
  const f = font(bold);
  let cx = x;
  for (const ch of text) {
    drawChar(fb, f, ch, cx, y);
    cx += f.width;
  }
}

/** The characters of a string that take a cell: tabs become spaces, other control characters go. */
function cells(text) {
  return [
    ...String(text ?? '')
      .replace(/\t/g, '    ')
      .replace(/\r\n?/g, '\n'),
  ].filter((c) => c === '\n' || c >= ' ');
}

/**
 * Wraps text into lines of at most `columns` characters: at spaces where it can, inside a word longer
 * than a line where it must, and at every newline.
 */
export function wrapText(text, columns) {
  const lines = [];
  for (const paragraph of cells(text).join('').split('\n')) {
    let line = [];
    for (const word of paragraph.split(/(?<= )/)) {
      let w = [...word];
      if (line.length + w.length - (w[w.length - 1] === ' ' ? 1 : 0) <= columns) {
        line.push(...w);
        continue;
      }
      if (line.length) lines.push(line.join('').trimEnd());
      line = [];
      while (w.length > columns) {
        lines.push(w.slice(0, columns).join(''));
        w = w.slice(columns);
      }
      line = w;
    }
    lines.push(line.join('').trimEnd());
  }
  return lines;
}

function columnsOf(width) {
  return Math.max(1, Math.floor((width - 2 * MARGIN_X) / font(false).width));
}

/** Draws wrapped text from `top` down to `bottom`, and returns the y below the last line drawn. */
function drawText(fb, text, top, bottom, bold = false) {
  const h = font(bold).height;
  let y = top;
  for (const line of wrapText(text, columnsOf(fb.width))) {
    if (y + h > bottom) break;
    drawLine(fb, line, MARGIN_X, y, bold);
    y += h;
  }
  return y;
}

function bytesOf(base64) {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Decodes a BMP (1, 4, 8, 24 or 32 bits per pixel, bottom-up or top-down) into lit/unlit pixels: a pixel
 * is lit when its colour is bright, so what is drawn white on black shows as light.
 */
export function decodeBmp(base64) {
  const b = bytesOf(base64);
  if (b.length < 54 || b[0] !== 0x42 || b[1] !== 0x4d) throw new Error('not a BMP');
  const v = new DataView(b.buffer);
  const offset = v.getUint32(10, true);
  const headerSize = v.getUint32(14, true);
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  const bpp = v.getUint16(28, true);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0 || width > 4096 || height > 4096) throw new Error('bad BMP size');
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new Error(`unsupported BMP depth ${bpp}`);
  const paletteAt = 14 + headerSize;
  const bright = (r, g, bl) => r * 0.299 + g * 0.587 + bl * 0.114 > 127;
  const palette = [];
  if (bpp <= 8) {
    const colours = v.getUint32(46, true) || 1 << bpp;
    for (let i = 0; i < colours && paletteAt + i * 4 + 2 < b.length; i++) {
      const p = paletteAt + i * 4;
      palette.push(bright(b[p + 2], b[p + 1], b[p]));
    }
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (offset + stride * height > b.length) throw new Error('BMP data is cut short');
  const lit = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      let on = false;
      if (bpp === 1) on = palette[(b[row + (x >> 3)] >> (7 - (x & 7))) & 1] ?? false;
      else if (bpp === 4) on = palette[(b[row + (x >> 1)] >> (x & 1 ? 0 : 4)) & 15] ?? false;
      else if (bpp === 8) on = palette[b[row + x]] ?? false;
      else {
        const p = row + x * (bpp / 8);
        on = bright(b[p + 2], b[p + 1], b[p]);
      }
      lit[y * width + x] = on ? 1 : 0;
    }
  }
  return { width, height, lit };
}

function drawBitmap(fb, base64) {
  let bmp;
  try {
    bmp = decodeBmp(String(base64 ?? ''));
  } catch (e) {
    drawText(fb, `Cannot show this bitmap: ${e.message}`, MARGIN_Y, fb.height);
    return { error: e.message };
  }
  for (let y = 0; y < Math.min(bmp.height, fb.height); y++) {
    for (let x = 0; x < Math.min(bmp.width, fb.width); x++) fb.lit[y * fb.width + x] = bmp.lit[y * bmp.width + x];
  }
  return { size: `${bmp.width}x${bmp.height}` };
}

/** Which frame of a bitmap_animation is on the display `elapsedMs` after it was shown. */
export function animationFrame(layout, elapsedMs) {
  const frames = Array.isArray(layout?.frames) ? layout.frames.length : 0;
  if (frames < 2) return 0;
  const step = Math.floor(Math.max(0, elapsedMs) / animationInterval(layout));
  return layout.repeat ? step % frames : Math.min(step, frames - 1);
}

export function animationInterval(layout) {
  return Math.max(50, Number(layout?.interval) || 1650);
}

/**
 * Draws a layout. Returns `{ width, height, lit, info }`: one byte per pixel (1 lit, 0 dark) and what
 * the drawing found (`size` of a bitmap, `error` when a bitmap cannot be shown).
 * @param {any} layout  null when the view shows nothing
 * @param {{ width?: number, height?: number, frame?: number }} [options]
 */
export function rasterize(layout, options = {}) {
  const fb = frame(options.width ?? WIDTH, options.height ?? HEIGHT);
  let info = {};
  const bottom = fb.height;
  switch (layout?.layoutType) {
    case undefined:
    case null:
    case 'clear_view':
      break;
    case 'text_wall':
      drawText(fb, layout.text, MARGIN_Y, bottom);
      break;
    case 'double_text_wall': {
      const middle = Math.floor(fb.height / 2);
      drawText(fb, layout.topText, MARGIN_Y, middle);
      drawText(fb, layout.bottomText, middle + 1, bottom);
      break;
    }
    case 'reference_card': {
      const y = drawText(fb, layout.title, MARGIN_Y, bottom, true);
      drawText(fb, layout.text, y + 3, bottom);
      break;
    }
    case 'dashboard_card': {
      const columns = columnsOf(fb.width);
      const right = cells(layout.rightText)
        .filter((c) => c !== '\n')
        .slice(0, columns);
      const left = cells(layout.leftText)
        .filter((c) => c !== '\n')
        .slice(0, Math.max(0, columns - right.length - 1));
      drawLine(fb, left.join(''), MARGIN_X, MARGIN_Y);
      drawLine(fb, right.join(''), fb.width - MARGIN_X - right.length * font(false).width, MARGIN_Y);
      break;
    }
    case 'bitmap_view':
      info = drawBitmap(fb, layout.data);
      break;
    case 'bitmap_animation': {
      const frames = Array.isArray(layout.frames) ? layout.frames : [];
      const i = Math.min(Math.max(0, options.frame ?? 0), Math.max(0, frames.length - 1));
      info = { ...drawBitmap(fb, frames[i]), frame: i };
      break;
    }
    default:
      drawText(fb, `Unknown layout ${JSON.stringify(layout.layoutType)}`, MARGIN_Y, bottom);
  }
  return { width: fb.width, height: fb.height, lit: fb.lit, info };
}

/** RGBA pixels (4 bytes a pixel, opaque) of a rasterised frame: lit pixels green, the rest black. */
export function toRgba(fb) {
  const out = new Uint8ClampedArray(fb.width * fb.height * 4);
  for (let i = 0; i < fb.lit.length; i++) {
    const on = fb.lit[i];
    out[i * 4] = on ? LIT[0] : 0;
    out[i * 4 + 1] = on ? LIT[1] : 0;
    out[i * 4 + 2] = on ? LIT[2] : 0;
    out[i * 4 + 3] = 255;
  }
  return out;
}
