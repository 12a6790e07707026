/**
 * The `timestamp` of outbound frames (`isoNow`): exactly `new Date().toISOString()` of the current millisecond,
 * a new string as soon as the millisecond changes, and the same string within one millisecond.
 */
import { isoNow } from '../../src/core/session/clock';

afterEach(() => jest.restoreAllMocks());

test('gives the ISO 8601 text of the current millisecond, and follows the clock from one millisecond to the next', () => {
  const now = jest.spyOn(Date, 'now');
  const first = Date.UTC(2026, 11, 5, 4, 30, 0, 123);
  now.mockReturnValue(first);
  expect(isoNow()).toBe('2026-12-05T04:30:00.123Z');
  now.mockReturnValue(first + 1);
  expect(isoNow()).toBe('2026-12-05T04:30:00.124Z');
  now.mockReturnValue(first + 60_000);
  expect(isoNow()).toBe('2026-12-05T04:31:00.123Z');
});

test('within one millisecond every frame gets the same string, built once', () => {
  const now = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2027, 0, 1));
  const build = jest.spyOn(Date.prototype, 'toISOString');
  const a = isoNow();
  const b = isoNow();
  const c = isoNow();
  expect(a).toBe('2027-01-01T00:00:00.000Z');
  expect([b, c]).toEqual([a, a]);
  expect(now).toHaveBeenCalledTimes(3);
  expect(build).toHaveBeenCalledTimes(1);
});

test('on the real clock, it is what new Date().toISOString() gives', () => {
  const before = Date.now();
  const text = isoNow();
  const after = Date.now();
  const at = Date.parse(text);
  expect(text).toBe(new Date(at).toISOString());
  expect(at).toBeGreaterThanOrEqual(before);
  expect(at).toBeLessThanOrEqual(after);
});
