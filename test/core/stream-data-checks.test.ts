/**
 * The shape checks of inbound stream data (`src/core/session/validate.ts`), over a real socket: for each
 * checked stream, data without the fields handlers rely on is dropped (and logged) before any handler sees
 * it, data with them arrives; unchecked streams need only an object. Frames are handled in order, so a
 * valid frame sent after a malformed one shows the malformed one was dropped, not late.
 */
import { AppServer, type AppSession } from '../../src';
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { appConfig, captureLogger, eventually, started } from '../helpers/apps';

type Seen = Array<[string, unknown]>;

/** Subscribes to every checked stream (and to touch gestures, which are not checked) and records what arrives. */
class Recorder extends AppServer {
  readonly seen: Seen = [];
  session?: AppSession;
  protected override async onSession(session: AppSession): Promise<void> {
    this.session = session;
    const rec = (name: string) => (data: unknown) => void this.seen.push([name, data]);
    session.events.onTranscription(rec('transcription'));
    session.events.onTranscriptionForLanguage('fr-FR', rec('transcription:fr-FR'));
    session.events.onTranslationForLanguage('es-ES', 'en-US', rec('translation'));
    session.events.onButtonPress(rec('button'));
    session.events.onHeadPosition(rec('head'));
    session.events.onLocation(rec('location'));
    session.events.onGlassesBattery(rec('glasses battery'));
    session.events.onPhoneBattery(rec('phone battery'));
    session.events.onTouchEvent(rec('touch'));
    session.events.onTouchEvent('double_tap', rec('double tap'));
  }
}

describe('inbound stream data: shape checks', () => {
  let cloud: TestCloud;
  let app: Recorder;
  let user: SimulatedUser;
  let logger: ReturnType<typeof captureLogger>;

  beforeEach(async () => {
    cloud = await createTestCloud({ dialect: 'mentraos' });
    logger = captureLogger();
    app = await started(new Recorder(appConfig({ logger })));
    user = await cloud.startSession({ app });
    await user.waitForSubscriptions((s) => s.length >= 9);
  });
  afterEach(async () => {
    await app.stop();
    await cloud.close();
  });

  /** Emits `bad` (each malformed) then `good` on `streamType`; resolves with what the app saw of them. */
  async function through(streamType: string, bad: unknown[], good: unknown[]): Promise<unknown[]> {
    const before = app.seen.length;
    for (const data of [...bad, ...good]) await user.emit(streamType, data);
    await eventually(() => app.seen.length >= before + good.length, 20_000, `${good.length} ${streamType} events`);
    return app.seen.slice(before).map(([, data]) => data);
  }

  /** The warning of dropped frames: logged at the first (and every thousandth). */
  const dropWarnings = () => logger.lines.filter((l) => l.level === 'warn' && l.text.includes('data_stream has a missing or malformed streamType or data'));

  test('transcription and translation need a string text, with or without a language in the stream name', async () => {
    const text = { text: 'hello', isFinal: true };
    expect(await through('transcription', [{ isFinal: true }, { text: 5 }], [text])).toEqual([expect.objectContaining(text)]);
    expect(await through('transcription:fr-FR', [{ isFinal: true }], [{ text: 'bonjour', isFinal: true }])).toEqual([
      expect.objectContaining({ text: 'bonjour' }),
    ]);
    expect(await through('translation:es-ES-to-en-US', [{ isFinal: true }, { text: null }], [{ text: 'hola', isFinal: true }])).toEqual([
      expect.objectContaining({ text: 'hola' }),
    ]);
    expect(dropWarnings().map((l) => l.text)).toEqual([expect.stringContaining('(1 dropped so far)')]);
  });

  test('button_press needs a string buttonId or pressType; head_position "up" or "down"', async () => {
    expect(await through('button_press', [{}, { buttonId: 1, pressType: 2 }], [{ buttonId: 'main' }, { pressType: 'long' }])).toEqual([
      expect.objectContaining({ buttonId: 'main' }),
      expect.objectContaining({ pressType: 'long' }),
    ]);
    expect(await through('head_position', [{ position: 'sideways' }, {}], [{ position: 'up' }, { position: 'down' }])).toEqual([
      expect.objectContaining({ position: 'up' }),
      expect.objectContaining({ position: 'down' }),
    ]);
    expect(dropWarnings()).toHaveLength(1);
  });

  test('location_update needs numeric lat and lng; both battery updates a numeric level', async () => {
    expect(await through('location_update', [{ lat: 1 }, { lng: 2 }, { lat: '1', lng: 2 }], [{ lat: 51.5, lng: -0.1 }])).toEqual([
      expect.objectContaining({ lat: 51.5, lng: -0.1 }),
    ]);
    expect(await through('glasses_battery_update', [{ level: '80' }, {}], [{ level: 80 }])).toEqual([expect.objectContaining({ level: 80 })]);
    expect(await through('phone_battery_update', [{ level: null }], [{ level: 40 }])).toEqual([expect.objectContaining({ level: 40 })]);
    expect(dropWarnings()).toHaveLength(1);
  });

  test('an unchecked stream needs an object, nothing more; a gesture stream is not mistaken for translation', async () => {
    // touch_event:double_tap has its colon where translation:… has its own: it must not get translation's check.
    // A double tap reaches both touch handlers, in one dispatch.
    const tap = { gesture_name: 'double_tap' };
    expect(await through('touch_event', ['a string', null, ['an', 'array'], 7], [tap])).toEqual([tap, tap]);
    const before = app.seen.length;
    await user.emit('touch_event:double_tap', tap);
    await eventually(() => app.seen.length > before, 20_000, 'the double tap');
    expect(app.seen.slice(before).map(([name]) => name)).toContain('double tap');
    expect(dropWarnings()).toHaveLength(1);
  });
});
