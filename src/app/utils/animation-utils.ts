/**
 * `AnimationUtils`: bitmap animations on the glasses from frame files or frame lists. The glasses cycle the
 * frames themselves (`bitmap_animation`); the optional `onFrame` callback follows on the app's clock.
 */
import { SdkError, toError } from '../../core/errors';
import type { AppSession } from '../session';
import { BitmapUtils, type LoadFramesOptions } from './bitmap-utils';

/** The options of an animation. */
export interface AnimationConfig {
  /**
   * Milliseconds per frame.
   *
   * @defaultValue `1750`
   */
  intervalMs?: number;
  /**
   * Loop the frames.
   *
   * @defaultValue `false`
   */
  repeat?: boolean;
  /**
   * Check each frame file is a valid BMP while loading.
   *
   * @defaultValue `true`
   */
  validateFrames?: boolean;
  /**
   * How frame files are loaded.
   *
   * @defaultValue see {@link LoadFramesOptions}
   */
  loadOptions?: LoadFramesOptions;
  /**
   * Called when the animation starts.
   *
   * @defaultValue none
   */
  onStart?: () => void;
  /**
   * Called when `stop()` stops it.
   *
   * @defaultValue none
   */
  onStop?: () => void;
  /**
   * Called on the app's clock for each frame.
   *
   * @defaultValue none
   */
  onFrame?: (frameIndex: number, totalFrames: number) => void;
  /**
   * Called with a message when the animation cannot be created or started.
   *
   * @defaultValue none
   */
  onError?: (error: string) => void;
}

/** Controls a running animation. */
export interface AnimationController {
  /** Stops the animation and clears the view. */
  stop: () => void;
  /** Whether the animation runs. */
  isRunning: () => boolean;
  /** The current frame index (followed only when `onFrame` is set). */
  getCurrentFrame: () => number;
  /** How many frames the animation has. */
  getTotalFrames: () => number;
}

/** What `measureTiming` measured. */
export interface TimingInfo {
  /** The interval asked for, in milliseconds. */
  targetInterval: number;
  /** The mean interval measured, in milliseconds. */
  actualInterval: number;
  /** `actualInterval - targetInterval`. */
  drift: number;
  /** Frames per second at the measured interval. */
  fps: number;
}

/** Bitmap animations on the glasses from frame files or frame lists. */
export class AnimationUtils {
  /** Resolves after `ms` milliseconds. */
  static delay(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Loads frames from files and starts the animation. */
  static async createBitmapAnimation(session: AppSession, basePath: string, frameCount: number, config: AnimationConfig = {}): Promise<AnimationController> {
    let frames: string[];
    try {
      frames = await BitmapUtils.loadBmpFrames(basePath, frameCount, { validateFrames: config.validateFrames, ...config.loadOptions });
    } catch (e) {
      const message = `Failed to create animation: ${toError(e).message}`;
      config.onError?.(message);
      throw new SdkError('invalid_argument', message, { cause: e });
    }
    return AnimationUtils.createBitmapAnimationFromFrames(session, frames, config);
  }

  /** Starts an animation of base64 frames (default 1750 ms per frame, played once). */
  static createBitmapAnimationFromFrames(
    session: AppSession,
    frames: string[],
    config: Omit<AnimationConfig, 'loadOptions' | 'validateFrames'> = {},
  ): AnimationController {
    const { intervalMs = 1750, repeat = false, onStart, onStop, onFrame, onError } = config;
    let current = 0;
    let ticker: ReturnType<typeof setInterval> | undefined;
    let display: { stop: () => void };
    try {
      display = session.layouts.showBitmapAnimation(frames, intervalMs, repeat);
    } catch (e) {
      const message = `Failed to start animation: ${toError(e).message}`;
      onError?.(message);
      throw new SdkError('invalid_argument', message, { cause: e });
    }
    let running = true;
    const halt = () => {
      clearInterval(ticker);
      ticker = undefined;
    };
    const controller: AnimationController = {
      stop: () => {
        if (!running) return;
        running = false;
        halt();
        session.signal.removeEventListener('abort', halt);
        display.stop();
        onStop?.();
      },
      isRunning: () => running,
      getCurrentFrame: () => current,
      getTotalFrames: () => frames.length,
    };
    onStart?.();
    if (onFrame) {
      onFrame(0, frames.length);
      ticker = setInterval(() => {
        current = (current + 1) % frames.length;
        onFrame(current, frames.length);
        if (!repeat && current === frames.length - 1) halt();
      }, intervalMs);
      // Stryker disable next-line OptionalChaining: every runtime we support (Node, Bun, jest's fake timers) gives timers an unref
      ticker.unref?.();
    }
    session.signal.addEventListener('abort', halt);
    return controller;
  }

  /** Shows each frame for its own duration, one after the other. */
  static async createBitmapSequence(session: AppSession, sequence: Array<{ frame: string; duration: number }>): Promise<void> {
    for (let i = 0; i < sequence.length; i++) {
      await session.layouts.showBitmapView(sequence[i].frame);
      if (i < sequence.length - 1) await AnimationUtils.delay(sequence[i].duration);
    }
  }

  /** Measures how closely `setInterval` keeps `targetInterval` on this machine. */
  static measureTiming(targetInterval: number, measureDuration = 10_000): Promise<TimingInfo> {
    return new Promise((resolve) => {
      const stamps: number[] = [];
      const timer = setInterval(() => stamps.push(Date.now()), targetInterval);
      setTimeout(() => {
        clearInterval(timer);
        const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
        const actual = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : targetInterval;
        resolve({ targetInterval, actualInterval: actual, drift: actual - targetInterval, fps: 1000 / actual });
      }, measureDuration);
    });
  }

  /** Tested settings per device: 1650 ms for Even Realities G1, 1000 ms otherwise. */
  static getOptimizedConfig(deviceType: 'even-realities-g1' | 'generic'): AnimationConfig {
    return {
      intervalMs: deviceType === 'even-realities-g1' ? 1650 : 1000,
      repeat: false,
      validateFrames: true,
      loadOptions: { validateFrames: true, skipMissingFrames: false },
    };
  }

  /** Loads frame files as base64 (validated unless `options` says otherwise). */
  static preloadFrames(basePath: string, frameCount: number, options: LoadFramesOptions = {}): Promise<string[]> {
    return BitmapUtils.loadBmpFrames(basePath, frameCount, { validateFrames: true, ...options });
  }
}
