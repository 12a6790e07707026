/**
 * `ColumnComposer` (added with the 3.0.0-hono release, ported from the published display-utils): lays out
 * two columns as one text wall (`double_text_wall` composed on the app side). Each column is wrapped to its
 * width, then the columns are merged line by line, the right one placed at its pixel offset with spaces.
 */
import { TextMeasurer } from './measurer';
import type { DisplayProfile } from './profiles';
import { type BreakMode, TextWrapper } from './wrapper';

/** Where the columns are and how many lines they have. */
export interface ColumnConfig {
  /** Width of the left column in pixels. */
  leftColumnWidthPx: number;
  /** Where the right column starts, in pixels from the left edge. */
  rightColumnStartPx: number;
  /** Width of the right column in pixels. */
  rightColumnWidthPx: number;
  /** Lines of the layout. */
  maxLines: number;
  /** Spaces before the left column (default 0). */
  leftMarginSpaces?: number;
}

/** Options of one `composeDoubleTextWall` call. */
export interface ComposeOptions {
  /** Accepted as published (the composer's own break mode is used; change it with `setBreakMode`). */
  breakMode?: BreakMode;
  /** Overrides of the profile's default column layout. */
  columnConfig?: Partial<ColumnConfig>;
}

/** The composed layout. */
export interface ComposeResult {
  /** Both columns merged into `maxLines` lines joined with `\n`. */
  composedText: string;
  /** The left column's lines (padded to `maxLines`). */
  leftLines: string[];
  /** The right column's lines (padded to `maxLines`). */
  rightLines: string[];
  /** The layout used. */
  config: ColumnConfig;
}

/** At most this many spaces are put between the columns. */
const MAX_PADDING_SPACES = 100;

/** Composes two-column layouts for one display profile. */
export class ColumnComposer {
  private readonly profile: DisplayProfile;
  private readonly measurer: TextMeasurer;
  private wrapper: TextWrapper;
  private readonly spaceWidthPx: number;

  /** A composer for `profile`, wrapping columns in `breakMode` (default `character-no-hyphen`). */
  constructor(profile: DisplayProfile, breakMode: BreakMode = 'character-no-hyphen') {
    this.profile = profile;
    this.measurer = new TextMeasurer(profile);
    this.wrapper = new TextWrapper(this.measurer, { breakMode });
    this.spaceWidthPx = this.measurer.measureText(' ');
  }

  /** Wraps each text to its column and merges them line by line. */
  composeDoubleTextWall(leftText: string, rightText: string, options: ComposeOptions = {}): ComposeResult {
    const config = this.columnConfig(options.columnConfig);
    const left = this.wrapper.wrap(leftText || '', { maxWidthPx: config.leftColumnWidthPx, maxLines: config.maxLines });
    const right = this.wrapper.wrap(rightText || '', { maxWidthPx: config.rightColumnWidthPx, maxLines: config.maxLines });
    const leftLines = padLines(left.lines, config.maxLines);
    const rightLines = padLines(right.lines, config.maxLines);
    return { composedText: this.merge(leftLines, rightLines, config), leftLines, rightLines, config };
  }

  /** The profile's default layout: the left column half the width, the right one from 55 %. */
  getDefaultColumnConfig(): ColumnConfig {
    return this.columnConfig();
  }

  /** Wraps later columns in `breakMode`. */
  setBreakMode(breakMode: BreakMode): void {
    this.wrapper = new TextWrapper(this.measurer, { breakMode });
  }

  private columnConfig(overrides?: Partial<ColumnConfig>): ColumnConfig {
    const width = this.profile.displayWidthPx;
    const rightStart = Math.floor(width * 0.55);
    return {
      leftColumnWidthPx: Math.floor(width * 0.5),
      rightColumnStartPx: rightStart,
      rightColumnWidthPx: width - rightStart,
      maxLines: this.profile.maxLines,
      leftMarginSpaces: 0,
      ...overrides,
    };
  }

  private merge(leftLines: string[], rightLines: string[], config: ColumnConfig): string {
    const lines: string[] = [];
    for (let i = 0; i < config.maxLines; i++) {
      const left = withoutEnSpaces(leftLines[i] || '');
      const right = withoutEnSpaces(rightLines[i] || '');
      const margin = config.leftMarginSpaces && config.leftMarginSpaces > 0 ? ' '.repeat(config.leftMarginSpaces) : '';
      lines.push(margin + left + ' '.repeat(this.spacesToReach(this.measurer.measureText(left), config.rightColumnStartPx)) + right);
    }
    return lines.join('\n');
  }

  /** Spaces from `fromPx` to at least `toPx` (at least one, at most 100). */
  private spacesToReach(fromPx: number, toPx: number): number {
    const gap = toPx - fromPx;
    if (gap <= 0) return 1;
    return Math.min(Math.ceil(gap / this.spaceWidthPx), MAX_PADDING_SPACES);
  }
}

/** A composer for `profile` (default break mode `word`, as published). */
export function createColumnComposer(profile: DisplayProfile, breakMode: BreakMode = 'word'): ColumnComposer {
  return new ColumnComposer(profile, breakMode);
}

function padLines(lines: string[], count: number): string[] {
  const out = lines.slice(0, count);
  while (out.length < count) out.push('');
  return out;
}

function withoutEnSpaces(text: string): string {
  return text.replace(/\u2002/g, '');
}
