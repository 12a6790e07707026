/**
 * The suite-wide guard (test/setup/no-secrets-in-logs.ts) fails any test during which an API key shows
 * up in a captured log line. Here: the guard does catch a key, and the SDK's own logger never lets one
 * through, whatever is passed to it.
 */
import { SdkError } from '../../src';
import { API_KEY, EchoApp, appConfig, captureLogger } from '../helpers/apps';
import { checkLogLine, takeLeaks } from '../helpers/secrets';

test('the guard catches a key in a captured line (and this test then clears what it planted)', () => {
  const raw = captureLogger();
  raw.warn(`connecting with ${API_KEY}`);
  checkLogLine(`{"apiKey":"${API_KEY}"}`, 'planted');
  const leaks = takeLeaks();
  expect(leaks).toHaveLength(2);
  expect(leaks.join('\n')).not.toContain(API_KEY);
  expect(leaks[0]).toContain('<API KEY>');
});

test('everything logged through the SDK logger has the key redacted: text, objects, errors and causes', () => {
  const lines = captureLogger();
  const app = new EchoApp(appConfig({ logger: lines }));
  const err = new SdkError('connect_failed', `failed for ${API_KEY}`, { cause: new Error(API_KEY) });
  app.logger.error('key', API_KEY, { apiKey: API_KEY, nested: { config: { key: API_KEY } } }, err);
  app.logger.child?.({ k: API_KEY }).warn(`child ${API_KEY}`);
  expect(lines.lines.length).toBe(2);
  for (const l of lines.lines) expect(l.text).not.toContain(API_KEY);
  expect(takeLeaks()).toEqual([]);
});
