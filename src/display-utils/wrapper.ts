/**
 * Line wrapping to a display's width, line count and payload size.
 *
 * Break modes:
 * - `character` (default): fill each line; a word that does not fit is split with a hyphen once at
 *   least `minCharsBeforeHyphen` characters fit on the line (best use of the small display);
 * - `word`: break at spaces; only a word longer than a whole line is split with a hyphen;
 * - `strict-word`: break at spaces; a word longer than a line is split without a hyphen.
 * CJK, kana and Korean break between any two characters and never take a hyphen. In every mode no
 * line is wider than `maxWidthPx` (unless it is narrower than a single character).
 */
import { utf8ByteLength as utf8, type TextMeasurer } from './measurer';
import { isBreakAnywhere, needsHyphenForBreak } from './scripts';

export type BreakMode = 'character' | 'word' | 'strict-word';

export interface WrapOptions {
  /** Line width in pixels (default: the profile's display width). */
  maxWidthPx?: number;
  /** Lines kept (default: the profile's `maxLines`; `Infinity` for no limit). Extra lines set `truncated`. */
  maxLines?: number;
  /** UTF-8 bytes of the joined lines (default: the profile's `maxPayloadBytes`; `Infinity` for no limit). */
  maxBytes?: number;
  breakMode: BreakMode;
  hyphenChar: string;
  minCharsBeforeHyphen: number;
  /** Remove spaces at the start and end of lines. */
  trimLines: boolean;
  /** Keep the text's own line breaks (otherwise they count as spaces). */
  preserveNewlines: boolean;
}

export const DEFAULT_WRAP_OPTIONS: Readonly<WrapOptions> = Object.freeze({
  breakMode: 'character',
  hyphenChar: '-',
  minCharsBeforeHyphen: 3,
  trimLines: true,
  preserveNewlines: true,
});

export interface LineMetrics {
  text: string;
  widthPx: number;
  bytes: number;
  /** Share of the line width used, 0–100. */
  utilizationPercent: number;
}

export interface WrapResult {
  lines: string[];
  /** True when lines or bytes were cut to fit `maxLines` / `maxBytes`. */
  truncated: boolean;
  lineMetrics: LineMetrics[];
  totalBytes: number;
  /** Lines before any truncation. */
  totalLinesBeforeTruncation: number;
  originalText: string;
}

type Token = { kind: 'space' } | { kind: 'word'; text: string } | { kind: 'char'; text: string };

export class TextWrapper {
  readonly options: Readonly<WrapOptions>;

  constructor(readonly measurer: TextMeasurer, options: Partial<WrapOptions> = {}) {
    this.options = { ...DEFAULT_WRAP_OPTIONS, ...options };
  }

  /** Wraps `text`; `overrides` apply to this call only. */
  wrap(text: string, overrides: Partial<WrapOptions> = {}): WrapResult {
    const o = { ...this.options, ...overrides };
    const profile = this.measurer.profile;
    const maxWidth = o.maxWidthPx ?? profile.displayWidthPx;
    const maxLines = o.maxLines ?? profile.maxLines;
    const maxBytes = o.maxBytes ?? profile.maxPayloadBytes;
    const source = String(text ?? '').replace(/\r\n?/g, '\n');
    const paragraphs = o.preserveNewlines ? source.split('\n') : [source.replace(/\n/g, ' ')];
    let lines: string[] = [];
    for (const p of paragraphs) lines.push(...this.wrapParagraph(p, maxWidth, o));
    const before = lines.length;
    let truncated = false;
    if (lines.length > maxLines) {
      lines = lines.slice(0, Math.max(0, maxLines));
      truncated = true;
    }
    while (lines.length > 0 && utf8(lines.join('\n')) > maxBytes) {
      lines.pop();
      truncated = true;
    }
    const lineMetrics = lines.map((line) => {
      const widthPx = this.measurer.measureText(line);
      return { text: line, widthPx, bytes: utf8(line), utilizationPercent: maxWidth > 0 ? Math.round((widthPx / maxWidth) * 100) : 0 };
    });
    return { lines, truncated, lineMetrics, totalBytes: utf8(lines.join('\n')), totalLinesBeforeTruncation: before, originalText: String(text ?? '') };
  }

  /** Just the lines. */
  wrapToLines(text: string, overrides: Partial<WrapOptions> = {}): string[] {
    return this.wrap(text, overrides).lines;
  }

  private wrapParagraph(text: string, maxWidth: number, o: WrapOptions): string[] {
    const m = this.measurer;
    const lines: string[] = [];
    const hyphenWidth = m.measureText(o.hyphenChar);
    let line = '';
    let width = 0;
    const push = () => {
      const out = o.trimLines ? line.replace(/ +$/, '') : line;
      lines.push(out);
      line = '';
      width = 0;
    };
    const add = (s: string, w: number) => {
      line += s;
      width += w;
    };

    for (const token of tokenize(text)) {
      if (token.kind === 'space') {
        if (line === '' && o.trimLines) continue;
        const w = m.getSpaceWidth();
        if (width + w > maxWidth) push();
        else add(' ', w);
        continue;
      }
      const w = m.measureText(token.text);
      if (width + w <= maxWidth) {
        add(token.text, w);
        continue;
      }
      if (token.kind === 'char') {
        if (line !== '') push();
        add(token.text, w);
        continue;
      }
      // A word that does not fit on the current line.
      let rest = token.text;
      if (o.breakMode !== 'character' || !this.canSplitHere(rest, maxWidth - width - hyphenWidth, o)) {
        if (line.trim() !== '') push();
        else {
          line = '';
          width = 0;
        }
        if (m.measureText(rest) <= maxWidth) {
          add(rest, m.measureText(rest));
          continue;
        }
      }
      // Split the word over lines: with a hyphen, except in strict-word mode.
      const hyphen = o.breakMode === 'strict-word' ? '' : o.hyphenChar;
      while (m.measureText(rest) > maxWidth - width) {
        const mark = hyphen && needsHyphenForBreak(rest) ? hyphen : '';
        let n = m.charsThatFit(rest, maxWidth - width - (mark ? hyphenWidth : 0));
        if (n === 0 && line === '') n = firstCharLength(rest);
        if (n === 0) {
          push();
          continue;
        }
        add(rest.slice(0, n) + mark, 0);
        rest = rest.slice(n);
        push();
      }
      if (rest) add(rest, m.measureText(rest));
    }
    if (line !== '' || lines.length === 0) push();
    return lines;
  }

  /** In character mode, is it worth splitting `word` into the room left on this line? */
  private canSplitHere(word: string, room: number, o: WrapOptions): boolean {
    if (room <= 0) return false;
    const n = this.measurer.charsThatFit(word, room);
    return n >= Math.max(1, o.minCharsBeforeHyphen) && n < word.length;
  }
}

/** Spaces, words (runs of other characters) and break-anywhere characters (CJK, kana, Korean). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flush = () => {
    if (word) tokens.push({ kind: 'word', text: word });
    word = '';
  };
  for (const c of text) {
    if (c === ' ' || c === '\t') {
      flush();
      if (tokens[tokens.length - 1]?.kind !== 'space') tokens.push({ kind: 'space' });
    } else if (isBreakAnywhere(c)) {
      flush();
      tokens.push({ kind: 'char', text: c });
    } else word += c;
  }
  flush();
  return tokens;
}

function firstCharLength(s: string): number {
  const cp = s.codePointAt(0);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
}
