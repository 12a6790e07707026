/**
 * Display profiles: the geometry and font metrics of a pair of glasses.
 *
 * The G1 profile describes the Even Realities G1: a 576 px wide monochrome display showing 5 lines, fed
 * over BLE with at most 390 bytes of text per update. Its font is proportional: the glyph table holds the
 * width of each printable ASCII glyph in font columns, and a glyph is drawn at twice its size with one
 * blank column after it, so it takes `(columns + 1) * 2` pixels (the published `@mentra/sdk` table and
 * widths). CJK ideographs and kana take a uniform 18 px, Korean 24 px, Cyrillic 18 px; characters outside
 * the table count as the widest Latin glyph (16 px), so a measured line never comes out narrower than it is.
 */

/** Script type for character classification. */
export type ScriptType = 'latin' | 'cjk' | 'hiragana' | 'katakana' | 'korean' | 'cyrillic' | 'numbers' | 'punctuation' | 'unsupported';

/** Rendered pixels per character of the scripts whose characters all have one width. */
export interface UniformScriptWidths {
  cjk: number;
  hiragana: number;
  katakana: number;
  korean: number;
  cyrillic: number;
}

/** How characters outside the glyph table are measured. */
export interface FallbackConfig {
  /** Widest Latin glyph in rendered pixels: used for unmapped characters, so a line never overflows. */
  latinMaxWidth: number;
  /** Declared behaviour for unknown characters (as published, measuring always uses `latinMaxWidth`). */
  unknownBehavior: 'useLatinMax' | 'throw' | 'filter';
  /** Rendered pixels for characters of scripts the font cannot draw (default: `latinMaxWidth`). */
  unsupported?: number;
}

export interface DisplayConstraints {
  /** Fewest characters left on a line before a word is split with a hyphen. */
  minCharsBeforeHyphen?: number;
  /** Characters that should not start a line (kinsoku). */
  noStartChars?: string[];
  /** Characters that should not end a line (kinsoku). */
  noEndChars?: string[];
}

export interface FontMetrics {
  /** Font columns per character (before `renderFormula`). */
  glyphWidths: Map<string, number>;
  /** Font columns of a glyph missing from the table. */
  defaultGlyphWidth: number;
  /** Font columns → rendered pixels. */
  renderFormula: (glyphWidth: number) => number;
  /** Rendered pixels per character of the uniform-width scripts. */
  uniformScripts: UniformScriptWidths;
  /** Rendered pixels for characters outside the table. */
  fallback: FallbackConfig;
}

export interface DisplayProfile {
  id: string;
  name: string;
  displayWidthPx: number;
  displayHeightPx?: number;
  maxLines: number;
  /** Largest text payload per display update, in UTF-8 bytes. */
  maxPayloadBytes: number;
  /** BLE chunk size used to send it. */
  bleChunkSize: number;
  fontMetrics: FontMetrics;
  constraints?: DisplayConstraints;
}

/** Printable ASCII grouped by width in font columns (the G1 font). */
const G1_COLUMNS: ReadonlyArray<readonly [number, string]> = [
  [1, "!',.:;|il"],
  [2, ' "()[]`jI'],
  [3, '*/1\\{}J_rt'],
  [4, '+-<=>^EFLbcdefghknopqsz'],
  [5, '$023456789?BCDGHKNOPQRSTUZauvxy'],
  [6, '#%AVXY'],
  [7, '&@MW~mw'],
];

const g1Render = (columns: number): number => (columns + 1) * 2;

/** A glyph table from characters grouped by width. */
export function glyphTable(groups: ReadonlyArray<readonly [number, string]>): Map<string, number> {
  const table = new Map<string, number>();
  for (const [columns, chars] of groups) for (const c of chars) table.set(c, columns);
  return table;
}

/** Rendered width of a G1 hyphen: glyph 4 columns → (4 + 1) * 2. */
export const G1_HYPHEN_WIDTH_PX = 10;
/** Rendered width of a G1 space: glyph 2 columns → (2 + 1) * 2. */
export const G1_SPACE_WIDTH_PX = 6;

/** A fresh copy of the G1 font metrics. */
export function g1Font(): FontMetrics {
  return {
    glyphWidths: glyphTable(G1_COLUMNS),
    defaultGlyphWidth: 7,
    renderFormula: g1Render,
    uniformScripts: { cjk: 18, hiragana: 18, katakana: 18, korean: 24, cyrillic: 18 },
    fallback: { latinMaxWidth: 16, unknownBehavior: 'useLatinMax' },
  };
}

/** A fresh copy of the G1 line-breaking constraints (kinsoku characters). */
export function g1Constraints(): DisplayConstraints {
  return {
    minCharsBeforeHyphen: 3,
    noStartChars: ['.', ',', '!', '?', ':', ';', ')', ']', '}', '。', '，', '！', '？', '：', '；', '）', '】', '」'],
    noEndChars: ['(', '[', '{', '（', '【', '「'],
  };
}

/** Even Realities G1: 576 px, 5 lines, 390-byte payloads. */
export const G1_PROFILE: DisplayProfile = {
  id: 'even-realities-g1',
  name: 'Even Realities G1',
  displayWidthPx: 576,
  maxLines: 5,
  maxPayloadBytes: 390,
  bleChunkSize: 176,
  fontMetrics: g1Font(),
  constraints: g1Constraints(),
};

/**
 * The G1 for older phone apps that wrap the text again themselves: a narrower line (420 px) so their
 * re-wrap never adds lines.
 */
export const G1_PROFILE_LEGACY: DisplayProfile = {
  ...G1_PROFILE,
  id: 'even-realities-g1-legacy',
  name: 'Even Realities G1 (Legacy Client Compatibility)',
  displayWidthPx: 420,
  fontMetrics: g1Font(),
  constraints: g1Constraints(),
};
