// Draws layouts the way the glasses show them: green light on a 576×135 display.

export const WIDTH = 576;
export const HEIGHT = 135;
const LIT = [80, 255, 120];

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
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

function drawBitmap(canvas, base64) {
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  try {
    const { width, height, lit } = decodeBmp(base64);
    const img = ctx.createImageData(WIDTH, HEIGHT);
    for (let y = 0; y < Math.min(height, HEIGHT); y++) {
      for (let x = 0; x < Math.min(width, WIDTH); x++) {
        const i = (y * WIDTH + x) * 4;
        const on = lit[y * width + x];
        img.data[i] = on ? LIT[0] : 0;
        img.data[i + 1] = on ? LIT[1] : 0;
        img.data[i + 2] = on ? LIT[2] : 0;
        img.data[i + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    canvas.dataset.size = `${width}x${height}`;
  } catch (e) {
    ctx.fillStyle = '#f66';
    ctx.font = '14px monospace';
    ctx.fillText(`Cannot show this bitmap: ${e.message}`, 10, 70);
    canvas.dataset.error = e.message;
  }
}

/**
 * Renders a layout into `screen` (emptied first). Returns a function that stops any animation.
 * @param {HTMLElement} screen
 * @param {any} layout  null when the view shows nothing
 */
export function renderLayout(screen, layout) {
  screen.replaceChildren();
  screen.dataset.layout = layout ? String(layout.layoutType) : 'none';
  if (!layout) return () => {};
  const add = (className, text) => screen.appendChild(el('div', className, text === undefined || text === null ? '' : String(text)));
  switch (layout.layoutType) {
    case 'text_wall':
      add('text-wall', layout.text);
      break;
    case 'double_text_wall':
      add('double-top', layout.topText);
      add('double-bottom', layout.bottomText);
      break;
    case 'reference_card':
      add('card-title', layout.title);
      add('card-text', layout.text);
      break;
    case 'dashboard_card': {
      const row = screen.appendChild(el('div', 'dashboard-card'));
      row.appendChild(el('span', 'left', String(layout.leftText ?? '')));
      row.appendChild(el('span', 'right', String(layout.rightText ?? '')));
      break;
    }
    case 'bitmap_view': {
      const canvas = screen.appendChild(el('canvas', 'bitmap'));
      canvas.width = WIDTH;
      canvas.height = HEIGHT;
      drawBitmap(canvas, String(layout.data ?? ''));
      break;
    }
    case 'bitmap_animation': {
      const frames = Array.isArray(layout.frames) ? layout.frames : [];
      const canvas = screen.appendChild(el('canvas', 'bitmap'));
      canvas.width = WIDTH;
      canvas.height = HEIGHT;
      let i = 0;
      const show = () => {
        canvas.dataset.frame = String(i);
        drawBitmap(canvas, String(frames[i] ?? ''));
      };
      show();
      if (frames.length < 2) return () => {};
      const timer = setInterval(() => {
        if (i + 1 >= frames.length && !layout.repeat) return clearInterval(timer);
        i = (i + 1) % frames.length;
        show();
      }, Math.max(50, Number(layout.interval) || 1650));
      return () => clearInterval(timer);
    }
    case 'clear_view':
      break;
    default:
      add('unknown', `Unknown layout ${JSON.stringify(layout.layoutType)}`);
  }
  return () => {};
}

/** One line describing a layout, for the log and captions. */
export function describeLayout(layout) {
  if (!layout) return '(nothing)';
  const t = layout.layoutType;
  const texts = ['title', 'text', 'topText', 'bottomText', 'leftText', 'rightText'].map((k) => layout[k]).filter((s) => typeof s === 'string');
  if (t === 'bitmap_animation') return `${t}: ${(layout.frames || []).length} frames`;
  return texts.length ? `${t}: ${texts.join(' | ')}` : t;
}
