/** Everyday display chores on top of the measurer and wrapper: truncate, fit, paginate, chunk, pad. */
import { utf8ByteLength } from './measurer';
import type { WrapOptions, WrapResult } from './wrapper';
import { splitUtf8Chunks } from './chunks';
import { MeasuredText } from './measured-text';

/** The result of `truncateWithEllipsis`. */
export interface TruncateResult {
  text: string;
  wasTruncated: boolean;
  /** Width of `text` in pixels. */
  widthPx: number;
  /** Length of the input (UTF-16 units). */
  originalLength: number;
  /** Length of the kept part, without the ellipsis. */
  truncatedLength: number;
}

/** One screen of paginated text. */
export interface Page {
  lines: string[];
  /** 1-based. */
  pageNumber: number;
  totalPages: number;
  isFirst: boolean;
  isLast: boolean;
  /** The lines joined with `\n` (ready for a text wall). */
  text: string;
}

/** One BLE-sized piece of text. */
export interface Chunk {
  text: string;
  /** 0-based. */
  index: number;
  totalChunks: number;
  /** UTF-8 bytes of `text`. */
  bytes: number;
}

export interface PaginateOptions {
  /** Lines per page (default: `maxLines` of the options, else the profile's). */
  linesPerPage?: number;
}

export interface ChunkOptions {
  /** Largest chunk in UTF-8 bytes (default: the profile's `maxPayloadBytes`). */
  maxBytes?: number;
}

export interface LineUtilization {
  averageUtilization: number;
  minUtilization: number;
  maxUtilization: number;
  totalWastedPx: number;
}

export class DisplayHelpers extends MeasuredText {
  /** The first (or, with `fromEnd`, the last) `maxLines` lines. */
  truncateToLines(lines: string[], maxLines: number, fromEnd = false): string[] {
    if (lines.length <= maxLines) return lines;
    if (maxLines <= 0) return [];
    return fromEnd ? lines.slice(-maxLines) : lines.slice(0, maxLines);
  }

  /** `text` cut to `maxWidthPx` (default: the display width) with `ellipsis` when it had to be cut. */
  truncateWithEllipsis(text: string, maxWidthPx?: number, ellipsis = '...'): TruncateResult {
    const width = maxWidthPx ?? this.getProfile().displayWidthPx;
    const full = this.measurer.measureText(text);
    if (full <= width) return { text, wasTruncated: false, widthPx: full, originalLength: text.length, truncatedLength: text.length };
    const room = width - this.measurer.measureText(ellipsis);
    let kept = '';
    let used = 0;
    for (const c of text) {
      const w = this.measurer.measureChar(c);
      if (used + w > room) break;
      kept += c;
      used += w;
    }
    kept = kept.trimEnd();
    const out = kept + ellipsis;
    return { text: out, wasTruncated: true, widthPx: this.measurer.measureText(out), originalLength: text.length, truncatedLength: kept.length };
  }

  /** `text` on one line of at most `maxWidthPx`, ending in `ellipsis` when it had to be cut (line breaks become spaces). */
  truncate(text: string, maxWidthPx: number = this.getProfile().displayWidthPx, ellipsis = '...'): string {
    const oneLine = text.replace(/\s*\n\s*/g, ' ');
    if (this.measurer.fitsInWidth(oneLine, maxWidthPx)) return oneLine;
    if (maxWidthPx - this.measurer.measureText(ellipsis) <= 0) return '';
    return this.truncateWithEllipsis(oneLine, maxWidthPx, ellipsis).text;
  }

  /** A quick estimate of the lines `text` needs (by total width, plus its own line breaks), without wrapping. */
  estimateLineCount(text: string, maxWidthPx?: number): number {
    if (!text) return 1;
    const width = maxWidthPx ?? this.getProfile().displayWidthPx;
    const newlines = (text.match(/\n/g) ?? []).length;
    return Math.ceil(this.measurer.measureText(text) / width) + newlines;
  }

  /** Wraps and keeps what fits the screen (at most the profile's `maxLines`). */
  fitToScreen(text: string, options?: WrapOptions): string[] {
    return this.wrapper.wrap(text, options).lines.slice(0, this.getProfile().maxLines);
  }

