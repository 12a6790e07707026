/**
 * Line wrapping to a display's width, line count and payload size, with the published break modes:
 * - `character` (default): fill each line, breaking inside a word once the line holds at least
 *   `minCharsBeforeHyphen` characters, with a hyphen unless the break is next to a space, a dash or a CJK
 *   character (best use of the small display);
 * - `word`: break at spaces; only a word longer than a whole line is split with hyphens;
 * - `character-no-hyphen` (added with the 3.0.0-hono release): fill each line like `character`, breaking
 *   inside a word without a hyphen;
 * - `strict-word`: break at spaces, never a hyphen; a word longer than a line is split without one.
 * The rules of the first two are in break-modes.ts. A paragraph that fits is kept whole.
 */
import { utf8ByteLength as utf8, type TextMeasurer } from './measurer';
import { breakCharacters, breakWords } from './break-modes';
import { isBreakAnywhere } from './scripts';

export type BreakMode = 'character' | 'character-no-hyphen' | 'word' | 'strict-word';

export interface WrapOptions {
  /** Line width in pixels (default: the profile's display width). */
  maxWidthPx?: number;
  /** Lines kept (default: the profile's `maxLines`; `Infinity` for no limit). Extra lines set `truncated`. */
  maxLines?: number;
  /** UTF-8 bytes of the joined lines (default: the profile's `maxPayloadBytes`; `Infinity` for no limit). */
  maxBytes?: number;
  /** Default `'character'`. */
  breakMode?: BreakMode;
  /** Default `'-'`. */
  hyphenChar?: string;
  /** Default 3. */
  minCharsBeforeHyphen?: number;
  /** Remove spaces at the start and end of lines (default true). */
  trimLines?: boolean;
  /** Keep the text's own line breaks, otherwise they count as spaces (default true). */
  preserveNewlines?: boolean;
}

export const DEFAULT_WRAP_OPTIONS: Required<Omit<WrapOptions, 'maxWidthPx' | 'maxLines' | 'maxBytes'>> = {
  breakMode: 'character',
  hyphenChar: '-',
  minCharsBeforeHyphen: 3,
  trimLines: true,
  preserveNewlines: true,
};

export interface LineMetrics {
  text: string;
  widthPx: number;
  bytes: number;
  /** Share of the line width used, 0–100. */
  utilizationPercent: number;
  /** The line ends in a hyphen added by the wrapper (a word continues on the next line). */
  endsWithHyphen: boolean;
  /** The line is the first after a line break of the text itself. */
  fromExplicitNewline: boolean;
}

export interface WrapResult {
  lines: string[];
  /** True when lines or bytes were cut to fit `maxLines` / `maxBytes`. */
  truncated: boolean;
  /** Width of the widest line, in pixels. */
  maxLineWidthPx: number;
  lineMetrics: LineMetrics[];
  /** UTF-8 bytes of the lines joined with `\n`. */
  totalBytes: number;
  /** Lines before any truncation. */
  totalLinesBeforeTruncation: number;
  originalText: string;
  breakMode: BreakMode;
}

type Resolved = Required<WrapOptions>;

interface Line {
  text: string;
  hyphenated: boolean;
  fromExplicitNewline: boolean;
}

type Token = { kind: 'space' } | { kind: 'word'; text: string } | { kind: 'char'; text: string };

export class TextWrapper {
  /** The defaults of this wrapper (each `wrap` call may override them). */
  readonly options: Readonly<Resolved>;

  constructor(
    readonly measurer: TextMeasurer,
    options: WrapOptions = {},
  ) {
    const profile = measurer.getProfile();
    this.options = {
      maxWidthPx: profile.displayWidthPx,
      maxLines: profile.maxLines,
      maxBytes: profile.maxPayloadBytes,
      ...DEFAULT_WRAP_OPTIONS,
      ...definedOnly(options),
    };
  }

  /** A copy of this wrapper's default options. */
  getOptions(): Required<WrapOptions> {
    return { ...this.options };
  }

  getMeasurer(): TextMeasurer {
    return this.measurer;
  }

  /** True when `text` is wider than one line or holds a line break. */
  needsWrap(text: string, maxWidthPx: number = this.options.maxWidthPx): boolean {
    return this.measurer.measureText(text) > maxWidthPx || text.includes('\n');
  }

