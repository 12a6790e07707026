/**
 * Request routing between instances. A route declares how to find its owner key (`OwnedRoute`: the userId
 * of a tool call or settings push, the sessionId of a stop webhook, the requestId of a photo upload, the
 * authenticated user of a webview request); when this instance does not hold it and the directory names
 * another instance, the request is forwarded there, signed with the cluster secret, and the owner's answer
 * (status, headers, body) is passed back as if handled here. When nobody holds it, or the owner cannot be
 * reached, the request is handled here, exactly as a single instance would.
 *
 * Forwarded requests never carry the cloud's API-key header: the receiving instance trusts the signature,
 * which covers one request only and cannot be replayed.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Request, RequestHandler, Response } from 'express';
import { API_KEY_HEADERS } from '../../protocol/dialects';
import { WEBHOOK_SECRET_HEADER, sendError } from '../http/inbound';
import { toError } from '../errors';
import type { Logger } from '../logger';
import type { WebviewAuthFields } from '../http/webview/auth';
import type { OwnerKind, SessionDirectory, InstanceAddress } from './directory';
import { CLUSTER_HEADER, CLUSTER_USER_HEADER, ForwardVerifier, signForward, type ForwardedFrom } from './signature';

/** How a route finds the instance that must answer it. */
export interface OwnedRoute {
  kind: OwnerKind;
  /** The owner key named by the request, or undefined when it names none (then it is handled here). */
  key(req: Request): string | undefined;
  /** True when this instance holds it (then the directory is not asked). */
  holdsLocally(id: string): boolean;
  /** The key is the user this instance authenticated: the owner takes it from the signed request (webviews). */
  keyIsAuthenticatedUser?: boolean;
}

/** A body to forward instead of the request's own (for routes that parsed a multipart body themselves). */
export interface ForwardBody {
  data: Buffer;
  contentType: string;
}

export interface ClusterRouterOptions {
  directory: SessionDirectory;
  secret: string;
  logger: Logger;
  /** Paths of the SDK's own routes: they route themselves and are never forwarded as webview requests. */
  ownPaths: readonly string[];
  /** True when this instance holds a live session of the user. */
  holdsUser(userId: string): boolean;
  /** How long to wait for a TCP connection to the owner before answering here (ms, default 3000). */
  connectTimeoutMs?: number;
  /** How long the owner may take to start answering (ms, default 30 000; then 504). */
  responseTimeoutMs?: number;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
/** The cloud's credentials are checked where a call lands and never travel between instances. */
const NEVER_FORWARDED = new Set([CLUSTER_HEADER, CLUSTER_USER_HEADER, ...API_KEY_HEADERS, WEBHOOK_SECRET_HEADER.toLowerCase()]);
/** How long an instance that refused a connection is not tried again. */
const UNREACHABLE_MS = 5000;
const LOG_INTERVAL_MS = 60_000;

type Outcome = 'answered' | 'unreachable';
/** The throttle key of refused forwarding headers. */
// Stryker disable next-line StringLiteral: the key only has to differ from the others ('unreachable:<id>'), which it does as ""
const REFUSED_KEY = 'refused';
/** What `proxy()` resolves when the owner could not be reached. */
// Stryker disable next-line StringLiteral: callers only ask whether the outcome is 'answered'
const UNREACHABLE: Outcome = 'unreachable';

export class ClusterRouter {
  private readonly verifier: ForwardVerifier;
  private readonly forwarded = new WeakMap<Request, ForwardedFrom>();
  private readonly unreachable = new Map<string, number>();
  private readonly ownPaths: ReadonlySet<string>;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  private readonly lastLog = new Map<string, number>();

  constructor(private readonly opts: ClusterRouterOptions) {
    this.verifier = new ForwardVerifier(opts.secret);
    this.ownPaths = new Set(opts.ownPaths);
  }

  /** First middleware: checks requests forwarded by another instance (401 when the signature is wrong). */
  inbound(): RequestHandler {
    return (req, res, next) => {
      const header = req.headers[CLUSTER_HEADER];
      if (header === undefined) return next();
      const user = req.headers[CLUSTER_USER_HEADER];
      const verdict =
        // Stryker disable next-line ConditionalExpression,LogicalOperator: Node joins a repeated custom header into one string, so both are strings here
        typeof header === 'string' && (user === undefined || typeof user === 'string')
          ? this.verifier.verify(header, user, req.method, req.originalUrl)
          : // Stryker disable next-line ObjectLiteral,StringLiteral: not reached (above)
            { ok: false as const, reason: 'repeated cluster header' };
      if (!verdict.ok) {
        this.throttled(REFUSED_KEY, () => this.opts.logger.warn(`Refused a request claiming to come from another instance: ${verdict.reason}`));
        return sendError(res, 401, `Refused a request forwarded between instances: ${verdict.reason}`);
      }
      this.forwarded.set(req, verdict.user === undefined ? { from: verdict.from } : { from: verdict.from, user: verdict.user });
      next();
    };
  }

