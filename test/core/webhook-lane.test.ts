/**
 * The webhook's fast lane (a POST of application/json with a Content-Length) and the Express route give the
 * same answers: each body is sent once with a Content-Length (the lane) and once chunked (Express).
 */
import { gzipSync } from 'node:zlib';
import { createTestCloud, type TestCloud } from '../../src/testing';
import { EchoApp, appConfig, started } from '../helpers/apps';
import { rawRequest } from '../helpers/wire';

interface Answer {
  status: number;
  contentType: string;
  body: any;
}

interface PostOptions {
  chunked?: boolean;
  path?: string;
  method?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** POSTs (or sends with `method`) `body` over a raw socket: with a Content-Length (the lane), or chunked (Express). */
async function post(port: number, body: string | Buffer, opts: PostOptions = {}): Promise<Answer> {
  const headers = { 'content-type': opts.contentType ?? 'application/json', ...opts.headers };
  const res = await rawRequest(port, { method: opts.method, path: opts.path, body, chunked: opts.chunked, headers });
  return { status: res.status, contentType: String(res.headers['content-type']), body: res.json ?? res.text };
}

describe('webhook lane', () => {
  let cloud: TestCloud;
  let app: EchoApp;
  afterEach(async () => {
    await app?.stop();
    await cloud?.close();
  });

  test.each([
    ['invalid JSON', '{"type":', 400, /not valid JSON/],
    ['a JSON string', '"session_request"', 400, /not valid JSON/],
    ['an array', '[1]', 400, /JSON object/],
    ['an empty body', '', 400, /"type"/],
    ['a body of spaces', '  ', 400, /not valid JSON/],
    ['a byte-order mark before an object without a type', '\ufeff{"sessionId":"s"}', 400, /"type"/],
    ['an unknown type', '{"type":"server_heartbeat","sessionId":"s","userId":"u"}', 400, /Unknown webhook request type/],
  ])('%s: the same answer on the lane and through Express', async (_name, body, status, reason) => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig()));
    const lane = await post(app.getPort(), body);
    const express = await post(app.getPort(), body, { chunked: true });
    expect(lane).toEqual(express);
    expect(lane.status).toBe(status);
    expect(lane.contentType).toBe('application/json; charset=utf-8');
    expect(lane.body.message).toMatch(reason);
  });

  test('a webhook path with a query string or another content type still reaches the webhook (through Express)', async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig()));
    const stop = JSON.stringify({ type: 'stop_request', sessionId: 'nobody-com.example.app', userId: 'nobody', reason: 'user_disabled' });
    for (const opts of [{}, { path: '/webhook?source=test' }, { contentType: 'application/json; charset=UTF-8' }]) {
      expect(await post(app.getPort(), stop, opts)).toMatchObject({ status: 200, body: { status: 'success' } });
    }
    const user = await cloud.startSession({ app, userId: 'lane@example.com' });
    await user.transcribe('through the lane');
    await user.waitForDisplay('echo: through the lane');
  });

  test('only a POST of JSON to the webhook path takes the lane: anything else gets the answer Express gives', async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig()));
    const port = app.getPort();
    const stop = JSON.stringify({ type: 'stop_request', sessionId: 'nobody-com.example.app', userId: 'nobody', reason: 'user_disabled' });
    const cases: [string, string | Buffer, PostOptions][] = [
      ['another path', stop, { path: '/not-the-webhook' }],
      ['another method', stop, { method: 'PUT' }],
      ['text/plain', stop, { contentType: 'text/plain' }],
      ['a gzip-encoded body', gzipSync(stop), { headers: { 'content-encoding': 'gzip' } }],
    ];
    const answers: Record<string, number> = {};
    for (const [name, body, opts] of cases) {
      const withLength = await post(port, body, opts);
      const chunked = await post(port, body, { ...opts, chunked: true });
      expect({ name, ...withLength }).toEqual({ name, ...chunked });
      answers[name] = withLength.status;
    }
    // what Express answers: no route, a webhook that takes only POST, a type it does not read, a body it inflates
    expect(answers).toEqual({ 'another path': 404, 'another method': 405, 'text/plain': 415, 'a gzip-encoded body': 200 });
  });

  test('a body limit is read the same on the lane and through Express, spacing and letter case included', async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig({ bodyLimit: ' 1 KB ' })));
    const sized = (n: number) => {
      const head = JSON.stringify({ type: 'stop_request', sessionId: 'nobody-com.example.app', userId: 'nobody', reason: 'user_disabled', pad: '' });
      return `${head.slice(0, -2)}${'x'.repeat(n - head.length)}"}`;
    };
    expect(sized(1024)).toHaveLength(1024);
    for (const chunked of [false, true]) {
      expect({ chunked, status: (await post(app.getPort(), sized(1024), { chunked })).status }).toEqual({ chunked, status: 200 });
      expect({ chunked, status: (await post(app.getPort(), sized(1025), { chunked })).status }).toEqual({ chunked, status: 413 });
    }
  });

  test('the configured body limit holds on the lane', async () => {
    cloud = await createTestCloud();
    app = await started(new EchoApp(appConfig({ bodyLimit: '100b' })));
    const res = await post(app.getPort(), JSON.stringify({ type: 'session_request', pad: 'x'.repeat(200) }));
    expect(res.status).toBe(413);
    expect(res.body.message).toMatch(/too large/);
  });
});
