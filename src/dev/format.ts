/** One-line descriptions of what the glasses show, for the terminal (`[main] text_wall: echo: hello`). */
import type { ControlEvent } from '../protocol/control';

type DisplayUpdate = Extract<ControlEvent, { type: 'display_update' }>;

const oneLine = (s: unknown) => String(s ?? '').replace(/\r?\n/g, '\\n');

/** Width and height from a base64 BMP's header, when it is one. */
export function bitmapSize(base64: unknown): { width: number; height: number } | null {
  if (typeof base64 !== 'string') return null;
  const head = Buffer.from(base64.slice(0, 40), 'base64');
  if (head.length < 26 || head[0] !== 0x42 || head[1] !== 0x4d) return null;
  return { width: head.readInt32LE(18), height: Math.abs(head.readInt32LE(22)) };
}

export function describeLayout(layout: unknown): string {
  if (!layout || typeof layout !== 'object') return '(nothing)';
  const l = layout as Record<string, unknown>;
  const type = String(l.layoutType ?? 'unknown');
  switch (type) {
    case 'text_wall':
      return `${type}: ${oneLine(l.text)}`;
    case 'double_text_wall':
      return `${type}: ${oneLine(l.topText)} | ${oneLine(l.bottomText)}`;
    case 'reference_card':
      return `${type}: ${oneLine(l.title)} | ${oneLine(l.text)}`;
    case 'dashboard_card':
      return `${type}: ${oneLine(l.leftText)} | ${oneLine(l.rightText)}`;
    case 'bitmap_view': {
      const size = bitmapSize(l.data);
      return `${type}: ${size ? `${size.width}x${size.height} bitmap` : 'bitmap (not a BMP)'}`;
    }
    case 'bitmap_animation': {
      const frames = Array.isArray(l.frames) ? l.frames.length : 0;
      return `${type}: ${frames} frame${frames === 1 ? '' : 's'}, ${Number(l.interval)} ms apart${l.repeat ? ', repeating' : ''}`;
    }
    default:
      return type;
  }
}

/** `[main] text_wall: hello (for 2000 ms)`; with `withUser`, `[wearer main] ...`. */
export function describeDisplay(e: DisplayUpdate, withUser = false): string {
  const where = `[${withUser ? `${e.user_id} ` : ''}${e.view}]`;
  if (!e.layout) return `${where} (empty${e.reason === 'expired' ? ': the timed display ended' : ''})`;
  return `${where} ${describeLayout(e.layout)}${e.duration_ms !== undefined ? ` (for ${e.duration_ms} ms)` : ''}`;
}
