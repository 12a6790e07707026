/** A scrollable viewport over wrapped text longer than the display (teleprompters, notes, logs). */
import type { TextMeasurer } from './measurer';
import type { TextWrapper } from './wrapper';

export interface ScrollPosition {
  /** First visible line (0 = top). */
  offset: number;
  totalLines: number;
  visibleLines: number;
  maxOffset: number;
  atTop: boolean;
  atBottom: boolean;
  /** 0–100. */
  scrollPercent: number;
}

export interface Viewport {
  lines: string[];
  /** The visible lines joined with `\n`. */
  text: string;
  position: ScrollPosition;
  canScrollUp: boolean;
  canScrollDown: boolean;
}

export class ScrollView {
  private lines: string[] = [];
  private offset = 0;
  readonly viewportLines: number;

  constructor(readonly measurer: TextMeasurer, readonly wrapper: TextWrapper, viewportLines?: number) {
    this.viewportLines = Math.max(1, Math.floor(viewportLines ?? measurer.profile.maxLines));
  }

  /** Replaces the content and scrolls to the top. */
  setContent(text: string): void {
    this.lines = this.wrapLines(text);
    this.offset = 0;
  }

  /** Adds text after the content; with `followBottom` (default) it scrolls to the end when it was there already. */
  appendContent(text: string, followBottom = true): void {
    const wasAtBottom = this.getPosition().atBottom;
    this.lines.push(...this.wrapLines(text));
    if (followBottom && wasAtBottom) this.scrollToBottom();
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

  getPosition(): ScrollPosition {
    const maxOffset = this.maxOffset();
    return {
      offset: this.offset,
      totalLines: this.lines.length,
      visibleLines: Math.min(this.viewportLines, this.lines.length),
      maxOffset,
      atTop: this.offset === 0,
      atBottom: this.offset >= maxOffset,
      scrollPercent: maxOffset === 0 ? 100 : Math.round((this.offset / maxOffset) * 100),
    };
  }

  getViewport(): Viewport {
    const lines = this.lines.slice(this.offset, this.offset + this.viewportLines);
    const position = this.getPosition();
    return { lines, text: lines.join('\n'), position, canScrollUp: !position.atTop, canScrollDown: !position.atBottom };
  }

  private maxOffset(): number {
    return Math.max(0, this.lines.length - this.viewportLines);
  }

  private wrapLines(text: string): string[] {
    return this.wrapper.wrapToLines(text, { maxLines: Infinity, maxBytes: Infinity });
  }
}
