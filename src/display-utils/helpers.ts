/** Everyday display chores on top of the measurer and wrapper: truncate, paginate, chunk. */
import { utf8ByteLength, type TextMeasurer } from './measurer';
import type { TextWrapper } from './wrapper';

export interface PaginateOptions {
  /** Lines per page (default: the profile's `maxLines`). */
  linesPerPage?: number;
}

export interface ChunkOptions {
  /** Largest chunk in UTF-8 bytes (default: the profile's `maxPayloadBytes`). */
  maxBytes?: number;
}

export class DisplayHelpers {
  constructor(readonly measurer: TextMeasurer, readonly wrapper: TextWrapper) {}

  /** `text` on one line of at most `maxWidthPx`, ending in `ellipsis` when it had to be cut. */
  truncate(text: string, maxWidthPx: number = this.measurer.profile.displayWidthPx, ellipsis = '...'): string {
    const oneLine = text.replace(/\s*\n\s*/g, ' ');
    if (this.measurer.fitsInWidth(oneLine, maxWidthPx)) return oneLine;
    const room = maxWidthPx - this.measurer.measureText(ellipsis);
    if (room <= 0) return '';
    return oneLine.slice(0, this.measurer.charsThatFit(oneLine, room)).replace(/\s+$/, '') + ellipsis;
  }

  /** True when the wrapped text fits the display without truncation. */
  fitsOnDisplay(text: string): boolean {
    return !this.wrapper.wrap(text).truncated;
  }

  /** Pages of wrapped text, each at most `linesPerPage` lines joined with `\n` (ready for a text wall). */
  paginate(text: string, options: PaginateOptions = {}): string[] {
    const perPage = Math.max(1, Math.floor(options.linesPerPage ?? this.measurer.profile.maxLines));
    const lines = this.wrapper.wrapToLines(text, { maxLines: Infinity, maxBytes: Infinity });
    const pages: string[] = [];
    for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage).join('\n'));
    return pages.length > 0 ? pages : [''];
  }

  /**
   * Splits text into pieces of at most `maxBytes` UTF-8 bytes, preferring to cut after a line break or
   * a space, and never inside a character.
   */
  chunk(text: string, options: ChunkOptions = {}): string[] {
    const maxBytes = Math.max(4, Math.floor(options.maxBytes ?? this.measurer.profile.maxPayloadBytes));
    const chunks: string[] = [];
    let rest = text;
    while (utf8ByteLength(rest) > maxBytes) {
      let end = 0;
      let bytes = 0;
      for (const c of rest) {
        const b = utf8ByteLength(c);
        if (bytes + b > maxBytes) break;
        bytes += b;
        end += c.length;
      }
      const head = rest.slice(0, end);
      const soft = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
      const cut = soft > 0 ? soft + 1 : end;
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    if (rest || chunks.length === 0) chunks.push(rest);
    return chunks;
  }
}