  /** Wraps `text`; `overrides` apply to this call only. */
  wrap(text: string, overrides: WrapOptions = {}): WrapResult {
    const o: Resolved = { ...this.options, ...definedOnly(overrides) };
    const maxWidth = o.maxWidthPx;
    const source = String(text ?? '').replace(/\r\n?/g, '\n');
    const paragraphs = o.preserveNewlines ? source.split('\n') : [source.replace(/\n/g, ' ')];
    let lines: Line[] = [];
    paragraphs.forEach((p, index) => {
      const wrapped = this.wrapParagraph(p, maxWidth, o);
      wrapped.forEach((line, i) =>
        lines.push({
          text: line,
          hyphenated: i < wrapped.length - 1 && o.hyphenChar !== '' && line.endsWith(o.hyphenChar),
          fromExplicitNewline: index > 0 && i === 0,
        }),
      );
    });
    const before = lines.length;
    let truncated = false;
    if (lines.length > o.maxLines) {
      lines = lines.slice(0, Math.max(0, o.maxLines));
      truncated = true;
    }
    const joinedBytes = () => utf8(lines.map((l) => l.text).join('\n'));
    while (lines.length > 0 && joinedBytes() > o.maxBytes) {
      lines.pop();
      truncated = true;
    }
    const lineMetrics = lines.map((line): LineMetrics => {
      const widthPx = this.measurer.measureText(line.text);
      return {
        text: line.text,
        widthPx,
        bytes: utf8(line.text),
        utilizationPercent: maxWidth > 0 ? Math.round((widthPx / maxWidth) * 100) : 0,
        endsWithHyphen: line.hyphenated,
        fromExplicitNewline: line.fromExplicitNewline,
      };
    });
    return {
      lines: lines.map((l) => l.text),
      truncated,
      maxLineWidthPx: lineMetrics.reduce((max, l) => Math.max(max, l.widthPx), 0),
      lineMetrics,
      totalBytes: joinedBytes(),
      totalLinesBeforeTruncation: before,
      originalText: String(text ?? ''),
      breakMode: o.breakMode,
    };
  }

  /** Just the lines. */
  wrapToLines(text: string, overrides: WrapOptions = {}): string[] {
    return this.wrap(text, overrides).lines;
  }

  /** One paragraph: trimmed, kept whole when it fits, else broken by the mode's rules. */
  private wrapParagraph(paragraph: string, maxWidth: number, o: Resolved): string[] {
    const text = o.trimLines ? paragraph.trim() : paragraph;
    if (!text) return [''];
    if (this.measurer.fitsInWidth(text, maxWidth)) return [text];
    if (o.breakMode === 'word') return breakWords(this.measurer, text, maxWidth, o);
    if (o.breakMode === 'strict-word') return this.wrapStrictWords(text, maxWidth, o);
    return breakCharacters(this.measurer, text, maxWidth, o, o.breakMode !== 'character-no-hyphen');
  }

  /**
   * Strict-word mode: breaks at spaces only and never adds a hyphen. A word longer than a whole line is
   * split without a hyphen (the published mode lets it overflow the display, where it would be cut).
   */
  private wrapStrictWords(text: string, maxWidth: number, o: Resolved): string[] {
    const m = this.measurer;
    const lines: string[] = [];
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
      // A word that does not fit on the current line: on a line of its own, split (without a hyphen) if it is wider.
      let rest = token.text;
      if (line.trim() !== '') push();
      else {
        line = '';
        width = 0;
      }
      while (m.measureText(rest) > maxWidth - width) {
        let n = fitLength(m, rest, maxWidth - width);
        if (n === 0 && line === '') n = firstCharLength(rest);
        if (n === 0) {
          push();
          continue;
        }
        add(rest.slice(0, n), 0);
        rest = rest.slice(n);
        push();
      }
      if (rest) add(rest, m.measureText(rest));
    }
    if (line !== '' || lines.length === 0) push();
    return lines;
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

/** How much of the start of `s` fits in `maxWidthPx`, in UTF-16 units (so `s.slice(0, n)` fits). */
function fitLength(m: TextMeasurer, s: string, maxWidthPx: number): number {
  let width = 0;
  let length = 0;
  for (const c of s) {
    width += m.measureChar(c);
    if (width > maxWidthPx) break;
    length += c.length;
  }
  return length;
}

/** Options without the keys set to `undefined`, so they do not hide the defaults. */
function definedOnly(options: WrapOptions): WrapOptions {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options ?? {})) if (value !== undefined) out[key] = value;
  return out as WrapOptions;
}
