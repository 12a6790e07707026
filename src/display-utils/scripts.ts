/**
 * Which writing system a character belongs to, as far as line breaking on glasses cares: Latin and
 * Cyrillic words break with a hyphen; CJK and kana break between any two characters, without one;
 * Arabic, Hebrew, Thai and emoji are scripts the G1 font cannot draw ("unsupported").
 */
import type { ScriptType } from './profiles';

export type { ScriptType } from './profiles';

type Range = readonly [number, number];

/** Unicode ranges (inclusive code points) used to classify characters, as published. */
export const SCRIPT_RANGES = {
  /** CJK ideographs. */
  cjk: [
    [0x4e00, 0x9fff],
    [0x3400, 0x4dbf],
    [0x20000, 0x2a6df],
    [0x2a700, 0x2b73f],
    [0x2b740, 0x2b81f],
    [0xf900, 0xfaff],
  ],
  /** Hiragana. */
  hiragana: [[0x3040, 0x309f]],
  /** Katakana. */
  katakana: [
    [0x30a0, 0x30ff],
    [0x31f0, 0x31ff],
  ],
  /** Korean (Hangul). */
  korean: [
    [0xac00, 0xd7af],
    [0x1100, 0x11ff],
    [0x3130, 0x318f],
    [0xa960, 0xa97f],
    [0xd7b0, 0xd7ff],
  ],
  /** Cyrillic. */
  cyrillic: [
    [0x0400, 0x04ff],
    [0x0500, 0x052f],
  ],
  /** ASCII digits. */
  numbers: [[0x30, 0x39]],
  /** Punctuation. */
  punctuation: [
    [0x20, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  /** Arabic. */
  arabic: [[0x0600, 0x06ff]],
  /** Hebrew. */
  hebrew: [[0x0590, 0x05ff]],
  /** Thai. */
  thai: [[0x0e00, 0x0e7f]],
  /** Emoji. */
  emoji: [
    [0x1f600, 0x1f64f],
    [0x1f300, 0x1f5ff],
    [0x1f680, 0x1f6ff],
    [0x1f1e0, 0x1f1ff],
    [0x2600, 0x26ff],
    [0x2700, 0x27bf],
    [0xfe00, 0xfe0f],
    [0x1f900, 0x1f9ff],
  ],
} as const;

/** In this order the first matching range decides the script. */
const ORDERED: ReadonlyArray<readonly [ScriptType, readonly Range[]]> = [
  ['cjk', SCRIPT_RANGES.cjk],
  ['hiragana', SCRIPT_RANGES.hiragana],
  ['katakana', SCRIPT_RANGES.katakana],
  ['korean', SCRIPT_RANGES.korean],
  ['cyrillic', SCRIPT_RANGES.cyrillic],
  ['numbers', SCRIPT_RANGES.numbers],
  ['punctuation', SCRIPT_RANGES.punctuation],
  ['unsupported', [...SCRIPT_RANGES.arabic, ...SCRIPT_RANGES.hebrew, ...SCRIPT_RANGES.thai, ...SCRIPT_RANGES.emoji]],
];

const SCRIPT_NAMES = new Set<string>(['latin', ...ORDERED.map(([s]) => s)]);
const UNIFORM = new Set<ScriptType>(['cjk', 'hiragana', 'katakana', 'korean', 'cyrillic']);
const CJK = new Set<ScriptType>(['cjk', 'hiragana', 'katakana']);
const NO_HYPHEN = new Set<ScriptType>(['cjk', 'hiragana', 'katakana', 'korean']);
/** Characters after which a line may break without adding a hyphen. */
const BREAK_AFTER = new Set(['-', '–', '—', '/', '\\', '|']);

function inRanges(cp: number, ranges: readonly Range[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** The script of a character (the first code point of `char`); anything unclassified, and '', is 'latin'. */
export function detectScript(char: string): ScriptType {
  const cp = char ? char.codePointAt(0) : undefined;
  if (cp === undefined) return 'latin';
  for (const [script, ranges] of ORDERED) if (inRanges(cp, ranges)) return script;
  return 'latin';
}

/** Chinese/Japanese ideographs and kana (Korean has its own check). */
export function isCJKCharacter(char: string): boolean {
  return CJK.has(detectScript(char));
}

/** Whether a character is Korean (Hangul). */
export function isKoreanCharacter(char: string): boolean {
  return detectScript(char) === 'korean';
}

function scriptOf(scriptOrChar: ScriptType | string): ScriptType {
  return SCRIPT_NAMES.has(scriptOrChar) ? (scriptOrChar as ScriptType) : detectScript(scriptOrChar);
}

/** Every character of the script has the same width (CJK, kana, Korean, Cyrillic). Takes a character or a script name. */
export function isUniformWidthScript(scriptOrChar: ScriptType | string): boolean {
  return UNIFORM.has(scriptOf(scriptOrChar));
}

/** The G1 font cannot draw it (Arabic, Hebrew, Thai, emoji). Takes a character or a script name. */
export function isUnsupportedScript(scriptOrChar: ScriptType | string): boolean {
  return scriptOf(scriptOrChar) === 'unsupported';
}

/**
 * Does a line break between `charBefore` and `charAfter` need a hyphen? Not next to a CJK character or
 * a space, nor after a dash, slash, backslash or bar (the published rule).
 * With one argument (a character or a script name): does breaking a word of that script need a hyphen
 * (false for CJK, kana and Korean)?
 */
export function needsHyphenForBreak(charBefore: string, charAfter?: string): boolean {
  if (charAfter === undefined) return !NO_HYPHEN.has(scriptOf(charBefore));
  if (isCJKCharacter(charBefore) || isCJKCharacter(charAfter)) return false;
  if (charBefore === ' ' || charBefore === '\t' || charAfter === ' ' || charAfter === '\t') return false;
  return !BREAK_AFTER.has(charBefore);
}

/** A character that may stand alone on either side of a line break (CJK, kana, Korean). */
export function isBreakAnywhere(char: string): boolean {
  return NO_HYPHEN.has(detectScript(char));
}
