/** A scrollable viewport over wrapped text longer than the display (captions, teleprompters, notes, logs). */
import type { TextMeasurer } from './measurer';
import type { TextWrapper, WrapOptions } from './wrapper';
import { MeasuredText } from './measured-text';

export interface ScrollPosition {
  /** First visible line (0 = top). */
  offset: number;
  totalLines: number;
  /** Lines in the viewport. */
  visibleLines: number;
  maxOffset: number;
  atTop: boolean;
  atBottom: boolean;
  /** 0–100. */
  scrollPercent: number;
}

/** What `getViewport` returns. */
export interface ScrollViewport {
  /** Exactly the viewport's line count, padded with empty lines below short content. */
  lines: string[];
  position: ScrollPosition;
  /** The last `setContent` wrap was cut (it never is: content is wrapped without a line or byte limit). */
  contentTruncated: boolean;
}

export interface Viewport extends ScrollViewport {
  /** The visible lines joined with `\n`. */
  text: string;
  canScrollUp: boolean;
  canScrollDown: boolean;
}

type ContentOptions = Omit<WrapOptions, 'maxLines'>;

export class ScrollView extends MeasuredText {
  private lines: string[] = [];
  private offset = 0;
  private truncated = false;
  readonly viewportLines: number;

  /** A view of `viewportSize` lines (default: the profile's `maxLines`). */
  constructor(measurer: TextMeasurer, wrapper: TextWrapper, viewportSize?: number) {
    super(measurer, wrapper);
    this.viewportLines = Math.max(1, Math.floor(viewportSize ?? measurer.getProfile().maxLines));
  }

  getViewportSize(): number {
    return this.viewportLines;
  }

  /** Replaces the content and scrolls to the top. */
  setContent(text: string, options?: ContentOptions): void {
    const result = this.wrapper.wrap(text, { ...options, maxLines: Infinity, maxBytes: Infinity });
    this.lines = result.lines;
    this.truncated = result.truncated;
    this.offset = 0;
  }

  /**
   * Adds text after the content; with `autoScroll` (default) it scrolls to the end when it was there
   * already (live captions). Also takes the auto-scroll flag as the second argument.
   */
  appendContent(text: string, options?: ContentOptions | boolean, autoScroll?: boolean): void {
    const follow = typeof options === 'boolean' ? options : (autoScroll ?? true);
    const wrapOptions = typeof options === 'object' && options !== null ? options : undefined;
    const wasAtBottom = this.isAtBottom();
    this.lines = [...this.lines, ...this.wrapper.wrap(text, { ...wrapOptions, maxLines: Infinity, maxBytes: Infinity }).lines];
    if (follow && wasAtBottom) this.scrollToBottom();
  }

  /** Empties the view. */
  clear(): void {
    this.lines = [];
    this.truncated = false;
    this.offset = 0;
  }

  scrollUp(lines = 1): void {
    this.scrollTo(this.offset - lines);
  }

  scrollDown(lines = 1): void {
    this.scrollTo(this.offset + lines);
  }

  pageUp(): void {
    this.scrollUp(this.viewportLines);
  }

  pageDown(): void {
    this.scrollDown(this.viewportLines);
  }

  scrollToTop(): void {
    this.scrollTo(0);
  }

  scrollToBottom(): void {
    this.scrollTo(this.maxOffset());
  }

  /** Puts line `offset` at the top, clamped to the content. */
  scrollTo(offset: number): void {
    this.offset = Math.min(Math.max(0, Math.floor(offset) || 0), this.maxOffset());
  }

  /** Brings line `lineIndex` into view at the top, centre or bottom of the viewport. */
  scrollToLine(lineIndex: number, position: 'top' | 'center' | 'bottom' = 'top'): void {
    const shift = position === 'center' ? Math.floor(this.viewportLines / 2) : position === 'bottom' ? this.viewportLines - 1 : 0;
    this.scrollTo(lineIndex - shift);
  }

  /** Scrolls to `percent` (0–100) of the scrollable range. */
  scrollToPercent(percent: number): void {
    this.scrollTo(Math.round((percent / 100) * this.maxOffset()));
  }

  isAtTop(): boolean {
    return this.offset === 0;
  }

  isAtBottom(): boolean {
    return this.offset >= this.maxOffset();
  }

  /** More lines than the viewport shows. */
  isScrollable(): boolean {
    return this.lines.length > this.viewportLines;
  }

  /** A copy of all wrapped lines. */
  getAllLines(): string[] {
    return [...this.lines];
  }

  getTotalLines(): number {
    return this.lines.length;
  }

  getPosition(): ScrollPosition {
    const maxOffset = this.maxOffset();
    return {
      offset: this.offset,
      totalLines: this.lines.length,
      visibleLines: this.viewportLines,
      maxOffset,
      atTop: this.offset === 0,
      atBottom: this.offset >= maxOffset,
      scrollPercent: maxOffset === 0 ? 100 : Math.round((this.offset / maxOffset) * 100),
    };
  }

  getViewport(): Viewport {
    const lines = this.lines.slice(this.offset, this.offset + this.viewportLines);
    while (lines.length < this.viewportLines) lines.push('');
    const position = this.getPosition();
    return {
      lines,
      position,
      contentTruncated: this.truncated,
      text: lines.join('\n'),
      canScrollUp: !position.atTop,
      canScrollDown: !position.atBottom,
    };
  }

  private maxOffset(): number {
    return Math.max(0, this.lines.length - this.viewportLines);
  }
}
