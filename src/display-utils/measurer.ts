/** Pixel widths of text on a display profile. Pure; widths are cached per character. */
import type { DisplayProfile } from './profiles';
import { detectScript } from './scripts';

export class TextMeasurer {
  private readonly cache = new Map<string, number>();

  constructor(readonly profile: DisplayProfile) {}

  getProfile(): DisplayProfile {
    return this.profile;
  }

  getDisplayWidthPx(): number {
    return this.profile.displayWidthPx;
  }

  /** Rendered width of one character (the first code point of `char`); line breaks are 0 wide. */
  measureChar(char: string): number {
    const cached = this.cache.get(char);
    if (cached !== undefined) return cached;
    const width = this.computeWidth(char);
    this.cache.set(char, width);
    return width;
  }

  /** Rendered width of a string, in pixels. */
  measureText(text: string): number {
    let width = 0;
    for (const c of text) width += this.measureChar(c);
    return width;
  }

  fitsInWidth(text: string, maxWidthPx: number = this.profile.displayWidthPx): boolean {
    return this.measureText(text) <= maxWidthPx;
  }

  /**
   * How much of the start of `text` fits in `maxWidthPx`, as a length in UTF-16 units, so that
   * `text.slice(0, n)` is the part that fits (surrogate pairs are never split).
   */
  charsThatFit(text: string, maxWidthPx: number = this.profile.displayWidthPx): number {
    let width = 0;
    let length = 0;
    for (const c of text) {
      width += this.measureChar(c);
      if (width > maxWidthPx) break;
      length += c.length;
    }
    return length;
  }

  getSpaceWidth(): number {
    return this.measureChar(' ');
  }

  getHyphenWidth(hyphen = '-'): number {
    return this.measureText(hyphen);
  }

  private computeWidth(char: string): number {
    if (char === '\n' || char === '\r') return 0;
    const font = this.profile.fontMetrics;
    const columns = font.glyphWidths.get(char);
    if (columns !== undefined) return font.renderFormula(columns);
    const script = detectScript(char);
    switch (script) {
      case 'cjk':
      case 'hiragana':
      case 'katakana':
      case 'korean':
      case 'cyrillic':
        return font.uniformScripts[script];
      case 'unsupported':
        return font.fallback.unsupported;
      default:
        return font.fallback.latinMaxWidth;
    }
  }
}

/** UTF-8 length of a string in bytes (no Buffer or TextEncoder needed, so it runs anywhere). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
