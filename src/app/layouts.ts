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
  view?: ViewType | 'main' | 'dashboard';
  durationMs?: number;
}

const MAX_BITMAP_CHARS = 1_000_000;
/** The options of a call without any (shared, never written: no object per display update). */
const NO_OPTIONS: DisplayOptions = Object.freeze({});

/** What the layouts send through: the session, or (the published form) a package name and a send function. */
type LayoutTarget = Pick<CoreSession, 'packageName' | 'send' | 'logger'>;

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
    const send = (message: unknown) => {
      sendMessage(message as DisplayRequest);
      return true;
    };
    this.core = { packageName: coreOrPackage, send, logger: createConsoleLogger('warn') };
  }

  showTextWall(text: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.TEXT_WALL, text: asText(text) }, options, ViewType.MAIN);
  }

  showDoubleTextWall(topText: string, bottomText: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.DOUBLE_TEXT_WALL, topText: asText(topText), bottomText: asText(bottomText) }, options, ViewType.MAIN);
  }

  showReferenceCard(title: string, text: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.REFERENCE_CARD, title: asText(title), text: asText(text) }, options, ViewType.MAIN);
  }

  /** Defaults to the dashboard view. */
  showDashboardCard(leftText: string, rightText: string, options: DisplayOptions | number = NO_OPTIONS): void {
    this.display({ layoutType: LayoutType.DASHBOARD_CARD, leftText: asText(leftText), rightText: asText(rightText) }, options, ViewType.DASHBOARD);
  }

  /**
   * A base64 1-bit BMP (576×135 on G1). Returns a Promise, as published: resolved once the layout is sent,
   * rejected with `SdkError('invalid_argument')` for a missing or oversized bitmap (nothing is thrown).
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

  /** Cycles `frames` every `intervalMs` on the glasses. `stop()` clears the view. */
  showBitmapAnimation(frames: string[], intervalMs = 1650, repeat = false, options: DisplayOptions = NO_OPTIONS): { stop: () => void } {
    if (!Array.isArray(frames) || frames.length === 0 || frames.some((f) => typeof f !== 'string')) {
      throw new SdkError('invalid_argument', 'showBitmapAnimation needs a non-empty array of base64 frames');
    }
    this.display({ layoutType: LayoutType.BITMAP_ANIMATION, frames, interval: intervalMs, repeat }, options, ViewType.MAIN);
    return { stop: () => this.clearView(options) };
  }

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
    if (typeof d === 'number' && Number.isFinite(d) && d >= 0) msg.durationMs = d;
    this.core.send(msg);
  }
}

function asText(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
}
