/**
 * What the request router tests share: an Express "edge" instance with a `ClusterRouter`, a directory played
 * by the test, owners played at the HTTP or the socket level, and a raw client, all over real HTTP on
 * 127.0.0.1. Servers and routers are closed after each test.
 */
import http, { type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import express, { type Request } from 'express';
import type { InstanceAddress, OwnerKind, SessionDirectory } from '../../src/core/cluster/directory';
import { ClusterRouter, type OwnedRoute } from '../../src/core/cluster/forward';
import type { Logger } from '../../src/core/logger';
import { captureLogger } from '../helpers/apps';

export const SECRET = 'cluster-secret-for-the-router-tests';

/** A directory whose records the test sets; it counts lookups and keeps what it was told to forget. */
export class MapDirectory implements SessionDirectory {
  readonly shared = true;
  readonly records = new Map<string, InstanceAddress>();
  readonly forgotten: string[] = [];
  lookups = 0;
  constructor(readonly self: InstanceAddress) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async claim() {
    return { released: Promise.resolve() };
  }
  async release(): Promise<void> {}
  async owner(kind: OwnerKind, id: string): Promise<InstanceAddress | undefined> {
    this.lookups++;
    return this.records.get(`${kind}:${id}`);
  }
  async claimRequest(): Promise<void> {}
  async releaseRequest(): Promise<void> {}
  async forget(kind: OwnerKind, id: string, instanceId: string): Promise<void> {
    this.forgotten.push(`${kind}:${id}@${instanceId}`);
  }
}

export const servers: Server[] = [];
const routers: ClusterRouter[] = [];
afterEach(async () => {
  for (const r of routers.splice(0)) r.close();
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

export async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The route under test: keyed by `?user=`, held here for the user "local". */
export const byUser: OwnedRoute = {
  kind: 'user',
  key: (req) => (typeof req.query.user === 'string' ? req.query.user : undefined),
  holdsLocally: (id) => id === 'local',
};

/** An instance: its router in front, then `/json` (parsed body) and `/raw` (body left unread), answered here. */
export async function instance(id: string, extra: { responseTimeoutMs?: number; beforeRoute?: express.RequestHandler } = {}) {
  const logger = captureLogger() as unknown as Logger & ReturnType<typeof captureLogger>;
  const app = express();
  const server = http.createServer(app);
  const url = await listen(server);
  const directory = new MapDirectory({ instanceId: id, url });
  const router = new ClusterRouter({ directory, secret: SECRET, logger, ownPaths: ['/webhook'], holdsUser: (u) => u === 'local', ...extra });
  routers.push(router);
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: unknown; from: unknown }> = [];
  const answer = (req: Request, res: express.Response) => {
    seen.push({ method: req.method, url: req.originalUrl, headers: req.headers, body: req.body, from: router.forwardedFrom(req) });
    res.status(201).setHeader('x-answered-by', id).setHeader('connection', 'x-private').setHeader('x-private', 'hop');
    res.setHeader('proxy-authenticate', 'Basic').setHeader('keep-alive', 'timeout=99');
    res.cookie('owner', id).json({ instance: id, body: req.body ?? null });
  };
  app.use(router.inbound());
  if (extra.beforeRoute) app.use(extra.beforeRoute);
  app.all('/json', express.json(), router.route(byUser), answer);
  app.all('/raw', router.route(byUser), express.text({ type: '*/*' }), answer);
  app.all(
    '/drained',
    (req, _res, next) => {
      req.resume();
      req.once('end', () => next());
    },
    router.route(byUser),
    answer,
  );
  app.all('/webhook', router.webviews(), answer);
  app.all(
    '/page',
    (req, _res, next) => {
      (req as Request & { authUserId?: string }).authUserId = typeof req.query.as === 'string' ? req.query.as : 'remote';
      next();
    },
    router.webviews(),
    answer,
  );
  return { id, url, directory, router, logger, seen, warns: () => logger.lines.filter((l) => l.level === 'warn').map((l) => l.text) };
}

/** Two instances, the edge's directory naming the owner for user "remote". */
export async function pair(edgeExtra: Parameters<typeof instance>[1] = {}) {
  const owner = await instance('owner');
  const edge = await instance('edge', edgeExtra);
  edge.directory.records.set('user:remote', owner.directory.self);
  return { owner, edge };
}

/** Sends a request over node:http (fetch will not send a Connection header of the caller's), the body in `parts`. */
export function rawRequest(url: string, method: string, headers: Record<string, string>, parts: string[]) {
  return new Promise<{ status: number; headers: IncomingMessage['headers']; body: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers });
    req.on('response', (r) => {
      let text = '';
      r.on('data', (d) => (text += d));
      r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: text }));
    });
    req.on('error', reject);
    for (const part of parts.slice(0, -1)) req.write(part);
    req.end(parts.at(-1));
  });
}

/** Headers of a client request: hop-by-hop ones, the cloud's credentials, and one header that must travel. */
export const HOPS: Record<string, string> = {
  'content-type': 'application/json',
  connection: 'keep-alive, x-hop',
  'x-hop': 'named by Connection',
  'x-keep': 'yes',
  'keep-alive': 'timeout=5',
  'proxy-authorization': 'Basic abc',
  te: 'trailers',
  trailer: 'x-sum',
  upgrade: 'h2c',
  'x-mentraos-cluster-user': 'someone-else',
  'x-forwarded-for': '10.0.0.1',
  'x-app-api-key': 'the-cloud-key',
  'x-tpa-api-key': 'the-old-cloud-key',
  'x-mentraos-webhook-secret': 'hook-secret',
};

/** An owner played at the socket level: `onRequest` gets each request with how many came before on its socket. */
export async function rawOwner(onRequest: (req: IncomingMessage, res: http.ServerResponse, earlierOnSocket: number) => void) {
  const counts = new WeakMap<Socket, number>();
  const requests: IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    const n = counts.get(req.socket) ?? 0;
    counts.set(req.socket, n + 1);
    onRequest(req, res, n);
  });
  return { url: await listen(server), requests };
}

/** How many connections `server` holds open. */
export function openConnections(server: Server | NetServer): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
}

/** The connections `server` still holds once they are all closed, or after 10 s. */
export async function connectionsLeft(server: Server | NetServer): Promise<number> {
  for (let i = 0; i < 1000 && (await openConnections(server)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
  return openConnections(server);
}

/** An owner that answers `{"fresh":true}` on a new connection and closes one reused for a second request. */
export function closingReusedConnections() {
  return rawOwner((req, res, earlier) => {
    if (earlier > 0) return void req.socket.destroy();
    res.setHeader('content-type', 'application/json');
    res.end('{"fresh":true}');
  });
}
