/**
 * The seeded fuzz test: 2,400 hostile frames on one live session (invalid JSON, every JSON type, unknown
 * types, known types with wrong or missing fields, 1 MB strings (2% of the frames), 10,000-level nesting (3%), random binary,
 * invalid UTF-8 in text frames), interleaved with valid transcriptions. Afterwards the session is still
 * on its first connection, the server still serves, and at least 95% of the valid events were handled.
 */
import { createTestCloud, type SimulatedUser, type TestCloud } from '../../src/testing';
import { AppServer, type AppSession } from '../../src';
import { appConfig, captureLogger, eventually } from '../helpers/apps';
import { HostileFrames, type HostileKind } from '../helpers/hostile';

const SEED = 0x5eed_2025;
const HOSTILE = 2_400;
const VALID_EVERY = 8;

class Listener extends AppServer {
  readonly heard = new Set<string>();
  readonly stops: string[] = [];
  session: AppSession | undefined;
  protected override async onSession(session: AppSession): Promise<void> {
    this.session = session;
    session.events.onTranscription((d) => {
      if (/^valid-\d+$/.test(d.text)) this.heard.add(d.text);
    });
    session.events.onButtonPress(() => {});
    session.events.onHeadPosition(() => {});
    session.settings.onValueChange('k', () => {});
    session.settings.onChange(() => {});
  }
  protected override async onStop(_s: string, _u: string, reason: string): Promise<void> {
    this.stops.push(reason);
  }
}

let cloud: TestCloud;
let app: Listener;
afterEach(async () => {
  await app?.stop();
  await cloud?.close();
});

test(`${HOSTILE} seeded hostile frames (seed ${SEED.toString(16)}) leave the process, the session and the server alive`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (e: unknown) => void unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const errors: Error[] = [];
  cloud = await createTestCloud();
  app = new Listener(appConfig({ logger: captureLogger(), onError: (e) => void errors.push(e) }));
  await app.start();
  const user: SimulatedUser = await cloud.startSession({ app });
  await user.waitForSubscriptions((s) => s.includes('transcription:en-US'));

  const gen = new HostileFrames(SEED);
  const kinds = new Map<HostileKind, number>();
  let valid = 0;
  const started = performance.now();
  let inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < HOSTILE; i++) {
    const frame = gen.next();
    kinds.set(frame.kind, (kinds.get(frame.kind) ?? 0) + 1);
    inFlight.push(user.sendRaw(frame.data, { fuzz: frame.kind, i }, { asText: frame.asText }));
    if (i % VALID_EVERY === 0) {
      inFlight.push(user.emit('transcription:en-US', { type: 'transcription', text: `valid-${valid++}`, isFinal: true, transcribeLanguage: 'en-US' }));
    }
    if (inFlight.length >= 32) {
      await Promise.all(inFlight);
      inFlight = [];
    }
  }
  await Promise.all(inFlight);
  await eventually(() => app.heard.size >= valid, 30_000, 'the valid transcriptions').catch(() => {});
  const elapsed = performance.now() - started;

  // every category was exercised
  expect([...kinds.keys()].sort()).toEqual([
    'bad-utf8-text',
    'binary',
    'deep-nesting',
    'huge-string',
    'invalid-json',
    'json-type',
    'unknown-type',
    'wrong-fields',
  ]);
  // at least 95% of the valid events were handled
  expect(app.heard.size / valid).toBeGreaterThanOrEqual(0.95);
  // the session is alive on its first connection
  expect(user.connections).toBe(1);
  expect(user.connected).toBe(true);
  expect(app.session!.state).toBe('ready');
  expect(app.stops).toEqual([]);
  // and still works both ways
  app.session!.layouts.showTextWall('still standing');
  await user.waitForDisplay('still standing');
  // the server still serves: health and a brand-new session
  const health = (await (await fetch(`http://127.0.0.1:${app.getPort()}/health`)).json()) as { activeSessions: number };
  expect(health.activeSessions).toBe(1);
  const second = await cloud.startSession({ app, userId: 'second@example.com' });
  await second.waitForSubscriptions((s) => s.includes('transcription:en-US'));
  expect(unhandled).toEqual([]);
  process.off('unhandledRejection', onUnhandled);

  process.stdout.write(
    `fuzz test: ${HOSTILE} hostile + ${valid} valid frames in ${elapsed.toFixed(0)} ms, ${app.heard.size}/${valid} valid handled, ${errors.length} handler errors, ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
  );
}, 120_000);
