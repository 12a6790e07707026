/**
 * The request router's limits and rarer paths, over real HTTP(S) on 127.0.0.1: how many unreachable
 * instances and throttled log lines it remembers, an owner reached over HTTPS, and an answer that something
 * before the router had already begun.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { closingReusedConnections, connectionsLeft, instance, listen, openConnections, rawOwner } from './router-kit';

/** An owner address whose URL does not parse: every forward to it fails at once, without a connection. */
const NOT_A_HOST = 'http://[not a host';
const unreachableLine = (n: number) => `Instance i${n} at ${NOT_A_HOST} is unreachable; answering here and dropping its records as they are met`;

/** An edge whose directory names instance `i<n>` (at an address that never answers) for each user `u<n>`. */
async function edgeWithDeadOwners(count: number) {
  const edge = await instance('edge');
  for (let n = 0; n < count; n++) edge.directory.records.set(`user:u${n}`, { instanceId: `i${n}`, url: NOT_A_HOST });
  const ask = async (n: number) => expect((await fetch(`${edge.url}/json?user=u${n}`)).status).toBe(201);
  return { edge, ask };
}

test('up to 257 unreachable instances are remembered and not tried again; the 258th starts the list afresh', async () => {
  const { edge, ask } = await edgeWithDeadOwners(258);
  for (let n = 0; n <= 256; n++) await ask(n);
  expect(edge.directory.forgotten).toHaveLength(257);
  await ask(0);
  expect(edge.directory.forgotten).toHaveLength(257);
  await ask(257);
  await ask(0);
  expect(edge.directory.forgotten.slice(-2)).toEqual(['user:u257@i257', 'user:u0@i0']);
  expect(edge.seen).toHaveLength(260);
});

test('each unreachable instance is logged once a minute, for up to 1,000 instances; the 1,001st starts the count afresh', async () => {
  const { edge, ask } = await edgeWithDeadOwners(1001);
  for (let n = 0; n < 1000; n++) await ask(n);
  expect(edge.warns()).toHaveLength(1000);
  // Instance 0 left the unreachable list long ago, so it is tried again; its line was logged within the minute.
  await ask(0);
  expect(edge.directory.forgotten.at(-1)).toBe('user:u0@i0');
  expect(edge.warns()).toHaveLength(1000);
  await ask(1000);
  await ask(1);
  expect(edge.warns().slice(-2)).toEqual([unreachableLine(1000), unreachableLine(1)]);
});

/** A key and a self-signed certificate for 127.0.0.1, made for this run. */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'forward-tls-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const subject = ['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-keyout', key, '-out', cert, ...subject],
      {
        stdio: 'ignore',
      },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an owner over HTTPS: an untrusted certificate gets 502 and no request; a trusted one answers on a kept-alive connection close() ends', async () => {
  const edge = await instance('edge');
  const urls: string[] = [];
  let handshakes = 0;
  const pair = selfSigned();
  const server = https.createServer(pair, (req, res) => {
    urls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end('{"over":"tls"}');
  });
  server.on('secureConnection', () => handshakes++);
  // The owner keeps an idle connection open far longer than this test waits: only close() can end it.
  server.keepAliveTimeout = 120_000;
  const url = (await listen(server)).replace('http:', 'https:');
  edge.directory.records.set('user:remote', { instanceId: 'tls', url });
  const refused = await fetch(`${edge.url}/json?user=remote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(refused.status).toBe(502);
  expect(urls).toEqual([]);
  expect(edge.warns()).toEqual([expect.stringMatching(/^Forwarding POST \/json to instance tls failed: self[- ]signed certificate/)]);

  // Trusted as an operator trusts an internal authority (NODE_EXTRA_CA_CERTS): added to the process's defaults.
  const defaults = tls.getCACertificates('default');
  tls.setDefaultCACertificates([...defaults, pair.cert.toString()]);
  try {
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${edge.url}/json?user=remote&n=${i}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ over: 'tls' });
    }
  } finally {
    tls.setDefaultCACertificates(defaults);
  }
  expect(urls).toEqual(['/json?user=remote&n=0', '/json?user=remote&n=1']);
  expect(handshakes).toBe(1);
  expect(await openConnections(server)).toBe(1);
  edge.router.close();
  expect(await connectionsLeft(server)).toBe(0);
  expect(edge.seen).toEqual([]);
});

test("an answer something before the router had begun is kept; the owner's is read to its end and dropped", async () => {
  let early: ServerResponse | undefined;
  const edge = await instance('edge', {
    beforeRoute: (req, res, next) => {
      if (req.query.early) {
        res.writeHead(202, { 'content-type': 'text/plain' });
        res.write('begun here; ');
        early = res;
      }
      next();
    },
  });
  // Far more than the sockets between the two can buffer: the owner finishes only if the edge reads it all.
  const big = Buffer.alloc(32 * 1024 * 1024, 'x');
  let ownerFinished = false;
  const owner = await rawOwner((_req, res) => {
    res.on('finish', () => {
      ownerFinished = true;
      early?.end('ended here');
    });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(big);
  });
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const res = await fetch(`${edge.url}/json?user=remote&early=1`);
  expect(res.status).toBe(202);
  expect(await res.text()).toBe('begun here; ended here');
  expect(ownerFinished).toBe(true);
  expect(owner.requests).toHaveLength(1);
  expect(edge.warns()).toEqual([]);
  expect((await fetch(`${edge.url}/json?user=local`)).status).toBe(201);
});

test("an owner that resets the connection while answering breaks the client's answer and nothing else: no second answer, no log", async () => {
  const edge = await instance('edge');
  const owner = await rawOwner((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('begun, ');
    setTimeout(() => req.socket.resetAndDestroy(), 50);
  });
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  const res = await fetch(`${edge.url}/json?user=remote`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(200);
  await expect(res.text()).rejects.toThrow();
  expect(owner.requests).toHaveLength(1);
  expect(edge.warns()).toEqual([]);
  expect((await fetch(`${edge.url}/json?user=local`)).status).toBe(201);
});

test('a request whose body was read before its route is retried like one without a body when a kept-alive connection was closed', async () => {
  const edge = await instance('edge');
  const owner = await closingReusedConnections();
  edge.directory.records.set('user:remote', { instanceId: 'owner', url: owner.url });
  expect((await fetch(`${edge.url}/json?user=remote`)).status).toBe(200);
  const drained = await fetch(`${edge.url}/drained?user=remote`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'read here' });
  expect(drained.status).toBe(200);
  expect(await drained.json()).toEqual({ fresh: true });
  expect(owner.requests).toHaveLength(3);
  expect(edge.warns()).toEqual([]);
});