  /** The instance a verified request was forwarded from (such requests are always handled where they land). */
  forwardedFrom(req: Request): ForwardedFrom | undefined {
    return this.forwarded.get(req);
  }

  /** Middleware for one route: forwards to the owner of its key when another instance holds it. */
  route(spec: OwnedRoute): RequestHandler {
    return (req, res, next) => {
      // Stryker disable next-line ConditionalExpression: forwardIfRemote() checks it again (a forwarded request is never forwarded; tested)
      if (this.forwarded.has(req)) return next();
      const id = spec.key(req);
      if (id === undefined || spec.holdsLocally(id)) return next();
      const user = spec.keyIsAuthenticatedUser ? id : undefined;
      this.forwardIfRemote(req, res, spec.kind, id, { user }).then((done) => void (done || next()), next);
    };
  }

  /** After the webview auth middleware: a signed-in user's request goes to the instance holding that user's session. */
  webviews(): RequestHandler {
    return this.route({
      kind: 'user',
      key: (req) => (this.ownPaths.has(req.path) ? undefined : (req as Request & WebviewAuthFields).authUserId),
      holdsLocally: (userId) => this.opts.holdsUser(userId),
      keyIsAuthenticatedUser: true,
    });
  }

  /**
   * Forwards `req` to the instance holding `kind:id` when that is another, reachable instance, and resolves
   * true once its answer is being passed back; false means "handle it here". Never rejects.
   */
  async forwardIfRemote(req: Request, res: Response, kind: OwnerKind, id: string, opts: { body?: ForwardBody; user?: string } = {}): Promise<boolean> {
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: both callers check it first (route() above, and the photo upload)
    if (this.forwarded.has(req)) return false;
    const owner = await this.opts.directory.owner(kind, id);
    if (!owner || owner.instanceId === this.opts.directory.self.instanceId) return false;
    // Stryker disable next-line EqualityOperator: the same millisecond on either side of a 5 s wait
    if ((this.unreachable.get(owner.instanceId) ?? 0) > Date.now()) return false;
    if ((await this.proxy(req, res, owner, opts.body, opts.user)) === 'answered') return true;
    if (this.unreachable.size > 256) this.unreachable.clear();
    this.unreachable.set(owner.instanceId, Date.now() + UNREACHABLE_MS);
    this.throttled(`unreachable:${owner.instanceId}`, () =>
      this.opts.logger.warn(`Instance ${owner.instanceId} at ${owner.url} is unreachable; answering here and dropping its records as they are met`),
    );
    void this.opts.directory.forget(kind, id, owner.instanceId);
    return false;
  }