  /** True when the wrapped text fits the display without truncation. */
  fitsOnDisplay(text: string): boolean {
    return !this.wrapper.wrap(text).truncated;
  }

  /** Wrapped text in screen-sized pages (`options.maxLines`, else `linesPerPage`, else the profile's line count per page). */
  paginate(text: string, options: WrapOptions & PaginateOptions = {}): Page[] {
    const { linesPerPage, ...wrapOptions } = options;
    const perPage = Math.max(1, Math.floor(linesPerPage ?? options.maxLines ?? this.getProfile().maxLines));
    const lines = this.wrapper.wrap(text, { ...wrapOptions, maxLines: Infinity, maxBytes: Infinity }).lines;
    const totalPages = Math.max(1, Math.ceil(lines.length / perPage));
    const pages: Page[] = [];
    for (let n = 1; n <= totalPages; n++) {
      const pageLines = lines.slice((n - 1) * perPage, n * perPage);
      if (pageLines.length === 0) pageLines.push('');
      pages.push({ lines: pageLines, pageNumber: n, totalPages, isFirst: n === 1, isLast: n === totalPages, text: pageLines.join('\n') });
    }
    return pages;
  }

  /** UTF-8 bytes of `text`. */
  calculateByteSize(text: string): number {
    return utf8ByteLength(text);
  }

  /** More than `maxBytes` (default: the profile's `maxPayloadBytes`) UTF-8 bytes? */
  exceedsByteLimit(text: string, maxBytes?: number): boolean {
    return this.calculateByteSize(text) > (maxBytes ?? this.getProfile().maxPayloadBytes);
  }

  /**
   * BLE-safe chunks of at most `chunkSize` UTF-8 bytes (default: the profile's `bleChunkSize`), cut after
   * a space or line break in the second half of a chunk when there is one, and never inside a character.
   */
  splitIntoChunks(text: string, chunkSize?: number): Chunk[] {
    const pieces = splitUtf8Chunks(text, Math.max(4, Math.floor(chunkSize ?? this.getProfile().bleChunkSize)));
    return pieces.map((piece, index) => ({ text: piece, index, totalChunks: pieces.length, bytes: utf8ByteLength(piece) }));
  }

  /**
   * Pieces of at most `maxBytes` UTF-8 bytes (default: the profile's `maxPayloadBytes`), preferring to
   * cut after a line break or a space, and never inside a character.
   */
  chunk(text: string, options: ChunkOptions = {}): string[] {
    const maxBytes = Math.max(4, Math.floor(options.maxBytes ?? this.getProfile().maxPayloadBytes));
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

  /** How full the lines of a wrap result are (percentages 0–100, and the pixels left over on all lines). */
  calculateUtilization(result: Pick<WrapResult, 'lines' | 'lineMetrics'>): LineUtilization {
    const metrics = result.lineMetrics;
    if (result.lines.length === 0 || metrics.length === 0) return { averageUtilization: 0, minUtilization: 0, maxUtilization: 0, totalWastedPx: 0 };
    const width = this.getProfile().displayWidthPx;
    let total = 0;
    let min = 100;
    let max = 0;
    let wasted = 0;
    for (const m of metrics) {
      total += m.utilizationPercent;
      min = Math.min(min, m.utilizationPercent);
      max = Math.max(max, m.utilizationPercent);
      wasted += width - m.widthPx;
    }
    return { averageUtilization: Math.round(total / metrics.length), minUtilization: min, maxUtilization: max, totalWastedPx: wasted };
  }

  /** Exactly `targetCount` lines: cut, or padded with empty lines at the end (or, with `padAtEnd` false, the start). */
  padToLineCount(lines: string[], targetCount: number, padAtEnd = true): string[] {
    if (lines.length >= targetCount) return lines.slice(0, Math.max(0, targetCount));
    const padding = new Array<string>(targetCount - lines.length).fill('');
    return padAtEnd ? [...lines, ...padding] : [...padding, ...lines];
  }

  joinLines(lines: string[]): string {
    return lines.join('\n');
  }
}
