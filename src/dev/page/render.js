// Draws layouts the way the glasses show them: every layout goes through the shared rasteriser
// (raster.js, the same code the dev server's `screenshot` uses) onto a 576×135 canvas. The texts are also
// kept in the page, hidden from sight, for screen readers, searching and tests.
import { HEIGHT, WIDTH, animationFrame, animationInterval, rasterize, toRgba } from './raster.js';

export { WIDTH, HEIGHT };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Puts a layout's pixels on the canvas; returns what the rasteriser found. */
function paint(canvas, layout, frame) {
  const fb = rasterize(layout, { width: WIDTH, height: HEIGHT, frame });
  canvas.getContext('2d').putImageData(new ImageData(toRgba(fb), fb.width, fb.height), 0, 0);
  for (const k of ['size', 'error', 'frame']) {
    if (fb.info[k] === undefined) delete canvas.dataset[k];
    else canvas.dataset[k] = String(fb.info[k]);
  }
}

/** The texts of a layout, as hidden elements named for their part. */
function addTexts(box, layout) {
  const add = (className, text) => box.appendChild(el('div', className, text === undefined || text === null ? '' : String(text)));
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
      const row = box.appendChild(el('div', 'dashboard-card'));
      row.appendChild(el('span', 'left', String(layout.leftText ?? '')));
      row.appendChild(el('span', 'right', String(layout.rightText ?? '')));
      break;
    }
    case 'bitmap_view':
    case 'bitmap_animation':
    case 'clear_view':
      break;
    default:
      add('unknown', `Unknown layout ${JSON.stringify(layout.layoutType)}`);
  }
}

/**
 * Renders a layout into `screen` (emptied first). Returns a function that stops any animation.
 * @param {HTMLElement} screen
 * @param {any} layout  null when the view shows nothing
 * @param {number} [shownAt]  when the layout was shown (the cloud's clock), for an animation's frame
 */
export function renderLayout(screen, layout, shownAt = Date.now()) {
  screen.replaceChildren();
  screen.dataset.layout = layout ? String(layout.layoutType) : 'none';
  if (layout) screen.dataset.shown = String(shownAt);
  else delete screen.dataset.shown;
  const canvas = screen.appendChild(el('canvas', 'framebuffer'));
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const texts = screen.appendChild(el('div', 'screen-text'));
  if (layout) addTexts(texts, layout);
  if (layout?.layoutType !== 'bitmap_animation') {
    paint(canvas, layout, 0);
    return () => {};
  }
  let shown = -1;
  const show = () => {
    const i = animationFrame(layout, Date.now() - shownAt);
    if (i !== shown) paint(canvas, layout, (shown = i));
  };
  show();
  const frames = Array.isArray(layout.frames) ? layout.frames.length : 0;
  if (frames < 2) return () => {};
  const timer = setInterval(
    () => {
      show();
      if (!layout.repeat && shown >= frames - 1) clearInterval(timer);
    },
    Math.min(250, animationInterval(layout)),
  );
  return () => clearInterval(timer);
}

/** One line describing a layout, for the log and captions. */
export function describeLayout(layout) {
  if (!layout) return '(nothing)';
  const t = layout.layoutType;
  const texts = ['title', 'text', 'topText', 'bottomText', 'leftText', 'rightText'].map((k) => layout[k]).filter((s) => typeof s === 'string');
  if (t === 'bitmap_animation') return `${t}: ${(layout.frames || []).length} frames`;
  return texts.length ? `${t}: ${texts.join(' | ')}` : t;
}
