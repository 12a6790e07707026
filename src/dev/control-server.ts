/**
 * The control server of `mentraos dev`: serves the simulator page and speaks the control protocol on
 * `/ws?channel=control|stream` to any number of controllers, over the local cloud (DevCloud).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { accessPolicy, checkAccess, type AccessPolicy } from './access';
import {
  CONTROL_PATH,
  CONTROL_PROTOCOL_VERSION,
  ControlError,
  DEFAULT_DEV_PORT,
  MAX_CONTROL_FRAME,
  type ControlChannel,
  type ControlCommand,
  type ControlEvent,
  type UserSnapshot,
  type ViewName,
  type WelcomeFrame,
} from '../protocol/control';
import { parseCommand } from '../protocol/control-parse';
import type { DevCloud } from './dev-cloud';
import { readPageAsset } from './page-assets';
import { screenshotFields } from './raster/screenshot';

export interface ControlServerOptions {
  dev: DevCloud;
  /** Address to listen on (default 127.0.0.1). Any other than loopback requires `token`. */
  host?: string;
  /** Port (default 7077; 0 picks a free one). */
  port?: number;
  /** Bearer token required from controllers (required off loopback). */
  token?: string;
  /** Drop a controller whose unsent frames exceed this many bytes (default 32 MiB). */
  maxBufferedBytes?: number;
  onLog?: (line: string) => void;
  /** Draws a wearer's view as a PNG instead of the page's rasteriser (for tests). */
  screenshot?: (user: UserSnapshot, view: ViewName) => Promise<{ png_base64: string; width: number; height: number }>;
}

