/**
 * The same scenarios through a modern app and its legacy twin, against the test cloud in both dialects:
 * the wire transcripts must be identical once times, ports, generated ids and the documented dialect
 * names are normalised. The modern runs must not touch a deprecated API; the legacy ones do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestCloud, type DialectName } from '../../src/testing';
import type { AppServer } from '../../src';
import type { TpaServer } from '../../compat';
import { SCENARIOS, type Scenario } from './scenarios';
import { appMessages, normaliseTranscript, type NormalisedRecord } from './normalise';

/** The scenario from a fresh copy of the SDK, so that its once-per-process warnings fire again. */
function fresh(name: string): Scenario {
  let scenarios!: typeof SCENARIOS;
  jest.isolateModules(() => {
    scenarios = (require('./scenarios') as typeof import('./scenarios')).SCENARIOS;
  });
  return scenarios.find((s) => s.name === name)!;
}

async function transcriptOf(name: string, facade: 'modern' | 'legacy', dialect: DialectName): Promise<{ users: NormalisedRecord[][]; deprecations: number }> {
  const scenario = fresh(name);
  const cloud = await createTestCloud({ dialect, ...scenario.cloud });
  let deprecations = 0;
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(((_w: unknown, opts?: { type?: string }) => {
    if (opts?.type === 'DeprecationWarning') deprecations++;
  }) as typeof process.emitWarning);
  let app: AppServer | TpaServer | undefined;
  try {
    app = facade === 'modern' ? scenario.modern() : scenario.legacy();
    await app.start();
    const users = await scenario.drive(cloud, app);
    return { users: users.map((u) => normaliseTranscript(u.wire)), deprecations };
  } finally {
    spy.mockRestore();
    await app?.stop();
    await cloud.close();
  }
}

describe.each<DialectName>(['augmentos', 'mentraos'])('conformance on the %s cloud', (dialect) => {
  test.each(SCENARIOS.map((s) => s.name))('%s: the modern app and its legacy twin put the same messages on the wire', async (name) => {
    const modern = await transcriptOf(name, 'modern', dialect);
    const legacy = await transcriptOf(name, 'legacy', dialect);
    expect(modern.deprecations).toBe(0);
    expect(legacy.deprecations).toBeGreaterThan(0);
    expect(modern.users.length).toBeGreaterThan(0);
    expect(legacy.users).toEqual(modern.users);
  });
});

describe('against the published SDKs', () => {
  const published = (file: string): NormalisedRecord[] =>
    normaliseTranscript(
      readFileSync(path.join(__dirname, 'fixtures', file), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );

  /** The published SDKs' known defect: an empty subscription_update right after the ack (ours sends the list once). */
  const withoutEmptyFirstList = (msgs: unknown[]) =>
    msgs.filter(
      (m, i) =>
        !(
          i === 1 &&
          (m as { type: string; subscriptions: unknown[] }).type === 'subscription_update' &&
          (m as { subscriptions: unknown[] }).subscriptions.length === 0
        ),
    );

  test.each([
    ['legacy', 'augmentos', 'augmentos-sdk-1.1.18.echo.jsonl'],
    ['modern', 'mentraos', 'mentra-sdk-2.1.29.echo.jsonl'],
  ] as const)('the %s echo app sends what the published SDK sent against the %s cloud (%s)', async (facade, dialect, file) => {
    const ours = await transcriptOf('echo', facade, dialect);
    const theirs = withoutEmptyFirstList(appMessages(published(file)));
    expect(appMessages(ours.users[0])).toEqual(theirs);
  });
});
