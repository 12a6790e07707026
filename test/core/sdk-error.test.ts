/**
 * The error family apps branch on: `SdkError`'s own fields, `isSdkError`, `toError` for anything thrown, and
 * which 3.0.0-hono class each engine code answers `instanceof` for.
 */
import { isSdkError, SdkError, type SdkErrorCode, toError } from '../../src/core/errors';
import { MentraAuthError, MentraConnectionError, MentraError, MentraTimeoutError, MentraValidationError } from '../../src/core/mentra-errors';

describe('SdkError', () => {
  test('carries its name, code and message; a cause and details only when given', () => {
    const bare = new SdkError('queue_full', 'the queue is full');
    expect(bare).toMatchObject({ name: 'SdkError', code: 'queue_full', message: 'the queue is full' });
    expect('cause' in bare).toBe(false);
    expect(bare.details).toBeUndefined();
    const cause = new Error('socket closed');
    const full = new SdkError('connect_failed', 'no connection', { cause, details: { attempt: 3 } });
    expect(full.cause).toBe(cause);
    expect(full.details).toEqual({ attempt: 3 });
  });

  test('isSdkError tells SdkErrors apart, and matches a code when one is given', () => {
    const err = new SdkError('request_timeout', 'no answer');
    expect(isSdkError(err)).toBe(true);
    expect(isSdkError(err, 'request_timeout')).toBe(true);
    expect(isSdkError(err, 'queue_full')).toBe(false);
    expect(isSdkError(new Error('plain'))).toBe(false);
    expect(isSdkError(new Error('plain'), 'request_timeout')).toBe(false);
    expect(isSdkError({ code: 'request_timeout', message: 'look-alike' }, 'request_timeout')).toBe(false);
  });
});

describe('toError, the edges', () => {
  test('values JSON cannot describe fall back to String()', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(toError(circular).message).toBe('[object Object]');
    expect(toError(10n).message).toBe('10');
    expect(toError(undefined).message).toBe('undefined');
  });

  test('an object only tagged as an error, without a string name and message, is wrapped, not passed on', () => {
    for (const fake of [
      { [Symbol.toStringTag]: 'Error', name: 'Fake', message: 42 },
      { [Symbol.toStringTag]: 'Error', name: 7, message: 'fake' },
    ]) {
      const err = toError(fake);
      expect(err).not.toBe(fake);
      expect(err).toBeInstanceOf(Error);
    }
  });
});

describe('the 3.0.0-hono classes an engine code answers instanceof for', () => {
  test.each<[SdkErrorCode, (typeof MentraError)[]]>([
    ['connection_error', [MentraAuthError]],
    ['connect_failed', [MentraConnectionError]],
    ['cloud_unreachable', [MentraConnectionError]],
    ['handshake_timeout', [MentraTimeoutError]],
    ['request_timeout', [MentraTimeoutError]],
    ['invalid_argument', [MentraValidationError]],
    ['invalid_config', [MentraValidationError]],
    ['queue_full', []],
    ['photo_error', []],
  ])('%s', (code, classes) => {
    const err = new SdkError(code, 'from the engine');
    expect(err).toBeInstanceOf(MentraError);
    const all = [MentraAuthError, MentraConnectionError, MentraTimeoutError, MentraValidationError];
    expect(all.filter((c) => err instanceof c)).toEqual(classes);
  });
});
