/**
 * Display profiles: the geometry and font metrics of a pair of glasses.
 *
 * The G1 profile describes the Even Realities G1: a 576 px wide monochrome display showing 5 lines, fed
 * over BLE with at most 390 bytes of text per update. Its font is proportional. The glyph table below is
 * this SDK's own approximation of that font, in font columns for printable ASCII; a glyph is drawn at
 * twice its size with one blank column after it, so it takes `(columns + 1) * 2` pixels. Full-width
 * scripts (CJK, kana, Korean) take a uniform 24 px per character and Cyrillic 12 px; characters outside
 * the table count as the widest Latin glyph, so a measured line never comes out narrower than it is.
 */

export interface FontMetrics {
  /** Font columns per character (before `renderFormula`). */
  glyphWidths: ReadonlyMap<string, number>;
  /** Font columns → rendered pixels. */
  renderFormula: (glyphWidth: number) => number;
  /** Rendered pixels per character of the uniform-width scripts. */
  uniformScripts: { cjk: number; hiragana: number; katakana: number; korean: number; cyrillic: number };
  /** Rendered pixels for characters outside the table. */
  fallback: { latinMaxWidth: number; unsupported: number };
}

export interface DisplayProfile {
  id: string;
  name: string;
  displayWidthPx: number;
  maxLines: number;
  /** Largest text payload per display update, in UTF-8 bytes. */
  maxPayloadBytes: number;
  /** BLE chunk size used to send it. */
  bleChunkSize: number;
  fontMetrics: FontMetrics;
}

/** Printable ASCII grouped by width in font columns. */
const G1_COLUMNS: ReadonlyArray<readonly [number, string]> = [
  [1, "!',.:;|il"],
  [2, ' "()[]`j'],
  [3, '*/1\\{}Ifrt'],
  [4, '+-<=>^?ckszJ'],
  [5, '$023456789abdeghnopquvxyLEF_'],
  [6, '#%ABCDGHKNOPQRSTUVXYZ~'],
  [7, '&@MWmw'],
];

const g1Render = (columns: number): number => (columns + 1) * 2;

function glyphTable(groups: ReadonlyArray<readonly [number, string]>): Map<string, number> {
  const table = new Map<string, number>();
  for (const [columns, chars] of groups) for (const c of chars) table.set(c, columns);
  return table;
}

const G1_GLYPHS = glyphTable(G1_COLUMNS);

export const G1_SPACE_WIDTH_PX = g1Render(G1_GLYPHS.get(' ')!);
export const G1_HYPHEN_WIDTH_PX = g1Render(G1_GLYPHS.get('-')!);

const G1_FONT: FontMetrics = {
  glyphWidths: G1_GLYPHS,
  renderFormula: g1Render,
  uniformScripts: { cjk: 24, hiragana: 24, katakana: 24, korean: 24, cyrillic: 12 },
  fallback: { latinMaxWidth: g1Render(7), unsupported: g1Render(7) },
};

/** Even Realities G1: 576 px, 5 lines, 390-byte payloads. */
export const G1_PROFILE: Readonly<DisplayProfile> = Object.freeze({
  id: 'even-realities-g1',
  name: 'Even Realities G1',
  displayWidthPx: 576,
  maxLines: 5,
  maxPayloadBytes: 390,
  bleChunkSize: 176,
  fontMetrics: G1_FONT,
});

/** The G1 for older phone apps that wrap the text again themselves: a narrower line (420 px) so their re-wrap never adds lines. */
export const G1_PROFILE_LEGACY: Readonly<DisplayProfile> = Object.freeze({
  ...G1_PROFILE,
  id: 'even-realities-g1-legacy',
  name: 'Even Realities G1 (legacy phone clients)',
  displayWidthPx: 420,
});
