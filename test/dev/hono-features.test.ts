/**
 * The local cloud of `mentraos dev` speaks what the 3.0.0-hono line added: `request_telemetry` as a control
 * command answered with the app's upload, and an app's audio output stream reported as `audio_output` events
 * (start, bytes, end) while the page's player gets the stream's loopback URL as an `audio_request`.
 */
import { AppServer, type AppSession } from '../../src';
import type { ControlEvent } from '../../src/protocol/control';
import type { ControlClient } from '../../src/testing/control-client';
import { appConfig } from '../helpers/apps';
import { startRig, type Rig } from './rig';

const U = 'wearer@example.com';

class StreamingApp extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.logger.info('session began');
    session.layouts.showTextWall('ready');
    session.events.onButtonPress(async () => {
      const out = await session.audio.createOutputStream();
      out.write(Buffer.from([0xff, 0xfb, 1, 2, 3]));
      out.write(Buffer.from([4, 5]));
      await out.end();
    });
  }
}

let rig: Rig;
let ctl: ControlClient;
beforeEach(async () => {
  rig = await startRig({ app: new StreamingApp(appConfig({ trustedCloudHosts: ['127.0.0.1'], appPing: true, pingIntervalMs: 50 })) });
  ctl = await rig.connect();
  await ctl.userStart(U);
  await ctl.waitForDisplay(U, 'ready');
});
afterEach(() => rig.close());

test('request_telemetry returns the lines the session logged', async () => {
  const answer = await ctl.requestTelemetry(U, 60_000);
  expect(answer.success).toBe(true);
  expect(answer.status).toBe(200);
  expect(answer.incident_id).toMatch(/^incident-/);
  expect((answer.logs as Array<{ message: string }>).map((l) => l.message)).toContain('session began');
});

test('an audio output stream is played from its loopback URL and reported with its bytes and end', async () => {
  await ctl.input(U, { kind: 'button' });
  const ended = (await ctl.waitForEvent((e) => e.type === 'audio_output' && e.state === 'ended', 10_000)) as Extract<ControlEvent, { type: 'audio_output' }>;
  expect(ended).toMatchObject({ user_id: U, content_type: 'audio/mpeg', bytes: 7 });
  expect(ended.stream_id).toHaveLength(36);
  const started = ctl.events.find((e) => e.type === 'audio_output' && e.state === 'started');
  expect(started).toMatchObject({ stream_id: ended.stream_id, url: ended.url });
  const play = await ctl.waitForEvent((e) => e.type === 'audio_request' && e.kind === 'play');
  expect(play).toMatchObject({ audio_url: ended.url, app_request_id: `stream_${ended.stream_id}` });
  const served = await fetch(ended.url);
  expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from([0xff, 0xfb, 1, 2, 3, 4, 5]));
});

test('the app-level ping is answered with pong by the local cloud', async () => {
  await ctl.waitForEvent((e) => e.type === 'wire' && e.direction === 'app->cloud' && (e.message as { type?: string })?.type === 'ping', 10_000);
  await ctl.waitForEvent((e) => e.type === 'wire' && e.direction === 'cloud->app' && (e.message as { type?: string })?.type === 'pong', 10_000);
  expect(rig.dev.snapshot(U)[0]!.state).toBe('ready');
});
