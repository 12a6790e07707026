/**
 * The link from a facade session to its core session, seen from the app: a session member called on an
 * object the SDK did not create fails with a clear TypeError, a module built on something that is not a
 * session fails with `invalid_argument` naming the module, and `updateSessionId` warns only for a foreign id.
 */
import { AppSession, isSdkError } from '../../src';
import { captureLogger } from '../helpers/apps';
import { harness } from '../helpers/modules';

const UNCHANGED = 'updateSessionId() changes nothing';

describe('core-of: which core session is behind a facade session', () => {
  const h = harness();

  test('a session member called on an object the SDK did not create throws a TypeError that says so', () => {
    expect(() => AppSession.prototype.getSessionId.call({})).toThrow(new TypeError('Not a session created by the SDK'));
    expect(() => AppSession.prototype.subscribe.call({}, 'transcription')).toThrow(new TypeError('Not a session created by the SDK'));
  });

  test('a module built on something that is not a session throws invalid_argument naming the module', async () => {
    const { session } = await h.start();
    const Camera = session.camera.constructor as new (s: unknown) => unknown;
    const Audio = session.audio.constructor as new (s: unknown) => unknown;
    for (const [Module, name] of [
      [Camera, 'CameraModule'],
      [Audio, 'AudioManager'],
    ] as const) {
      for (const bad of [{}, null, 'session-1', 42]) {
        let caught: unknown;
        try {
          new Module(bad);
        } catch (e) {
          caught = e;
        }
        expect(isSdkError(caught)).toBe(true);
        expect(caught).toMatchObject({ code: 'invalid_argument' });
        expect((caught as Error).message).toBe(`new ${name}(session, ...) needs the app's session (an AppSession or TpaSession)`);
      }
    }
    // The app's own session is accepted and the module works on it.
    expect(new Camera(session)).toBeInstanceOf(Camera);
  });

  test("updateSessionId warns only when given an id that is not the session's, and names the module", async () => {
    const logger = captureLogger();
    const { session } = await h.start({ logger });
    const warnings = () => logger.lines.filter((l) => l.level === 'warn' && l.text.includes(UNCHANGED)).map((l) => l.text);

    session.camera.updateSessionId(session.getSessionId());
    session.audio.updateSessionId(session.getSessionId());
    expect(warnings()).toEqual([]);

    session.camera.updateSessionId('some-other-session');
    expect(warnings()).toEqual(["camera.updateSessionId() changes nothing: the module always uses its session's id"]);
    session.audio.updateSessionId('another-one');
    expect(warnings()).toEqual([
      "camera.updateSessionId() changes nothing: the module always uses its session's id",
      "audio.updateSessionId() changes nothing: the module always uses its session's id",
    ]);
    // The modules keep using the session's own id.
    expect(session.getSessionId()).not.toBe('some-other-session');
  });
});
