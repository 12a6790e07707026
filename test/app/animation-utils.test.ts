/**
 * `AnimationUtils` on jest's clock: the frame callbacks of an animation played once or repeated, stopping by
 * the app or by the session's end, a refused start, animations made from files, timed sequences, the timing
 * measurement and the tested configurations. The session is a stand-in holding the published
 * `LayoutManager(packageName, sendMessage)`, so every layout sent is recorded.
 */
import { getEventListeners } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnimationUtils, type AppSession, isSdkError, LayoutManager } from '../../src';
import { encodeBmp1 } from '../../src/app/utils/bmp';

const FRAME = encodeBmp1({ width: 576, height: 135, pixels: Uint8Array.from({ length: 576 * 135 }, (_, i) => (i === 0 ? 0 : 1)) }).toString('base64');

/** A stand-in session: its layouts are recorded as `[layoutType, view]`; `end()` aborts its signal. */
function standIn() {
  const sent: any[] = [];
  const ended = new AbortController();
  const session = { layouts: new LayoutManager('com.example.app', (m) => void sent.push(m)), signal: ended.signal } as unknown as AppSession;
  return { session, sent, end: () => ended.abort(), types: () => sent.map((m) => m.layout.layoutType) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('AnimationUtils.createBitmapAnimationFromFrames', () => {
  test('played once by default: one frame each 1750 ms, stopping at the last; the controller says where it is', () => {
    const { session, sent } = standIn();
    const frames: [number, number][] = [];
    const events: string[] = [];
    const ctl = AnimationUtils.createBitmapAnimationFromFrames(session, [FRAME, FRAME, FRAME], {
      onStart: () => void events.push('start'),
      onFrame: (i, n) => void frames.push([i, n]),
    });
    expect(sent.map((m) => m.layout)).toEqual([{ layoutType: 'bitmap_animation', frames: [FRAME, FRAME, FRAME], interval: 1750, repeat: false }]);
    expect([events, frames, ctl.getCurrentFrame(), ctl.getTotalFrames(), ctl.isRunning()]).toEqual([['start'], [[0, 3]], 0, 3, true]);
    jest.advanceTimersByTime(1749);
    expect(frames).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect([frames.at(-1), ctl.getCurrentFrame()]).toEqual([[1, 3], 1]);
    jest.advanceTimersByTime(1750 * 5);
    expect(frames).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('repeated: the frames wrap around until stop(), which clears the view and calls onStop once', () => {
    const { session, types } = standIn();
    const frames: number[] = [];
    let stops = 0;
    const ctl = AnimationUtils.createBitmapAnimationFromFrames(session, [FRAME, FRAME], {
      intervalMs: 100,
      repeat: true,
      onFrame: (i) => void frames.push(i),
      onStop: () => void stops++,
    });
    jest.advanceTimersByTime(450);
    expect(frames).toEqual([0, 1, 0, 1, 0]);
    ctl.stop();
    ctl.stop();
    jest.advanceTimersByTime(1000);
    expect([frames.length, stops, ctl.isRunning(), types()]).toEqual([5, 1, false, ['bitmap_animation', 'clear_view']]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test("stop() leaves no listener on the session's signal", () => {
    const { session } = standIn();
    const ctl = AnimationUtils.createBitmapAnimationFromFrames(session, [FRAME], { onFrame: () => {} });
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(1);
    ctl.stop();
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });

  test("the session's end stops the frame callbacks", () => {
    const { session, end } = standIn();
    const frames: number[] = [];
    AnimationUtils.createBitmapAnimationFromFrames(session, [FRAME, FRAME], { intervalMs: 100, repeat: true, onFrame: (i) => void frames.push(i) });
    jest.advanceTimersByTime(100);
    end();
    jest.advanceTimersByTime(1000);
    expect(frames).toEqual([0, 1]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('without onFrame no timer runs', () => {
    const { session } = standIn();
    AnimationUtils.createBitmapAnimationFromFrames(session, [FRAME]);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('frames the layouts refuse: onError hears why, and the call throws invalid_argument with the cause', () => {
    const { session, sent } = standIn();
    const errors: string[] = [];
    let thrown: unknown;
    try {
      AnimationUtils.createBitmapAnimationFromFrames(session, [], { onError: (m) => void errors.push(m) });
    } catch (e) {
      thrown = e;
    }
    const message = 'Failed to start animation: showBitmapAnimation needs a non-empty array of base64 frames';
    expect(errors).toEqual([message]);
    expect(isSdkError(thrown, 'invalid_argument') && [thrown.message, (thrown.cause as Error).message]).toEqual([
      message,
      'showBitmapAnimation needs a non-empty array of base64 frames',
    ]);
    expect(sent).toEqual([]);
    expect(() => AnimationUtils.createBitmapAnimationFromFrames(session, [])).toThrow(message);
  });
});

describe('AnimationUtils with files, sequences and timing', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'animation-'));
    writeFileSync(path.join(dir, 'animation_10_frame_1.bmp'), Buffer.from(FRAME, 'base64'));
    writeFileSync(path.join(dir, 'animation_10_frame_2.bmp'), Buffer.from('not a bitmap'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('createBitmapAnimation loads and validates the frames, then plays them with the config', async () => {
    jest.useRealTimers();
    const { session, sent } = standIn();
    const ctl = await AnimationUtils.createBitmapAnimation(session, dir, 1, { intervalMs: 300, repeat: true });
    expect(sent.map((m) => m.layout)).toEqual([{ layoutType: 'bitmap_animation', frames: [FRAME], interval: 300, repeat: true }]);
    ctl.stop();
    const errors: string[] = [];
    const e = await AnimationUtils.createBitmapAnimation(session, dir, 2, { onError: (m) => void errors.push(m) }).catch((err: unknown) => err);
    expect(isSdkError(e, 'invalid_argument')).toBe(true);
    expect((e as Error).message).toMatch(/^Failed to create animation: Failed to load frames:\nframe 2 \(animation_10_frame_2\.bmp\): validation failed/);
    expect(errors).toEqual([(e as Error).message]);
    expect(isSdkError((e as Error).cause, 'invalid_argument')).toBe(true);
    // Validation off, through either option, takes the second file as it is.
    expect((await AnimationUtils.createBitmapAnimation(session, dir, 2, { validateFrames: false })).getTotalFrames()).toBe(2);
    expect((await AnimationUtils.createBitmapAnimation(session, dir, 2, { loadOptions: { validateFrames: false } })).getTotalFrames()).toBe(2);
    await expect(AnimationUtils.createBitmapAnimation(session, dir, 2)).rejects.toThrow(/^Failed to create animation/);
  });

  test('preloadFrames validates unless told otherwise', async () => {
    jest.useRealTimers();
    await expect(AnimationUtils.preloadFrames(dir, 2)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(await AnimationUtils.preloadFrames(dir, 2, { validateFrames: false })).toHaveLength(2);
  });

  test('createBitmapSequence shows each frame for its duration, with no wait after the last', async () => {
    const { session, sent } = standIn();
    let done = false;
    const run = AnimationUtils.createBitmapSequence(session, [
      { frame: 'QQ==', duration: 100 },
      { frame: 'Qg==', duration: 200 },
      { frame: 'Qw==', duration: 5000 },
    ]).then(() => {
      done = true;
    });
    const shown = () => sent.map((m) => m.layout.data);
    await jest.advanceTimersByTimeAsync(99);
    expect(shown()).toEqual(['QQ==']);
    await jest.advanceTimersByTimeAsync(1);
    expect(shown()).toEqual(['QQ==', 'Qg==']);
    await jest.advanceTimersByTimeAsync(199);
    expect(shown()).toEqual(['QQ==', 'Qg==']);
    await jest.advanceTimersByTimeAsync(1);
    await run;
    expect([shown(), done, jest.getTimerCount()]).toEqual([['QQ==', 'Qg==', 'Qw=='], true, 0]);
  });

  test('delay resolves after its time and not before', async () => {
    let resolved = false;
    const p = AnimationUtils.delay(500).then(() => {
      resolved = true;
    });
    await jest.advanceTimersByTimeAsync(499);
    expect(resolved).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await p;
    expect(resolved).toBe(true);
  });

  test('measureTiming reports the mean gap between ticks, its drift and the frame rate', async () => {
    const measured = AnimationUtils.measureTiming(100, 1000);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await measured).toEqual({ targetInterval: 100, actualInterval: 100, drift: 0, fps: 10 });
    expect(jest.getTimerCount()).toBe(0);
    const unmeasured = AnimationUtils.measureTiming(400, 500);
    await jest.advanceTimersByTimeAsync(500);
    // One tick gives no gap: the target is reported.
    expect(await unmeasured).toEqual({ targetInterval: 400, actualInterval: 400, drift: 0, fps: 2.5 });
  });

  test('measureTiming measures the ticks as they come: one late tick moves the mean', async () => {
    const measured = AnimationUtils.measureTiming(100, 1000);
    await jest.advanceTimersByTimeAsync(100);
    // The clock jumps 50 ms after the first tick (as a busy machine delays it); the next ticks keep their spacing.
    jest.setSystemTime(Date.now() + 50);
    await jest.advanceTimersByTimeAsync(900);
    const result = await measured;
    expect(result.actualInterval).toBeCloseTo(950 / 9, 10);
    expect(result.drift).toBeCloseTo(950 / 9 - 100, 10);
    expect(result.fps).toBeCloseTo(9000 / 950, 10);
  });

  test('getOptimizedConfig gives the tested settings of each device', () => {
    expect(AnimationUtils.getOptimizedConfig('even-realities-g1')).toEqual({
      intervalMs: 1650,
      repeat: false,
      validateFrames: true,
      loadOptions: { validateFrames: true, skipMissingFrames: false },
    });
    expect(AnimationUtils.getOptimizedConfig('generic')).toEqual({
      intervalMs: 1000,
      repeat: false,
      validateFrames: true,
      loadOptions: { validateFrames: true, skipMissingFrames: false },
    });
  });
});
