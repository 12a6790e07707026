/**
 * `toError` turns anything thrown into an Error; an error from another realm (a `vm` context, jest's own
 * sandbox, where `fetch` and `AbortSignal.timeout` throw the host's errors) keeps its name and message.
 */
import vm from 'node:vm';
import { toError } from '../../src/core/errors';

describe('toError', () => {
  test('an Error is returned as it is; a string becomes the message; anything else is described as JSON', () => {
    const own = new RangeError('out of range');
    expect(toError(own)).toBe(own);
    expect(toError('plain text')).toMatchObject({ name: 'Error', message: 'plain text' });
    expect(toError({ name: 'NotAnError', message: 'looks like one' }).message).toBe('{"name":"NotAnError","message":"looks like one"}');
    expect(toError(null).message).toBe('null');
  });

  test('an Error made in another realm keeps its name and message (it is not described as "{}")', () => {
    const foreign = vm.runInNewContext('new TypeError("fetch failed")') as unknown;
    expect(foreign instanceof Error).toBe(false);
    const error = toError(foreign);
    expect(error).toBe(foreign);
    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
  });

  test("the host's timeout reason (a DOMException) keeps its name, TimeoutError", async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    expect(toError(signal.reason)).toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/timeout/) });
  });
});
