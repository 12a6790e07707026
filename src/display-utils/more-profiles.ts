/**
 * The display profiles the 3.0.0-hono release added to display-utils, ported from the published package:
 * - Even Realities G2: the G1's display and font (only the protocol differs), so the G1 profile renamed;
 * - Mentra Nex ("Mentra Display"): published with the G1's values as placeholders until its own are known;
 * - Vuzix Z100: Noto Sans at 21 px, 390 px of usable line (the Ultralite SDK adds margins), 7 lines.
 */
import { G1_PROFILE, type DisplayProfile, g1Constraints, g1Font, glyphTable } from './profiles';

/** Even Realities G2: the G1's display hardware and font, under its own id. */
export const G2_PROFILE: DisplayProfile = {
  ...G1_PROFILE,
  id: 'even-realities-g2',
  name: 'Even Realities G2',
};

/** Rendered width of a G2 hyphen (as the G1: glyph 4 columns → 10 px). */
export const G2_HYPHEN_WIDTH_PX = 10;
/** Rendered width of a G2 space (as the G1: glyph 2 columns → 6 px). */
export const G2_SPACE_WIDTH_PX = 6;

/** Mentra Nex ("Mentra Display"): published with the G1's geometry and font as placeholders. */
export const NEX_PROFILE: DisplayProfile = {
  ...G1_PROFILE,
  id: 'mentra-nex',
  name: 'Mentra Nex',
  fontMetrics: g1Font(),
  constraints: g1Constraints(),
};

/** Rendered width of a Nex hyphen (the G1's, as published). */
export const NEX_HYPHEN_WIDTH_PX = 10;
/** Rendered width of a Nex space (the G1's, as published). */
export const NEX_SPACE_WIDTH_PX = 6;

/** Printable ASCII grouped by pixel width (Noto Sans Regular at 21 px, the Z100's system font). */
const Z100_WIDTHS: ReadonlyArray<readonly [number, string]> = [
  [5, " 'ijl"],
  [6, '!(),.:;J`'],
  [7, '-I[]f'],
  [8, '/\\t{}'],
  [9, '"?_r'],
  [10, 'csz'],
  [11, 'FLkvxy'],
  [12, '$*+0123456789<=>ESTXYZ^ae|~'],
  [13, 'ACKPRVbdghnopqu'],
  [14, '#B'],
  [15, '&DGU'],
  [16, 'HNOQ'],
  [17, '%w'],
  [19, '@M'],
  [20, 'Wm'],
];

/** Vuzix Z100: 640×480 green monochrome, about 390 px of text per line, 7 lines, 512-byte payloads. */
export const Z100_PROFILE: DisplayProfile = {
  id: 'vuzix-z100',
  name: 'Vuzix Z100',
  displayWidthPx: 390,
  maxLines: 7,
  maxPayloadBytes: 512,
  bleChunkSize: 180,
  fontMetrics: {
    glyphWidths: glyphTable(Z100_WIDTHS),
    defaultGlyphWidth: 12,
    renderFormula: (glyphWidth: number) => glyphWidth,
    uniformScripts: { cjk: 21, hiragana: 21, katakana: 21, korean: 21, cyrillic: 14 },
    fallback: { latinMaxWidth: 20, unknownBehavior: 'useLatinMax' },
  },
  constraints: g1Constraints(),
};

/** Width of a Z100 hyphen in pixels. */
export const Z100_HYPHEN_WIDTH_PX = 7;
/** Width of a Z100 space in pixels. */
export const Z100_SPACE_WIDTH_PX = 5;
