/**
 * Which writing system a character belongs to, as far as line breaking on glasses cares: Latin and
 * Cyrillic words break with a hyphen; CJK and Korean break between any two characters, without one;
 * a few scripts the G1 font cannot draw are reported as unsupported.
 */

export type ScriptType = 'latin' | 'cyrillic' | 'cjk' | 'hiragana' | 'katakana' | 'korean' | 'unsupported' | 'other';

type Range = readonly [number, number];

/** Unicode ranges (inclusive code points) per script. */
export const SCRIPT_RANGES: Readonly<Record<Exclude<ScriptType, 'other'>, readonly Range[]>> = {
  latin: [[0x0020, 0x007e], [0x00a0, 0x024f], [0x1e00, 0x1eff]],
  cyrillic: [[0x0400, 0x04ff], [0x0500, 0x052f]],
  cjk: [
    [0x4e00, 0x9fff], [0x3400, 0x4dbf], [0x20000, 0x2a6df], [0xf900, 0xfaff], // ideographs
    [0x3000, 0x303f], [0xff00, 0xffef], // CJK punctuation, full-width forms
  ],
  hiragana: [[0x3040, 0x309f]],
  katakana: [[0x30a0, 0x30ff], [0x31f0, 0x31ff]],
  korean: [[0xac00, 0xd7af], [0x1100, 0x11ff], [0x3130, 0x318f]],
  unsupported: [
    [0x0590, 0x05ff], [0x0600, 0x06ff], [0x0750, 0x077f], // Hebrew, Arabic
    [0x0900, 0x097f], [0x0e00, 0x0e7f], // Devanagari, Thai
    [0x1f300, 0x1faff], [0x2600, 0x27bf], // emoji and pictographs
  ],
};

const ORDER = Object.keys(SCRIPT_RANGES) as Array<Exclude<ScriptType, 'other'>>;
const SCRIPT_NAMES = new Set<string>([...ORDER, 'other']);
const UNIFORM = new Set<ScriptType>(['cjk', 'hiragana', 'katakana', 'korean', 'cyrillic']);
const NO_HYPHEN = new Set<ScriptType>(['cjk', 'hiragana', 'katakana', 'korean']);

function inRanges(cp: number, ranges: readonly Range[]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** The script of a character (the first code point of `char`). */
export function detectScript(char: string): ScriptType {
  const cp = char.codePointAt(0);
  if (cp === undefined) return 'other';
  for (const script of ORDER) if (inRanges(cp, SCRIPT_RANGES[script])) return script;
  return 'other';
}

/** Chinese/Japanese ideographs, kana, CJK punctuation and full-width forms (Korean has its own check). */
export function isCJKCharacter(char: string): boolean {
  const s = detectScript(char);
  return s === 'cjk' || s === 'hiragana' || s === 'katakana';
}

export function isKoreanCharacter(char: string): boolean {
  return detectScript(char) === 'korean';
}

function scriptOf(scriptOrChar: ScriptType | string): ScriptType {
  return SCRIPT_NAMES.has(scriptOrChar) ? (scriptOrChar as ScriptType) : detectScript(scriptOrChar);
}

/** Every character of the script has the same width (CJK, kana, Korean, Cyrillic). Takes a script name or a character. */
export function isUniformWidthScript(scriptOrChar: ScriptType | string): boolean {
  return UNIFORM.has(scriptOf(scriptOrChar));
}

/** The G1 font cannot draw it (right-to-left scripts, Indic and Thai scripts, emoji). Takes a script name or a character. */
export function isUnsupportedScript(scriptOrChar: ScriptType | string): boolean {
  return scriptOf(scriptOrChar) === 'unsupported';
}

/** Breaking a word in this script needs a hyphen (false for CJK, kana and Korean). Takes a script name or a character. */
export function needsHyphenForBreak(scriptOrChar: ScriptType | string): boolean {
  return !NO_HYPHEN.has(scriptOf(scriptOrChar));
}

/** A character that may stand alone on either side of a line break (CJK, kana, Korean). */
export function isBreakAnywhere(char: string): boolean {
  return NO_HYPHEN.has(detectScript(char));
}
