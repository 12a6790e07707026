/**
 * The test cloud: a real HTTP client and WebSocket server on 127.0.0.1 that plays the MentraOS (or
 * AugmentOS) cloud for an app. It sends real webhooks, answers the handshake in the chosen dialect,
 * routes stream events like the cloud, and records every message.
 *
 *   const cloud = await createTestCloud();
 *   const user = await cloud.startSession({ app, userId: 'wearer@example.com' });
 *   await user.transcribe('hello');
 *   await user.waitForDisplay('echo: hello');
 *   await cloud.close();
 */
import { createHash } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, trackConnections } from '../core/http/server-close';
import { getDialect, type Dialect } from '../protocol/dialects';
import type { SettingRecord } from '../protocol/messages';
import { WEBHOOK_SECRET_HEADER } from '../protocol/http-names';
import { handleCloudHttp, routeAppMessage, type HttpRecord, type Rooms, type ServiceCloud } from './app-services';
import { addTrust, originAllowed, postJson, removeTrust } from './cloud-http';
import { DEFAULT_SYSTEM_SETTINGS, SIMULATED_CAPABILITIES, type StartSessionOptions, type TestCloudOptions } from './cloud-options';
import { CloudRest } from './cloud-rest';
import { FetchServers, isFetchTarget, packageNameOf } from './targets';
import { type HandshakeRefusal, SimulatedUser, type UserCloud, type WebhookAnswer } from './user';
import { parseOrRaw } from './wire-parse';
import { AudioRelay, type AudioStreamEvent } from './audio-relay';
import { TelemetryIntake } from './telemetry-intake';

export type { AppTarget } from './targets';
export { DEFAULT_SYSTEM_SETTINGS, SIMULATED_CAPABILITIES, type StartSessionOptions, type TestCloudOptions } from './cloud-options';
export { originAllowed } from './cloud-http';

interface Pending {
  user: SimulatedUser;
  refuseWith?: HandshakeRefusal;
}

/**
 * A local cloud for an app's tests: real webhooks, a real WebSocket handshake in the chosen dialect, stream
 * routing like the cloud's, and a record of every message. Create it with {@link createTestCloud}.
 *
 * @example
 * ```ts
 * const cloud = await createTestCloud();
 * const user = await cloud.startSession({ app: server });
 * await user.transcribe('hello');
 * await user.waitForDisplay('hello');
 * await cloud.close();
 * ```
 */
export class TestCloud implements UserCloud, ServiceCloud {
  /** The cloud generation this cloud speaks. */
  readonly dialect: Readonly<Dialect>;
  /** When the cloud started, on `performance.now()`'s clock. */
  readonly startedAt = performance.now();
  readonly routeWaitMs: number;
  /** Users by sessionId. */
  readonly users = new Map<string, SimulatedUser>();
  /** The REST API apps call (SimpleStorage), its request log and failure injection. */
  readonly rest: CloudRest;
  /** Every REST request apps made to this cloud (user discovery, settings fetch), in order. */
  readonly httpRequests: HttpRecord[] = [];
  private readonly rooms: Rooms = new Map();
  private readonly pending = new Map<string, Pending>();
  private readonly wss: WebSocketServer;
  private closed = false;
  private trusted = false;
  private readonly agent = new Agent({ keepAlive: true });
  /** Apps given by their `fetch` handler, served on loopback ports. */
  private readonly fetchServers = new FetchServers();
  /** Audio output streams apps opened (3.0.0-hono), and their relay at `/audio-streams/<id>`. */
  readonly audio: AudioRelay;
  /** The `request_telemetry` tokens this cloud issued and the uploads it accepts. */
  readonly telemetry = new TelemetryIntake();
  /** Handshakes begun (socket open) and not yet acknowledged or refused. */
  handshakesInFlight = 0;
  /** The most handshakes that were in flight at once (writable, to measure from a point on). */
  maxHandshakesInFlight = 0;