  /** Closes the kept-alive connections to other instances. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private proxy(
    req: Request,
    res: Response,
    owner: InstanceAddress,
    explicit: ForwardBody | undefined,
    user: string | undefined,
    retry = true,
  ): Promise<Outcome> {
    let target: URL;
    try {
      target = new URL(owner.url + req.originalUrl);
    } catch {
      return Promise.resolve(UNREACHABLE);
    }
    const https = target.protocol === 'https:';
    if (!https && target.protocol !== 'http:') return Promise.resolve(UNREACHABLE);
    const body = explicit ?? parsedJsonBody(req);
    const headers = forwardHeaders(req, body);
    Object.assign(headers, signForward(this.opts.secret, this.opts.directory.self.instanceId, req.method, req.originalUrl, user));

    return new Promise<Outcome>((resolve) => {
      let connected = false;
      let streamed = false;
      let answered = false;
      let timedOut = false;
      let clientGone = false;
      const send: ClientRequest = (https ? httpsRequest : httpRequest)(target, {
        method: req.method,
        headers,
        agent: https ? this.httpsAgent : this.httpAgent,
        timeout: this.opts.connectTimeoutMs ?? 3000,
      });
      const onClientGone = () => {
        clientGone = true;
        send.destroy();
      };
      send.on('socket', (socket) => {
        const go = () => {
          connected = true;
          send.setTimeout(this.opts.responseTimeoutMs ?? 30_000);
          if (body) send.end(body.data);
          else if (req.readableEnded) send.end();
          else {
            streamed = true;
            req.pipe(send);
          }
        };
        if (socket.connecting) socket.once('connect', go);
        else go();
      });
      send.on('timeout', () => {
        timedOut = true;
        send.destroy(new Error(connected ? 'the owning instance did not answer in time' : 'connection timed out'));
      });
      send.on('response', (up: IncomingMessage) => {
        answered = true;
        send.setTimeout(0);
        // Stryker disable next-line StringLiteral,CallExpression: left registered, it would only destroy a request whose answer is in (the listener below ends the answer)
        res.off('close', onClientGone);
        res.on('close', () => {
          // Stryker disable next-line ConditionalExpression: destroying a response read to its end does nothing
          if (!up.complete) up.destroy();
        });
        passBack(up, res);
        resolve('answered');
      });
      send.on('error', (err: NodeJS.ErrnoException) => {
        if (answered) return;
        // Stryker disable next-line StringLiteral,CallExpression: left registered, it would only destroy a request that has already failed
        res.off('close', onClientGone);
        if (clientGone) return resolve('answered');
        if (!connected) return resolve(UNREACHABLE);
        if (retry && send.reusedSocket && err.code === 'ECONNRESET' && !streamed) {
          // A kept-alive connection the owner had just closed: nothing reached it, so try once on a fresh one.
          void this.proxy(req, res, owner, explicit, user, false).then(resolve);
          return;
        }
        this.opts.logger.warn(`Forwarding ${req.method} ${req.path} to instance ${owner.instanceId} failed: ${toError(err).message}`);
        sendError(
          res,
          timedOut ? 504 : 502,
          timedOut ? 'The instance holding this session did not answer in time' : 'The instance holding this session failed while answering',
        );
        resolve('answered');
      });
      res.once('close', onClientGone);
    });
  }

  private throttled(key: string, log: () => void): void {
    const now = Date.now();
    // Stryker disable next-line EqualityOperator: the same millisecond on either side of a minute
    if (now - (this.lastLog.get(key) ?? 0) < LOG_INTERVAL_MS) return;
    this.lastLog.set(key, now);
    if (this.lastLog.size > 1000) this.lastLog.clear();
    log();
  }
}

/** A JSON body the SDK's body parser already read, serialised again (the stream is spent). */
function parsedJsonBody(req: Request): ForwardBody | undefined {
  if (!(req as { _body?: boolean })._body) return undefined;
  return { data: Buffer.from(JSON.stringify(req.body ?? null)), contentType: 'application/json' };
}

/** The headers a `Connection` header names: hop-by-hop for this one message (RFC 9110, 7.6.1). */
function connectionNamed(headers: IncomingHttpHeaders): Set<string> {
  return new Set(
    // Stryker disable next-line StringLiteral: no header name holds a space or a "!"
    String(headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((s) => s.trim()),
  );
}

function forwardHeaders(req: Request, body: ForwardBody | undefined): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const named = connectionNamed(req.headers);
  for (const [name, value] of Object.entries(req.headers)) {
    // Stryker disable next-line ConditionalExpression: Node never gives a header whose value is undefined
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || NEVER_FORWARDED.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  if (body) {
    out['content-type'] = body.contentType;
    out['content-length'] = String(body.data.length);
  } else if (req.readableEnded) out['content-length'] = '0'; // read before this route: nothing is left to send
  const client = req.socket.remoteAddress;
  if (client) out['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${client}` : client;
  out['x-forwarded-host'] ??= req.headers.host;
  out['x-forwarded-proto'] ??= req.protocol;
  return out;
}

/** Copies the owner's status, headers (merging cookies this instance set) and body to the client. */
function passBack(up: IncomingMessage, res: Response): void {
  if (res.headersSent) {
    up.resume();
    return;
  }
  res.status(up.statusCode ?? 502);
  const named = connectionNamed(up.headers);
  for (const [name, value] of Object.entries(up.headers)) {
    // Stryker disable next-line ConditionalExpression: Node never gives a header whose value is undefined
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || named.has(name)) continue;
    if (name === 'set-cookie') {
      const mine = res.getHeader('set-cookie');
      const local = mine === undefined ? [] : Array.isArray(mine) ? mine : [String(mine)];
      res.setHeader('set-cookie', [...local, ...(value as string[])]);
    } else res.setHeader(name, value);
  }
  up.on('error', () => res.destroy());
  up.pipe(res);
}
