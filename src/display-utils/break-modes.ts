/**
 * The published line-breaking rules of `character` and `word` mode, for one paragraph (no line breaks)
 * that is wider than the line. Written on characters (code points), so an emoji is never cut in half;
 * for other text the lines are the published ones. Two fixes: word mode never puts a space between two
 * CJK characters that had none, and a hyphen that would push a very narrow line past its width is left out.
 */
import type { TextMeasurer } from './measurer';
import { isCJKCharacter, needsHyphenForBreak } from './scripts';

export interface BreakOptions {
  hyphenChar: string;
  minCharsBeforeHyphen: number;
  trimLines: boolean;
}

interface Backoff {
  line: string[];
  remainder: string[];
  /** The line now ends at a space: a natural break, no hyphen. */
  atSpace: boolean;
}

const text = (chars: readonly string[]): string => chars.join('');

/** Fills every line, breaking inside words (with a hyphen where the scripts need one, unless `hyphenate` is false). */
export function breakCharacters(m: TextMeasurer, paragraph: string, maxWidthPx: number, o: BreakOptions, hyphenate = true): string[] {
  const lines: string[] = [];
  const hyphenWidth = m.measureText(o.hyphenChar);
  let line: string[] = [];
  let width = 0;
  for (const c of paragraph) {
    const w = m.measureChar(c);
    if (width + w <= maxWidthPx) {
      line.push(c);
      width += w;
      continue;
    }
    const before = line.length > 0 ? line[line.length - 1] : '';
    if (hyphenate && line.length >= o.minCharsBeforeHyphen && needsHyphenForBreak(before, c)) {
      const cut = backoff(m, line, width, maxWidthPx, hyphenWidth, o);
      lines.push(withHyphen(m, cut, maxWidthPx, o));
      line = [...cut.remainder, c];
      width = m.measureText(text(line));
    } else {
      const done = o.trimLines ? text(line).trimEnd() : text(line);
      if (done) lines.push(done);
      line = c === ' ' ? [] : [c];
      width = c === ' ' ? 0 : w;
    }
  }
  const last = o.trimLines ? text(line).trim() : text(line);
  if (last) lines.push(last);
  return lines.length > 0 ? lines : [''];
}

/** Breaks between words; a word longer than the line is split with hyphens. CJK characters are words of their own. */
export function breakWords(m: TextMeasurer, paragraph: string, maxWidthPx: number, o: BreakOptions): string[] {
  const lines: string[] = [];
  const spaceWidth = m.getSpaceWidth();
  let line = '';
  let width = 0;
  const flush = () => {
    if (line.length > 0) lines.push(o.trimLines ? line.trim() : line);
    line = '';
    width = 0;
  };
  for (const { word, spaced } of splitWords(paragraph)) {
    const w = m.measureText(word);
    const gap = line.length > 0 && spaced ? spaceWidth : 0;
    if (width + gap + w <= maxWidthPx) {
      line += (gap > 0 ? ' ' : '') + word;
      width += gap + w;
      continue;
    }
    flush();
    if (w > maxWidthPx) {
      const pieces = hyphenateWord(m, word, maxWidthPx, o);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1];
      width = m.measureText(line);
    } else {
      line = word;
      width = w;
    }
  }
  const last = o.trimLines ? line.trim() : line;
  if (last) lines.push(last);
  return lines.length > 0 ? lines : [''];
}

/** Words split at spaces and tabs, each CJK character a word; `spaced`: whitespace came before it. */
function splitWords(paragraph: string): Array<{ word: string; spaced: boolean }> {
  const words: Array<{ word: string; spaced: boolean }> = [];
  let word = '';
  let spaced = false;
  const flush = () => {
    if (word) words.push({ word, spaced });
    word = '';
    spaced = false;
  };
  for (const c of paragraph) {
    if (c === ' ' || c === '\t') {
      flush();
      spaced = true;
    } else if (isCJKCharacter(c)) {
      const wasSpaced = word === '' ? spaced : false;
      flush();
      words.push({ word: c, spaced: wasSpaced });
    } else {
      word += c;
    }
  }
  flush();
  return words;
}

/** A word wider than the line, in pieces that each fit with their hyphen. */
function hyphenateWord(m: TextMeasurer, word: string, maxWidthPx: number, o: BreakOptions): string[] {
  const pieces: string[] = [];
  const hyphenWidth = m.measureText(o.hyphenChar);
  const chars = Array.from(word);
  let line: string[] = [];
  let width = 0;
  chars.forEach((c, i) => {
    const w = m.measureChar(c);
    const needed = i === chars.length - 1 ? w : w + hyphenWidth;
    if (width + needed <= maxWidthPx) {
      line.push(c);
      width += w;
    } else if (line.length >= o.minCharsBeforeHyphen) {
      const cut = backoff(m, line, width, maxWidthPx, hyphenWidth, o);
      pieces.push(withHyphen(m, cut, maxWidthPx, o));
      line = [...cut.remainder, c];
      width = m.measureText(text(line));
    } else {
      if (line.length > 0) pieces.push(text(line));
      line = [c];
      width = w;
    }
  });
  if (line.length > 0) pieces.push(text(line));
  return pieces.length > 0 ? pieces : [word];
}

/** Moves characters from the end of the line to the next until the hyphen fits, stopping early at a space. */
function backoff(m: TextMeasurer, line: readonly string[], lineWidth: number, maxWidthPx: number, hyphenWidth: number, o: BreakOptions): Backoff {
  const kept = [...line];
  const remainder: string[] = [];
  let width = lineWidth;
  while (width + hyphenWidth > maxWidthPx && kept.length > o.minCharsBeforeHyphen) {
    const last = kept.pop()!;
    width -= m.measureChar(last);
    remainder.unshift(last);
    if (kept.length > 0 && kept[kept.length - 1] === ' ') {
      while (kept.length > 0 && /\s/.test(kept[kept.length - 1])) kept.pop();
      return { line: kept, remainder, atSpace: true };
    }
  }
  return { line: kept, remainder, atSpace: false };
}

function withHyphen(m: TextMeasurer, cut: Backoff, maxWidthPx: number, o: BreakOptions): string {
  const line = text(cut.line);
  if (cut.atSpace) return line;
  return m.measureText(line + o.hyphenChar) <= maxWidthPx ? line + o.hyphenChar : line;
}