  constructor(
    private readonly server: Server,
    private readonly options: TestCloudOptions,
  ) {
    this.dialect = getDialect(options.dialect ?? 'mentraos');
    this.routeWaitMs = options.routeWaitMs ?? 1000;
    this.audio = new AudioRelay((e: AudioStreamEvent) => options.onAudioStream?.(e));
    this.rest = new CloudRest(options.apiKeys, (req, res) => this.handleHttp(req, res));
    const allowed = options.allowedOrigins;
    server.on('request', (req, res) => {
      if (allowed && !originAllowed(req.headers.origin, allowed)) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end('{"status":"error","message":"Origin not allowed"}');
        return;
      }
      this.rest.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"success":false}');
      });
    });
    this.wss = new WebSocketServer({
      server,
      perMessageDeflate: false,
      maxPayload: 16 * 1024 * 1024,
      verifyClient: allowed ? (info, done) => done(originAllowed(info.req.headers.origin, allowed), 403, 'Origin not allowed') : undefined,
    });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req.socket));
    if (options.trustInProcess !== false) {
      addTrust();
      this.trusted = true;
    }
  }

  /** The API keys the cloud accepts per package name (undefined: any key). */
  get apiKeys(): Record<string, string> | undefined {
    return this.options.apiKeys;
  }

  /** The app settings sent in every ack. */
  get appSettings(): SettingRecord[] {
    return this.options.settings ?? [];
  }

  get appMessaging(): boolean {
    return this.options.appMessaging !== false;
  }

  /** @internal The HTTP side: REST endpoints apps call, the audio relay and telemetry uploads. */
  handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://cloud').pathname;
    if (this.audio.handleHttp(req, res, path) || this.telemetry.handleHttp(req, res, path)) return;
    void handleCloudHttp(this, req, res);
  }

  /** The cloud's HTTP base URL (the relay and REST endpoints live there). */
  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The port the cloud listens on. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The WebSocket URL the cloud hands to apps. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}${this.dialect.websocketPath}`;
  }

  /** Sockets currently open from apps. */
  get openConnections(): number {
    return this.wss.clients.size;
  }

  /**
   * Starts the app for a user: webhook, handshake; resolves with the simulated user.
   *
   * @example
   * ```ts
   * const user = await cloud.startSession({ app: server, userId: 'ada@example.com' });
   * await user.pressButton();
   * await user.waitForDisplay('Button pressed'); // what this app shows on a press
   * ```
   */
  async startSession(opts: StartSessionOptions): Promise<SimulatedUser> {
    const userId = opts.userId ?? 'wearer@example.com';
    const packageName = opts.packageName ?? (await packageNameOf(opts.app)) ?? 'com.example.app';
    const sessionId = opts.sessionId ?? `${userId}-${packageName}`;
    const user = new SimulatedUser(this, userId, sessionId, packageName);
    user.routeTo(isFetchTarget(opts.app) ? await this.fetchServers.urlOf(opts.app) : opts.app, opts.webhookPath);
    const headers: Record<string, string> = {};
    if (this.options.webhookSecret !== undefined) headers[WEBHOOK_SECRET_HEADER] = this.options.webhookSecret;
    (user as { webhookHeaders?: Record<string, string> }).webhookHeaders = { ...headers, ...opts.headers };
    this.pending.set(sessionId, { user, refuseWith: opts.refuseWith });
    const answer = await this.postWebhook(user, {
      type: 'session_request',
      sessionId,
      userId,
      timestamp: new Date().toISOString(),
      [this.dialect.webhookUrlField]: opts.websocketUrl ?? this.url,
    });
    if (this.pending.get(sessionId)?.user === user) this.pending.delete(sessionId);
    user.webhookResponse = answer;
    if (answer.status >= 200 && answer.status < 300) {
      this.users.set(sessionId, user);
    } else if (!opts.allowFailure) {
      throw Object.assign(new Error(`The app answered the session webhook ${answer.status}: ${JSON.stringify(answer.body)}`), { answer });
    }
    return user;
  }

  /** POSTs a webhook body to the user's app and records it. */
  async postWebhook(user: SimulatedUser, body: Record<string, unknown>): Promise<WebhookAnswer> {
    const target = (user as { webhookBase?: string }).webhookBase;
    if (!target) throw new Error('This user was not started by this cloud');
    this.record(user, 'webhook', body);
    return postJson(target, body, (user as { webhookHeaders?: Record<string, string> }).webhookHeaders ?? {}, this.agent);
  }

  /** Forgets a user and its records (for long runs that start and stop many sessions). */
  forget(user: SimulatedUser): void {
    if (this.users.get(user.sessionId) === user) this.users.delete(user.sessionId);
  }

  /** POSTs JSON to another route of the user's app (`/tool`, `/settings`) and records it as a webhook. */
  async postToApp(user: SimulatedUser, path: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<WebhookAnswer> {
    const base = user.appUrl;
    if (!base) throw new Error('This user was not started by this cloud');
    this.record(user, 'webhook', { path, ...body });
    return postJson(base + path, body, headers);
  }

  /** Stops every user and closes the server. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.agent.destroy();
    await this.fetchServers.close();
    this.audio.close();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await closeServer(this.server);
    if (this.trusted) removeTrust();
    this.trusted = false;
  }

  private onConnection(ws: WebSocket, socket: Socket): void {
    let user: SimulatedUser | undefined;
    let handshaking = true;
    this.handshakesInFlight++;
    this.maxHandshakesInFlight = Math.max(this.maxHandshakesInFlight, this.handshakesInFlight);
    const handshakeOver = () => {
      if (!handshaking) return;
      handshaking = false;
      this.handshakesInFlight--;
    };
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? null : data.toString();
      const msg = text === null ? { binary: (data as Buffer).length } : parseOrRaw(text, 500);
      if (!user) {
        user = this.onInit(ws, msg, socket, handshakeOver);
        return;
      }
      if (user.ws !== ws) return;
      // An audio frame is filed before it is recorded, so waiters woken by the record see it.
      if (text === null) this.audio.frame(user.sessionId, data as Buffer);
      this.record(user, 'app->cloud', msg);
      if (text !== null && !this.answerHonoMessage(user, msg)) routeAppMessage(this, this.rooms, user, msg);
    });
    ws.on('close', (code) => {
      handshakeOver();
      if (user && user.ws === ws) {
        user.lastCloseCode = code;
        user.ws = null;
        user.wake();
        this.options.onConnection?.(user, 'close', code);
      }
    });
  }

  /** Answers what the 3.0.0-hono line added: `ping` with `pong`, the audio stream messages; true when `msg` was one of them. */
  private answerHonoMessage(user: SimulatedUser, msg: any): boolean {
    const reply = (m: Record<string, unknown>) => void user.sendMessage(m).catch(() => {});
    switch (msg?.type) {
      case 'ping':
        if (this.options.answerPings !== false) reply({ type: 'pong', timestamp: new Date().toISOString() });
        return true;
      case 'audio_stream_start': {
        const ready = this.audio.start(user, msg, this.httpUrl);
        if (ready) reply(ready);
        return true;
      }
      case 'audio_stream_end':
        this.audio.end(user.sessionId, msg.streamId);
        return true;
      default:
        return false;
    }
  }

  /** The first frame must be `tpa_connection_init` for a session this cloud started. */
  private onInit(ws: WebSocket, msg: any, socket: Socket, handshakeOver: () => void): SimulatedUser | undefined {
    const refuse = (code: string, message: string) => {
      handshakeOver();
      ws.send(JSON.stringify({ type: 'tpa_connection_error', code, message, timestamp: new Date().toISOString() }));
      ws.close(1008, message.slice(0, 100));
      return undefined;
    };
    if (!msg || msg.type !== 'tpa_connection_init' || typeof msg.sessionId !== 'string')
      return refuse('MALFORMED_MESSAGE', 'Expected tpa_connection_init first');
    const pending = this.pending.get(msg.sessionId);
    const user = pending?.user ?? this.users.get(msg.sessionId);
    if (!user) return refuse('SESSION_NOT_FOUND', `No session ${msg.sessionId}`);
    user.record('app->cloud', { ...msg, apiKey: msg.apiKey === undefined ? undefined : '[redacted]' });
    user.connectionTimes.push(Math.round((performance.now() - this.startedAt) * 10) / 10);
    const refuseWith = pending?.refuseWith ?? user.refuseNextConnection;
    user.refuseNextConnection = undefined;
    if (refuseWith) return refuse(refuseWith.code, refuseWith.message ?? 'Refused by the test cloud');
    const expectedKey = this.options.apiKeys?.[msg.packageName];
    if (this.options.apiKeys && expectedKey !== msg.apiKey) return refuse('INVALID_API_KEY', 'Invalid API key');
    if (this.options.acceptAnyPackage && typeof msg.packageName === 'string' && msg.packageName) user.packageName = msg.packageName;
    if (msg.packageName !== user.packageName) return refuse('INVALID_API_KEY', `Package ${msg.packageName} does not own this session`);
    if (typeof msg.apiKey === 'string') user.apiKeyHash = createHash('sha256').update(msg.apiKey).digest('hex');
    if (user.ws && user.ws !== ws) user.ws.terminate();
    user.ws = ws;
    user.socket = socket;
    user.connections++;
    user.joinedAt ??= new Date().toISOString();
    const ack: Record<string, unknown> = {
      type: 'tpa_connection_ack',
      sessionId: user.sessionId,
      settings: this.options.settingsFor?.(user) ?? this.options.settings ?? [],
      [this.dialect.ackSettingsKey]: { ...DEFAULT_SYSTEM_SETTINGS, ...this.options.systemSettings },
      timestamp: new Date().toISOString(),
    };
    if (this.dialect.name !== 'augmentos') ack.capabilities = this.options.capabilities === undefined ? SIMULATED_CAPABILITIES : this.options.capabilities;
    const sendAck = () => {
      handshakeOver();
      if (ws.readyState !== ws.OPEN) return;
      this.record(user, 'cloud->app', ack);
      ws.send(JSON.stringify(ack));
      this.options.onConnection?.(user, 'open');
    };
    if (this.options.ackDelayMs) setTimeout(sendAck, this.options.ackDelayMs);
    else sendAck();
    return user;
  }

  private record(user: SimulatedUser, dir: 'webhook' | 'app->cloud' | 'cloud->app', msg: unknown): void {
    user.record(dir, msg);
  }

  /** @internal every message a user records, whoever sent it, reaches `onWire`. */
  onRecord(user: SimulatedUser, dir: 'webhook' | 'app->cloud' | 'cloud->app', msg: unknown): void {
    this.options.onWire?.(user, dir, msg);
  }
}

/**
 * Starts a test cloud on 127.0.0.1 (a free port unless `port` is given).
 *
 * @example
 * ```ts
 * import { createTestCloud } from '@mentraos/sdk/testing';
 *
 * const server = new MyApp({ packageName: 'com.example.app', apiKey: 'test-key', port: 0 });
 * await server.start();
 * const cloud = await createTestCloud();
 * const user = await cloud.startSession({ app: server });
 * await user.transcribe('hello');
 * await user.waitForDisplay('hello');
 * await cloud.close();
 * await server.stop();
 * ```
 */
export async function createTestCloud(options: TestCloudOptions & { port?: number } = {}): Promise<TestCloud> {
  const server = trackConnections(createServer());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const cloud = new TestCloud(server, options);
  return cloud;
}
