/**
 * The API keys the tests use, and a record of any log line that contained one. Every captured log line
 * (the capture logger, console, stdout and stderr of the test process, launched apps' output) is checked;
 * `test/setup/no-secrets-in-logs.ts` fails the test during which a key appeared.
 */
import { DEV_API_KEY } from '../../src/testing/launch';

export const API_KEY = 'test-api-key-0123456789abcdef';
export const TEST_SECRETS: readonly string[] = [API_KEY, DEV_API_KEY];

const leaks: string[] = [];

/** Checks one log line; a line holding a key is remembered (shortened, with the key masked). */
export function checkLogLine(text: string, where: string): void {
  for (const secret of TEST_SECRETS) {
    if (text.includes(secret)) leaks.push(`${where}: ${text.split(secret).join('<API KEY>').slice(0, 300)}`);
  }
}

/** The leaks seen since the last call. */
export function takeLeaks(): string[] {
  return leaks.splice(0);
}