export class ControlServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: MAX_CONTROL_FRAME });
  private readonly streams = new Set<WebSocket>();
  private readonly unsubscribe: () => void;
  private policy!: AccessPolicy;
  private closed = false;

  constructor(
    private readonly server: Server,
    private readonly options: ControlServerOptions,
  ) {
    server.on('request', (req, res) => this.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => this.onUpgrade(req, socket, head));
    this.unsubscribe = options.dev.subscribe((e) => this.broadcast(e));
  }

  /** @internal */
  setPolicy(policy: AccessPolicy): void {
    this.policy = policy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  /** The page's address, e.g. http://127.0.0.1:7077/. */
  get url(): string {
    const h = this.host === '0.0.0.0' || this.host === '::' ? '127.0.0.1' : this.host;
    return `http://${h.includes(':') ? `[${h}]` : h}:${this.port}/`;
  }

  /** The control protocol's address, e.g. ws://127.0.0.1:7077/ws. */
  get wsUrl(): string {
    return `${this.url.replace(/^http/, 'ws').replace(/\/$/, '')}${CONTROL_PATH}`;
  }

  /** Controllers connected now. */
  get connections(): number {
    return this.wss.clients.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const ws of this.wss.clients) ws.close(1001, 'server closing');
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
      setTimeout(() => {
        for (const ws of this.wss.clients) ws.terminate();
      }, 500).unref();
    });
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  // ------------------------------------------------------------------ HTTP

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const verdict = checkAccess(req, this.policy, false);
    if (!verdict.ok) return json(res, verdict.status, { status: 'error', message: verdict.message });
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { status: 'error', message: 'Only GET is served here' });
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === CONTROL_PATH) return json(res, 426, { status: 'error', message: 'Connect with a WebSocket: ws://<host>/ws?channel=control' });
    const asset = readPageAsset(path);
    if (!asset) return json(res, 404, { status: 'error', message: `Nothing at ${path.slice(0, 100)}` });
    const ws = `ws://${req.headers.host ?? ''}`;
    res.writeHead(200, {
      'content-type': asset.type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': `default-src 'self'; connect-src 'self' ${ws}; img-src 'self' data: blob:; media-src 'self' blob: data: http://127.0.0.1:* http://localhost:* https:; frame-src http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  }

  // ------------------------------------------------------------------ WebSocket

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const refuse = (status: number, message: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : 'Forbidden'}\r\n` +
          `Content-Type: application/json\r\nConnection: close\r\n\r\n${JSON.stringify({ status: 'error', message })}`,
      );
    };
    socket.on('error', () => {});
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== CONTROL_PATH) return refuse(404, `Controllers connect to ${CONTROL_PATH}`);
    const verdict = checkAccess(req, this.policy, true);
    if (!verdict.ok) {
      this.options.onLog?.(`Refused a controller: ${verdict.message}`);
      return refuse(verdict.status, verdict.message);
    }
    const channel = url.searchParams.get('channel') ?? 'control';
    if (channel !== 'control' && channel !== 'stream') return refuse(400, 'channel must be "control" or "stream"');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onController(ws, channel));
  }

  private onController(ws: WebSocket, channel: ControlChannel): void {
    ws.on('error', () => {});
    const welcome: WelcomeFrame = { type: 'welcome', protocol: CONTROL_PROTOCOL_VERSION, channel, app: this.options.dev.app };
    this.send(ws, welcome);
    if (channel === 'stream') {
      this.streams.add(ws);
      ws.on('close', () => this.streams.delete(ws));
    }
    ws.on('message', (data, isBinary) => {
      if (isBinary) return this.send(ws, { type: 'error', code: 'bad_frame', message: 'Frames must be text (JSON)' });
      const parsed = parseCommand(data.toString());
      if (!parsed.ok) return this.send(ws, 'frame' in parsed ? parsed.frame : parsed.response);
      void this.run(parsed.command).then((fields) => this.send(ws, fields));
    });
  }

  /** Runs one command; never rejects. */
  private async run(cmd: ControlCommand): Promise<Record<string, unknown>> {
    const base = { type: `${cmd.type}_response`, request_id: cmd.request_id };
    const dev = this.options.dev;
    try {
      switch (cmd.type) {
        case 'user_start': {
          const user = await dev.startUser(cmd.user_id);
          return { ...base, success: true, session_id: user.session_id, user };
        }
        case 'user_stop':
          return { ...base, success: true, user: await dev.stopUser(cmd.user_id) };
        case 'input': {
          const { type: _t, request_id: _r, user_id, ...input } = cmd;
          return { ...base, success: true, delivered: await dev.input(user_id, input) };
        }
        case 'sync':
          return { ...base, success: true, seq: dev.seq, app: dev.app, users: dev.snapshot(cmd.user_id) };
        case 'list_users':
          return { ...base, success: true, users: dev.listUsers() };
        case 'photo_respond': {
          const { type: _t, request_id: _r, user_id, photo_request_id, ...answer } = cmd;
          return { ...base, success: true, ...(await dev.photoRespond(user_id, photo_request_id, answer)) };
        }
        case 'auto_photo':
          dev.autoPhoto = cmd.enabled;
          return { ...base, success: true, enabled: dev.autoPhoto };
        case 'audio_feed':
          return { ...base, success: true, ...(await dev.audioFeed(cmd.user_id, cmd.wav_base64)) };
        case 'audio_stream':
          return { ...base, success: true, ...(await dev.audioStream(cmd.user_id, cmd.pcm_base64, cmd.vad)) };
        case 'tools_list': {
          const config = dev.config();
          return { ...base, success: true, source: config.source, tools: config.tools };
        }
        case 'tool_call':
          return { ...base, success: true, ...(await dev.toolCall(cmd.user_id, cmd.tool_id, cmd.parameters ?? {})) };
        case 'settings_list':
          return { ...base, success: true, ...dev.settingsList(cmd.user_id) };
        case 'settings_set':
          return { ...base, success: true, ...(await dev.settingsSet(cmd.user_id, cmd.key, cmd.value)) };
        case 'webview_open':
          return { ...base, success: true, url: dev.webviewOpen(cmd.user_id) };
        case 'request_telemetry':
          return { ...base, success: true, ...(await dev.requestTelemetry(cmd.user_id, cmd.window_ms)) };
        case 'screenshot': {
          const user = dev.snapshot(cmd.user_id)[0]!;
          const view = cmd.view ?? 'main';
          const shot = this.options.screenshot;
          return { ...base, success: true, ...(shot ? await shot(user, view) : screenshotFields(user.views[view])) };
        }
      }
    } catch (e) {
      const failure = e instanceof ControlError ? e : new ControlError('internal', `Internal error: ${(e as Error).message}`);
      return { ...base, success: false, error: { code: failure.code, message: failure.message } };
    }
  }

  private broadcast(event: ControlEvent): void {
    const frame = JSON.stringify(event);
    for (const ws of this.streams) this.send(ws, frame);
  }

  private send(ws: WebSocket, frame: string | object): void {
    if (ws.readyState !== 1) return;
    if (ws.bufferedAmount > (this.options.maxBufferedBytes ?? 32 * 1024 * 1024)) {
      this.options.onLog?.('Dropped a controller that stopped reading its events');
      ws.terminate();
      return;
    }
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** Starts the control server (refuses a non-loopback host without a token; rejects when the port is taken). */
export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const host = options.host ?? '127.0.0.1';
  accessPolicy(host, 1, options.token); // throws early without a token off loopback
  const server = createServer();
  const control = new ControlServer(server, options);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULT_DEV_PORT, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await control.close();
    throw e;
  }
  control.setPolicy(accessPolicy(host, control.port, options.token));
  return control;
}
