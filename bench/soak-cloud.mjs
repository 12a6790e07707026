/**
 * The soak's fake cloud: the protocol of bench/cloud.mjs (init → ack, subscription_update, data_stream →
 * display_event), keeping its sessions across a restart (the real cloud's session outlives an app's socket),
 * and recording per session what it sent and which displays came back, and when each session reconnected.
 */
import { Agent, createServer, request } from 'node:http';
import { WebSocketServer } from 'ws';
import { STREAM, userIdOf } from './cloud.mjs';

const SEQ_RE = /"text":"#(\d+) /;

export class SoakCloud {
  constructor({ packageName, apiKey }) {
    this.packageName = packageName;
    this.apiKey = apiKey;
    this.sessions = new Map();
    this.list = [];
    this.seq = 0;
    this.sendTimes = [];
    this.received = new Uint8Array(0);
    this.latencies = [];
    this.reconnectMs = [];
    this.counters = {
      inits: 0,
      reconnects: 0,
      refused: 0,
      eventsSent: 0,
      eventsSkippedClosed: 0,
      displays: 0,
      displaysRepeated: 0,
      badDisplays: 0,
      restarts: 0,
    };
    this.agent = new Agent({ keepAlive: true, maxSockets: 50 });
    this.port = 0;
  }

  async listen() {
    this.server = createServer((req, res) => {
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not served by the soak cloud"}');
    });
    this.server.on('clientError', (_e, socket) => socket.destroy());
    this.wss = new WebSocketServer({ server: this.server, path: '/app-ws', perMessageDeflate: false });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    this.up = true;
  }

  /** Goes down (every socket closed with 1012, the port closed) for `downMs`, then listens on the same port. */
  async restart(downMs) {
    this.counters.restarts++;
    await this.shutdown(1012);
    await new Promise((r) => setTimeout(r, downMs));
    await this.listen();
    this.restartedAt = performance.now();
  }

  async shutdown(code) {
    this.up = false;
    for (const ws of this.wss.clients) ws.close(code, 'cloud restarting');
    await new Promise((r) => setTimeout(r, 200));
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise((resolve) => this.wss.close(() => resolve()));
    await new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  async close() {
    this.agent.destroy();
    if (this.up) await this.shutdown(1001);
  }

  onConnection(ws) {
    let s = null;
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const text = data.toString();
      if (s !== null && text.includes('"display_event"')) return this.onDisplay(text, s);
      let msg;
      try {
        msg = JSON.parse(text);
      } catch {
        return;
      }
      if (s === null) s = this.onInit(ws, msg);
      else if (msg.type === 'subscription_update' && s.readyAt === 0) {
        const subs = Array.isArray(msg.subscriptions) ? msg.subscriptions : [];
        if (subs.some((x) => x === STREAM || (x && x.stream === STREAM))) {
          s.readyAt = performance.now();
          s.onReady?.();
        }
      }
    });
    ws.on('close', () => {
      if (s !== null && s.ws === ws) {
        s.ws = null;
        s.downSince = performance.now();
      }
    });
  }

  onInit(ws, msg) {
    const s = msg && msg.type === 'tpa_connection_init' ? this.sessions.get(msg.sessionId) : undefined;
    if (!s || msg.apiKey !== this.apiKey || msg.packageName !== this.packageName) {
      this.counters.refused++;
      ws.close(1008, 'refused');
      return null;
    }
    this.counters.inits++;
    if (s.connects > 0) {
      this.counters.reconnects++;
      if (s.downSince > 0) this.reconnectMs.push(performance.now() - s.downSince);
      s.reconnectedAt = performance.now();
      if (this.restartedAt && !s.backAfterRestart) s.backAfterRestart = s.reconnectedAt;
    }
    s.connects++;
    s.downSince = 0;
    if (s.ws && s.ws !== ws) s.ws.terminate();
    s.ws = ws;
    ws.send(`{"type":"tpa_connection_ack","sessionId":"${s.sessionId}","settings":[],"timestamp":"${new Date().toISOString()}"}`);
    return s;
  }

  onDisplay(text, s) {
    this.counters.displays++;
    const m = SEQ_RE.exec(text);
    if (!m) return void this.counters.badDisplays++;
    const seq = Number(m[1]);
    if (seq > s.maxDisplaySeq) s.maxDisplaySeq = seq;
    if (seq >= this.seq) return void this.counters.badDisplays++;
    if (this.received[seq]) return void this.counters.displaysRepeated++; // a layout shown again after a reconnect
    this.received[seq] = 1;
    this.latencies.push(performance.now() - this.sendTimes[seq]);
  }

  /** One final transcription `#<seq> ...` to session `s`; false if its socket is down. */
  sendEvent(s) {
    if (!s.ws || s.ws.readyState !== 1) {
      this.counters.eventsSkippedClosed++;
      return false;
    }
    const seq = this.seq++;
    if (seq >= this.received.length) {
      const grown = new Uint8Array(Math.max(1024, this.received.length * 2));
      grown.set(this.received);
      this.received = grown;
    }
    this.sendTimes[seq] = performance.now();
    this.counters.eventsSent++;
    const start = Date.now();
    s.ws.send(
      `{"type":"data_stream","sessionId":"${s.sessionId}","streamType":"${STREAM}","data":{"type":"transcription",` +
        `"text":"#${seq} soak","isFinal":true,"transcribeLanguage":"en-US","startTime":${start},"endTime":${start + 900}},"timestamp":"${new Date().toISOString()}"}`,
    );
    return true;
  }

  /** The latencies measured since the last call (and start again). */
  takeLatencies() {
    const out = this.latencies;
    this.latencies = [];
    return out;
  }

  webhook(appPort, body, timeoutMs = 30_000) {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: appPort,
          path: '/webhook',
          method: 'POST',
          agent: this.agent,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
          res.on('error', () => resolve(0));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  }

  /** Starts sessions 0..n-1 on the app, the WebSocket URL pointing at `wsPort` (the proxy); returns the webhook statuses. */
  async startSessions(appPort, wsPort, n, concurrency = 50) {
    const statuses = {};
    let next = 0;
    const one = async (i) => {
      const userId = userIdOf(i);
      const s = {
        index: i,
        userId,
        sessionId: `${userId}-${this.packageName}`,
        ws: null,
        connects: 0,
        downSince: 0,
        readyAt: 0,
        maxDisplaySeq: -1,
        onReady: null,
      };
      this.sessions.set(s.sessionId, s);
      this.list.push(s);
      const ready = new Promise((resolve) => {
        s.onReady = resolve;
        setTimeout(resolve, 30_000).unref();
      });
      const status = await this.webhook(appPort, {
        type: 'session_request',
        sessionId: s.sessionId,
        userId,
        timestamp: new Date().toISOString(),
        augmentOSWebsocketUrl: `ws://127.0.0.1:${wsPort}/app-ws`,
      });
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) await ready;
    };
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < n; i = next++) await one(i);
      }),
    );
    return statuses;
  }

  async stopSessions(appPort, concurrency = 50) {
    const statuses = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < this.list.length; i = next++) {
          const s = this.list[i];
          const status = await this.webhook(appPort, {
            type: 'stop_request',
            sessionId: s.sessionId,
            userId: s.userId,
            reason: 'user_disabled',
            timestamp: new Date().toISOString(),
          });
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }),
    );
    return statuses;
  }

  connectedCount() {
    let n = 0;
    for (const s of this.list) if (s.ws && s.ws.readyState === 1) n++;
    return n;
  }
}
