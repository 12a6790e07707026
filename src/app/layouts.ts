/** `session.layouts`: every method sends one `display_event`, exactly as the published SDKs do. */
import type { AppToCloudMessage } from '../protocol/outbound';
import type { CoreSession } from '../core/session/session';
import { isoNow } from '../core/session/clock';
import { SdkError } from '../core/errors';
import { LayoutType, ViewType } from '../protocol/enums';
import type { DisplayRequest, Layout } from '../protocol/messages';
import { createConsoleLogger } from '../core/logger';

/**
 * Where and how long a layout shows. The text layouts also take a plain number of milliseconds in its
 * place, the positional `durationMs` of the 1.0 SDK (`showReferenceCard(title, text, 5000)`).
 */
export interface DisplayOptions {
  /**
   * The view to show the layout in.
   *
   * @defaultValue `'main'` (`'dashboard'` for `showDashboardCard`)
   */
  view?: ViewType | 'main' | 'dashboard';
  /**
   * How long the glasses show the layout, in milliseconds; ignored unless a finite number ≥ 0.
   *
   * @defaultValue unset: the layout stays until replaced
   */
  durationMs?: number;
}

const MAX_BITMAP_CHARS = 1_000_000;
/** The options of a call without any (shared, never written: no object per display update). */
const NO_OPTIONS: DisplayOptions = Object.freeze({});

/** What the layouts send through: the session, or (the published form) a package name and a send function. */
interface LayoutTarget extends Pick<CoreSession, 'packageName' | 'logger'> {
  send(message: AppToCloudMessage): unknown;
}

/**
 * `session.layouts`: show text and bitmaps on the glasses. Each call sends one layout and replaces what the view showed.
 *
 * @example
 * ```ts
 * session.layouts.showTextWall('Hello, world!');
 * session.layouts.showReferenceCard('Weather', 'Sunny, 21°C', { durationMs: 5000 });
 * session.layouts.showDashboardCard('Steps', '4,210');
 * ```
 */
export class LayoutManager {
  private readonly core: LayoutTarget;

  /** Built by `session.layouts`. */
  constructor(core: CoreSession);
  /**
   * The published form: layouts sent through `sendMessage` (each a `display_event`), for code that builds
   * its own. Throws `SdkError('invalid_argument')` without a function.
   */
  constructor(packageName: string, sendMessage: (message: DisplayRequest) => void);
  constructor(coreOrPackage: CoreSession | string, sendMessage?: (message: DisplayRequest) => void) {
    if (typeof coreOrPackage !== 'string') {
      this.core = coreOrPackage;
      return;
    }
    if (typeof sendMessage !== 'function') throw new SdkError('invalid_argument', 'new LayoutManager(packageName, sendMessage) needs a sendMessage function');
    const send = (message: AppToCloudMessage) => sendMessage(message as unknown as DisplayRequest);
    this.core = { packageName: coreOrPackage, send, logger: createConsoleLogger('warn') };
  }

  /**
   * Shows one block of text.
   *
   * @example
   * ```ts
   * session.layouts.showTextWall('Listening...');
   * ```
   */
  showTextWall(text: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.TEXT_WALL, text: asText(text) }, options, ViewType.MAIN);
  }

  /**
   * Shows two blocks of text, one above the other.
   *
   * @example
   * ```ts
   * session.layouts.showDoubleTextWall('Bonjour', 'Hello');
   * ```
   */
  showDoubleTextWall(topText: string, bottomText: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.DOUBLE_TEXT_WALL, topText: asText(topText), bottomText: asText(bottomText) }, options, ViewType.MAIN);
  }

  /**
   * Shows a card with a title and a body.
   *
   * @example
   * ```ts
   * session.layouts.showReferenceCard('Next meeting', 'Design review at 14:00');
   * ```
   */
  showReferenceCard(title: string, text: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.REFERENCE_CARD, title: asText(title), text: asText(text) }, options, ViewType.MAIN);
  }

  /**
   * Shows a card with a left and a right text; defaults to the dashboard view.
   *
   * @example
   * ```ts
   * session.layouts.showDashboardCard('Next bus', '4 min');
   * ```
   */
  showDashboardCard(leftText: string, rightText: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.DASHBOARD_CARD, leftText: asText(leftText), rightText: asText(rightText) }, options, ViewType.DASHBOARD);
  }

  /**
   * A base64 1-bit BMP (576×135 on G1). Returns a Promise, as published: resolved once the layout is sent,
   * rejected with `SdkError('invalid_argument')` for a missing or oversized bitmap (nothing is thrown).
   *
   * @example
   * ```ts
   * const bmp = await BitmapUtils.fileToBase64('./assets/logo.bmp');
   * await session.layouts.showBitmapView(bmp);
   * ```
   */
  showBitmapView(data: string, options: DisplayOptions & { padding?: unknown } = NO_OPTIONS): Promise<void> {
    if (typeof data !== 'string' || data.length === 0)
      return Promise.reject(new SdkError('invalid_argument', 'showBitmapView needs the bitmap as a base64 string'));
    if (data.length > MAX_BITMAP_CHARS)
      return Promise.reject(new SdkError('invalid_argument', `The bitmap is ${data.length} characters; at most ${MAX_BITMAP_CHARS} are accepted`));
    try {
      this.display({ layoutType: LayoutType.BITMAP_VIEW, data }, options, ViewType.MAIN);
    } catch (e) {
      return Promise.reject(e);
    }
    return Promise.resolve();
  }

  /**
   * Cycles `frames` every `intervalMs` on the glasses. `stop()` clears the view.
   *
   * @example
   * ```ts
   * const frames = await BitmapUtils.loadBmpFrames('./assets/spinner', 8);
   * const animation = session.layouts.showBitmapAnimation(frames, 1650, true);
   * setTimeout(() => animation.stop(), 10_000);
   * ```
   */
  showBitmapAnimation(
    frames: string[],
    intervalMs = 1650,
    repeat = false,
    options: DisplayOptions = NO_OPTIONS,
  ): {
    /** Clears the view, which ends the animation. */
    stop: () => void;
  } {
    if (!Array.isArray(frames) || frames.length === 0 || frames.some((f) => typeof f !== 'string')) {
      throw new SdkError('invalid_argument', 'showBitmapAnimation needs a non-empty array of base64 frames');
    }
    this.display({ layoutType: LayoutType.BITMAP_ANIMATION, frames, interval: intervalMs, repeat }, options, ViewType.MAIN);
    return { stop: () => this.clearView(options) };
  }

  /**
   * Clears the view (the main view unless `options.view` says otherwise).
   *
   * @example
   * ```ts
   * session.layouts.clearView();
   * ```
   */
  clearView(options: DisplayOptions = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.CLEAR_VIEW }, options, ViewType.MAIN);
  }

  private display(layout: Layout, given: DisplayOptions | number, defaultView: ViewType): void {
    const options: DisplayOptions = typeof given === 'number' ? { durationMs: given } : (given ?? {});
    let view: string = options.view ?? defaultView;
    if (view !== ViewType.MAIN && view !== ViewType.DASHBOARD) {
      this.core.logger.warn(`Unknown view "${String(view)}"; showing on "main"`);
      view = ViewType.MAIN;
    }
    const msg: AppToCloudMessage = {
      timestamp: isoNow(),
      sessionId: '',
      type: 'display_event',
      packageName: this.core.packageName,
      view,
      layout,
    };
    const d = options.durationMs;
    if (Number.isFinite(d) && (d as number) >= 0) msg.durationMs = d;
    this.core.send(msg);
  }
}

function asText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}
