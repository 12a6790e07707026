/** Pixel widths of text on a display profile. Pure; widths are cached per character. */
import type { DisplayProfile, ScriptType } from './profiles';
import { detectScript, isUniformWidthScript } from './scripts';

/** One character's measurement. */
export interface CharMeasurement {
  /** The character. */
  char: string;
  /** Rendered width in pixels. */
  widthPx: number;
  /** The character's script. */
  script: ScriptType;
  /** The width came from the profile's glyph table (not a uniform-script width or the fallback). */
  fromGlyphMap: boolean;
}

/** A string's measurement, character by character. */
export interface TextMeasurement {
  /** The text measured. */
  text: string;
  /** Rendered width in pixels. */
  totalWidthPx: number;
  /** Characters (code points), not UTF-16 units. */
  charCount: number;
  /** Each character's measurement, when asked for. */
  chars?: CharMeasurement[];
}

/**
 * Measures text in pixels on one display profile. Pure; widths are cached per character.
 *
 * @example
 * ```ts
 * const measurer = new TextMeasurer(G1_PROFILE);
 * measurer.measureText('Hello'); // rendered pixels
 * ```
 */
export class TextMeasurer {
  private readonly cache = new Map<string, number>();

  /**
   * Creates a measurer for one display profile.
   *
   * @param profile - The display profile to measure for.
   */
  constructor(readonly profile: DisplayProfile) {}

  /** The display profile. */
  getProfile(): DisplayProfile {
    return this.profile;
  }

  /** The display width in pixels. */
  getDisplayWidthPx(): number {
    return this.profile.displayWidthPx;
  }

  /** Lines the display shows. */
  getMaxLines(): number {
    return this.profile.maxLines;
  }

  /** Largest text payload per display update, in UTF-8 bytes. */
  getMaxPayloadBytes(): number {
    return this.profile.maxPayloadBytes;
  }

  /** Rendered width of one character (the first code point of `char`); '' and line breaks are 0 wide. */
  measureChar(char: string): number {
    if (!char) return 0;
    const cached = this.cache.get(char);
    if (cached !== undefined) return cached;
    const width = this.computeWidth(char);
    this.cache.set(char, width);
    return width;
  }

  /** Rendered width of a string, in pixels. */
  measureText(text: string): number {
    if (!text) return 0;
    let width = 0;
    for (const c of text) width += this.measureChar(c);
    return width;
  }

  /** The width of `text` with each character's width, script and source. */
  measureTextDetailed(text: string): TextMeasurement {
    const chars: CharMeasurement[] = [];
    let totalWidthPx = 0;
    for (const char of text ?? '') {
      const widthPx = this.measureChar(char);
      chars.push({ char, widthPx, script: detectScript(char), fromGlyphMap: this.profile.fontMetrics.glyphWidths.has(char) });
      totalWidthPx += widthPx;
    }
    return { text: text || '', totalWidthPx, charCount: chars.length, chars };
  }

  /** The glyph's width in font columns (before the render formula), or undefined when it is not in the table. */
  getGlyphWidth(char: string): number | undefined {
    return this.profile.fontMetrics.glyphWidths.get(char);
  }

  /** Whether `text` fits in `maxWidthPx` (the display width by default). */
  fitsInWidth(text: string, maxWidthPx: number = this.profile.displayWidthPx): boolean {
    return this.measureText(text) <= maxWidthPx;
  }

  /**
   * How many characters (code points) of `text`, from character `startIndex` on, fit in `maxWidthPx`.
   * `Array.from(text).slice(startIndex, startIndex + n)` is the part that fits.
   */
  charsThatFit(text: string, maxWidthPx: number = this.profile.displayWidthPx, startIndex = 0): number {
    if (!text || startIndex >= text.length) return 0;
    let width = 0;
    let count = 0;
    let index = 0;
    for (const c of text) {
      if (index++ < startIndex) continue;
      const w = this.measureChar(c);
      if (width + w > maxWidthPx) break;
      width += w;
      count++;
    }
    return count;
  }

  /** Pixels from the start of `text` to character (code point) `index`. */
  getPixelOffset(text: string, index: number): number {
    if (!text || index <= 0) return 0;
    let offset = 0;
    let i = 0;
    for (const c of text) {
      if (i++ >= index) break;
      offset += this.measureChar(c);
    }
    return offset;
  }

  /** The script of a character. */
  detectScript(char: string): ScriptType {
    return detectScript(char);
  }

  /** CJK, kana, Korean or Cyrillic: scripts whose characters all have one width. */
  isUniformWidth(char: string): boolean {
    return isUniformWidthScript(detectScript(char));
  }

  /** UTF-8 length of `text` in bytes. */
  getByteSize(text: string): number {
    return utf8ByteLength(text);
  }

  /** Rendered width of a space. */
  getSpaceWidth(): number {
    return this.measureChar(' ');
  }

  /** Rendered width of a hyphen (`-` unless another is given). */
  getHyphenWidth(hyphen = '-'): number {
    return this.measureText(hyphen);
  }

  /** Forgets the cached widths (after changing the profile's metrics at run time). */
  clearCache(): void {
    this.cache.clear();
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
        return font.fallback.unsupported ?? font.fallback.latinMaxWidth;
      default:
        return font.fallback.latinMaxWidth;
    }
  }
}

/** UTF-8 length of a string in bytes (no Buffer or TextEncoder needed, so it runs anywhere). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const c of text ?? '') {
    const cp = c.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}
