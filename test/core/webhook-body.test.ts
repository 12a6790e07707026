/**
 * Which requests take the webhook's fast lane, and how the lane reads a body, over real requests on
 * 127.0.0.1. From outside, the lane and Express give the same answers (webhook-lane.test.ts); here each
 * request is shown to the lane's own checks, so a request that would wrongly go to Express is seen too.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { byteLimit, declaredLength, INVALID_JSON, readJsonBody, takesLane } from '../../src/core/http/webhook-body';
import { type RawRequest, rawRequest } from '../helpers/wire';

interface Seen {
  lane: boolean;
  length: number | 'none';
  body: unknown;
}

/** A server that answers each request with what the lane makes of it (the limit in bytes is `limit()`). */
async function probe(limit: () => number | undefined): Promise<{ port: number; close: () => Promise<void>; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = http.createServer(async (req, res) => {
    const lane = takesLane(req, '/webhook', limit());
    const length = declaredLength(req);
    const body = await readJsonBody(req);
    bodies.push(body);
    const seen: Seen = { lane, length: length === undefined ? 'none' : length, body: body === INVALID_JSON ? 'INVALID_JSON' : body };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const json = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...headers });
const stop = JSON.stringify({ type: 'stop_request', sessionId: 's', userId: 'u' });

describe('byteLimit', () => {
  test.each<[string | number | undefined, number | undefined]>([
    [undefined, 100 * 1024],
    [0, 0],
    [100, 100],
    [100.7, 100.7],
    [1e21, 1e21],
    [-1, undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    ['512', 512],
    ['7b', 7],
    ['1kb', 1024],
    ['1.5kb', 1536],
    [' 2 MB ', 2 * 1024 ** 2],
    ['1gb', 1024 ** 3],
    ['1tb', undefined],
    ['-1kb', undefined],
    ['kb', undefined],
    ['', undefined],
  ])('%p reads as %p bytes', (limit, bytes) => {
    expect(byteLimit(limit)).toBe(bytes);
  });
});

describe('the lane', () => {
  let server: Awaited<ReturnType<typeof probe>>;
  let limit: number | undefined;
  beforeAll(async () => {
    server = await probe(() => limit);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    limit = 100 * 1024;
  });
  const send = async (req: RawRequest): Promise<Seen> => (await rawRequest(server.port, req)).json;

  test('takes a POST of application/json to the webhook path with a Content-Length', async () => {
    expect(await send({ body: stop, headers: json() })).toEqual({ lane: true, length: stop.length, body: JSON.parse(stop) });
    const utf8 = json({ 'content-type': 'application/json; charset=utf-8' });
    expect(await send({ body: stop, headers: utf8 })).toMatchObject({ lane: true });
    expect(await send({ body: stop, headers: json({ 'content-encoding': 'identity' }) })).toMatchObject({ lane: true });
    expect(await send({ body: '', headers: json() })).toEqual({ lane: true, length: 0, body: {} });
  });

  test.each<[string, RawRequest]>([
    ['another path', { path: '/other', body: stop, headers: json() }],
    ['a query string', { path: '/webhook?source=test', body: stop, headers: json() }],
    ['PUT', { method: 'PUT', body: stop, headers: json() }],
    ['no content type', { body: stop }],
    ['text/plain', { body: stop, headers: { 'content-type': 'text/plain' } }],
    ['another spelling of the charset', { body: stop, headers: json({ 'content-type': 'application/json; charset=UTF-8' }) }],
    ['a chunked body', { body: stop, headers: json(), chunked: true }],
  ])('leaves %s to Express', async (_name, req) => {
    expect(await send(req)).toMatchObject({ lane: false });
  });

  test('leaves an encoded body to Express, and reads no length from it', async () => {
    expect(await send({ body: gzipSync(stop), headers: json({ 'content-encoding': 'gzip' }) })).toMatchObject({ lane: false, length: 'none' });
    expect(await send({ body: stop, headers: json({ 'content-encoding': 'gzip' }) })).toMatchObject({ lane: false, length: 'none' });
  });

  test('a request without a body declares no length', async () => {
    // (a NaN length would reach the JSON answer as null)
    expect(await send({ method: 'GET', path: '/webhook' })).toEqual({ lane: false, length: 'none', body: {} });
  });

  test('takes bodies up to the smaller of the body limit and 16 KiB', async () => {
    const sized = (n: number) => JSON.stringify({ pad: 'x'.repeat(n - 10) });
    expect(sized(100)).toHaveLength(100);
    limit = 100;
    expect(await send({ body: sized(100), headers: json() })).toMatchObject({ lane: true, length: 100 });
    expect(await send({ body: sized(101), headers: json() })).toMatchObject({ lane: false, length: 101 });
    limit = 100 * 1024;
    expect(await send({ body: sized(16 * 1024), headers: json() })).toMatchObject({ lane: true, length: 16 * 1024 });
    expect(await send({ body: sized(16 * 1024 + 1), headers: json() })).toMatchObject({ lane: false, length: 16 * 1024 + 1 });
    limit = undefined;
    expect(await send({ body: stop, headers: json() })).toMatchObject({ lane: false });
  });

  test('reads a body sent in parts, with a character split between them', async () => {
    const body = Buffer.from(JSON.stringify({ text: 'grüße' }), 'utf8');
    const split = body.indexOf(0xc3) + 1; // between the two bytes of "ü"
    const socket = net.connect(server.port, '127.0.0.1');
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (c) => {
        text += c.toString('utf8');
      });
      socket.on('end', () => resolve(text));
    });
    socket.write(`POST /webhook HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`);
    socket.write(body.subarray(0, split));
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.end(body.subarray(split));
    const text = await answer;
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ lane: true, body: { text: 'grüße' } });
  });

  test('a body that is not strict JSON reads as invalid; an aborted upload as nothing', async () => {
    expect(await send({ body: '"text"', headers: json() })).toMatchObject({ body: 'INVALID_JSON' });
    expect(await send({ body: '{"a":', headers: json() })).toMatchObject({ body: 'INVALID_JSON' });
    const before = server.bodies.length;
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /webhook HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"type":');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    for (let i = 0; i < 500 && server.bodies.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.bodies.slice(before)).toEqual([undefined]);
  });
});
