/**
 * `@mentraos/sdk/display-utils`: measure and wrap text for smart-glasses displays (the whole surface of
 * `@mentra/sdk/display-utils`). Pure functions and classes, no I/O, no Node-only APIs.
 *
 *   import { createG1Toolkit } from '@mentraos/sdk/display-utils';
 *   const { wrapper } = createG1Toolkit();
 *   session.layouts.showTextWall(wrapper.wrapToLines(longText).join('\n'));
 */
import { ColumnComposer } from './composer';
import { DisplayHelpers } from './helpers';
import { TextMeasurer } from './measurer';
import { G2_PROFILE, NEX_PROFILE, Z100_PROFILE } from './more-profiles';
import { G1_PROFILE, G1_PROFILE_LEGACY, type DisplayProfile } from './profiles';
import { TextWrapper, type WrapOptions } from './wrapper';

export { TextMeasurer, utf8ByteLength, type CharMeasurement, type TextMeasurement } from './measurer';
export { TextWrapper, DEFAULT_WRAP_OPTIONS, type BreakMode, type WrapOptions, type WrapResult, type LineMetrics } from './wrapper';
export {
  DisplayHelpers,
  type TruncateResult,
  type Page,
  type Chunk,
  type PaginateOptions,
  type ChunkOptions,
  type LineUtilization,
} from './helpers';
export { ScrollView, type ScrollPosition, type ScrollViewport, type Viewport } from './scroll-view';
export {
  G1_PROFILE,
  G1_PROFILE_LEGACY,
  G1_HYPHEN_WIDTH_PX,
  G1_SPACE_WIDTH_PX,
  type DisplayProfile,
  type FontMetrics,
  type UniformScriptWidths,
  type FallbackConfig,
  type DisplayConstraints,
  type ScriptType,
} from './profiles';
export {
  G2_PROFILE,
  G2_HYPHEN_WIDTH_PX,
  G2_SPACE_WIDTH_PX,
  NEX_PROFILE,
  NEX_HYPHEN_WIDTH_PX,
  NEX_SPACE_WIDTH_PX,
  Z100_PROFILE,
  Z100_HYPHEN_WIDTH_PX,
  Z100_SPACE_WIDTH_PX,
} from './more-profiles';
export { ColumnComposer, createColumnComposer, type ColumnConfig, type ComposeOptions, type ComposeResult } from './composer';
export {
  SCRIPT_RANGES,
  detectScript,
  isCJKCharacter,
  isKoreanCharacter,
  isUniformWidthScript,
  isUnsupportedScript,
  needsHyphenForBreak,
} from './scripts';

/** What the toolkit factories return: everything for one display profile. */
export interface DisplayToolkit {
  measurer: TextMeasurer;
  wrapper: TextWrapper;
  helpers: DisplayHelpers;
  /** A two-column composer in the toolkit's break mode (`word` when none is given), as the 3.0.0-hono release added. */
  composer: ColumnComposer;
  profile: DisplayProfile;
}

/** A measurer, wrapper, helpers and column composer for one profile (default the G1). */
export function createDisplayToolkit(profile: DisplayProfile = G1_PROFILE, wrapOptions: WrapOptions = {}): DisplayToolkit {
  const measurer = new TextMeasurer(profile);
  const wrapper = new TextWrapper(measurer, wrapOptions);
  const composer = new ColumnComposer(profile, wrapOptions.breakMode || 'word');
  return { measurer, wrapper, helpers: new DisplayHelpers(measurer, wrapper), composer, profile };
}

/** The G1 with character breaking (lines filled, words hyphenated): the setup for captions. */
export function createG1Toolkit(): DisplayToolkit {
  return createDisplayToolkit(G1_PROFILE, { breakMode: 'character', hyphenChar: '-', minCharsBeforeHyphen: 3 });
}

/** The G1 for older phone apps that re-wrap text (420 px lines). */
export function createG1LegacyToolkit(): DisplayToolkit {
  return createDisplayToolkit(G1_PROFILE_LEGACY, { breakMode: 'character', hyphenChar: '-', minCharsBeforeHyphen: 3 });
}

/** The Even Realities G2 (the G1's display), breaking inside words without hyphens, as published. */
export function createG2Toolkit(): DisplayToolkit {
  return createDisplayToolkit(G2_PROFILE, { breakMode: 'character-no-hyphen' });
}

/** The Vuzix Z100, breaking inside words without hyphens, as published. */
export function createZ100Toolkit(): DisplayToolkit {
  return createDisplayToolkit(Z100_PROFILE, { breakMode: 'character-no-hyphen' });
}

/** The Mentra Nex ("Mentra Display"), breaking inside words without hyphens, as published. */
export function createNexToolkit(): DisplayToolkit {
  return createDisplayToolkit(NEX_PROFILE, { breakMode: 'character-no-hyphen' });
}
