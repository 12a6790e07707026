/**
 * The load generator: a fake MentraOS cloud on 127.0.0.1. It sends `session_request` webhooks over HTTP,
 * serves `/app-ws`, answers the handshake like the cloud (`tpa_connection_ack` with settings and
 * capabilities), sends final transcriptions as `data_stream` and times the `display_event` that comes back.
 *
 * Definitions (the same for every app):
 *   ready      = the cloud has received a `subscription_update` that includes `transcription:en-US`
 *                (and the webhook was answered 2xx); "webhook → ready" runs from the webhook POST to then.
 *   latency    = from just before the cloud writes a `data_stream` to the moment it reads the
 *                `display_event` carrying the same text back (both timed here, one clock).
 */
import { Agent, createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';

export const STREAM = 'transcription:en-US';
const PHRASE = ' the quick brown fox jumps over the lazy dog';
const SEQ_RE = /"text":"#(\d+) /;

const ACK_STATIC = JSON.stringify({
  settings: [],
  augmentosSettings: {
    useOnboardMic: false,
    contextualDashboard: true,
    headUpAngle: 20,
    brightness: 50,
    autoBrightness: false,
    sensingEnabled: true,
    alwaysOnStatusBar: false,
    bypassVad: false,
    bypassAudioEncoding: false,
    metricSystemEnabled: false,
  },
  capabilities: {
    modelName: 'Even Realities G1',
    hasCamera: false,
    hasDisplay: true,
    hasMicrophone: true,
    hasSpeaker: false,
    hasIMU: true,
    hasButton: false,
    hasLight: false,
    hasWifi: false,
    display: { count: 2, isColor: false, color: 'green', canDisplayBitmap: true, resolution: { width: 576, height: 135 }, maxTextLines: 5 },
  },
}).slice(1, -1);

/** The real session id format: `<userId>-<packageName>`, with an e-mail address as the user id. */
export function userIdOf(i) {
  return `bench.wearer${String(i).padStart(5, '0')}@example.com`;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function round(x, digits = 2) {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(digits));
}

/** One measured batch of events: send times by sequence number, latencies as they come back. */
class EventPhase {
  constructor(baseSeq, capacity) {
    this.baseSeq = baseSeq;
    this.capacity = capacity;
    this.sendTimes = new Float64Array(capacity);
    this.sessionOf = new Int32Array(capacity);
    this.latencies = new Float64Array(capacity);
    this.sent = 0;
    this.received = 0;
    this.wrongSession = 0;
    this.duplicates = 0;
    this.firstSend = 0;
    this.lastSend = 0;
    this.lastReceive = 0;
    this.onReceive = null;
  }

  summary() {
    const lat = this.latencies.slice(0, this.received).sort();
    const recvSpan = this.lastReceive - this.firstSend;
    return {
      sent: this.sent,
      received: this.received,
      lost: this.sent - this.received,
      wrongSession: this.wrongSession,
      duplicates: this.duplicates,
      sendRate: round(this.sent / Math.max(1e-9, (this.lastSend - this.firstSend) / 1000), 0),
      eventsPerSec: round(this.received / Math.max(1e-9, recvSpan / 1000), 0),
      elapsedMs: round(recvSpan, 0),
      latencyMs: { p50: round(percentile(lat, 0.5)), p90: round(percentile(lat, 0.9)), p99: round(percentile(lat, 0.99)), max: round(lat[lat.length - 1]) },
    };
  }
}

export class FakeCloud {
  constructor({ packageName, apiKey }) {
    this.packageName = packageName;
    this.apiKey = apiKey;
    this.sessions = new Map();
    this.ready = [];
    this.seq = 0;
    this.phase = null;
    this.counters = {
      inits: 0,
      refused: 0,
      subscriptionUpdates: 0,
      displays: 0,
      lateDisplays: 0,
      badDisplays: 0,
      malformed: 0,
      binary: 0,
      httpOther: 0,
      otherTypes: {},
    };
  }

  async listen() {
    this.server = createServer((req, res) => {
      // The reference SDK fetches https://<cloud>/api/public/permissions/... at each onTranscription; over
      // TLS that arrives as a client error (counted below). Plain HTTP calls are counted here.
      this.counters.httpOther++;
      req.resume();
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not served by the benchmark cloud"}');
    });
    this.server.on('clientError', (_err, socket) => {
      this.counters.clientErrors = (this.counters.clientErrors ?? 0) + 1;
      socket.destroy();
    });
    this.wss = new WebSocketServer({ server: this.server, path: '/app-ws', perMessageDeflate: false, clientTracking: true });
    this.wss.on('connection', (ws) => this.onConnection(ws));
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', resolve);
    });
    this.port = this.server.address().port;
    this.url = `ws://127.0.0.1:${this.port}/app-ws`;
  }

  async close() {
    for (const ws of this.wss.clients) ws.terminate();
    this.agent?.destroy();
    await new Promise((resolve) => this.wss.close(() => resolve()));
    await new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ WebSocket side

  onConnection(ws) {
    let s = null;
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.counters.binary++;
        return;
      }
      const text = data.toString();
      if (s !== null && text.includes('"display_event"')) return this.onDisplay(text, s);
      let msg;
      try {
        msg = JSON.parse(text);
      } catch {
        this.counters.malformed++;
        return;
      }
      if (s === null) {
        s = this.onInit(ws, msg);
        return;
      }
      if (msg.type === 'subscription_update') this.onSubscriptions(s, msg);
      else this.counters.otherTypes[msg.type] = (this.counters.otherTypes[msg.type] ?? 0) + 1;
    });
    ws.on('close', () => {
      if (s !== null && s.ws === ws) s.ws = null;
    });
  }

  onInit(ws, msg) {
    const s = msg && msg.type === 'tpa_connection_init' ? this.sessions.get(msg.sessionId) : undefined;
    if (!s || msg.apiKey !== this.apiKey || msg.packageName !== this.packageName) {
      this.counters.refused++;
      ws.send(
        JSON.stringify({
          type: 'tpa_connection_error',
          code: s ? 'INVALID_API_KEY' : 'SESSION_NOT_FOUND',
          message: 'Refused by the benchmark cloud',
          timestamp: new Date().toISOString(),
        }),
      );
      ws.close(1008, 'refused');
      return null;
    }
    this.counters.inits++;
    if (s.ws && s.ws !== ws) s.ws.terminate();
    s.ws = ws;
    ws.send(`{"type":"tpa_connection_ack","sessionId":"${s.sessionId}",${ACK_STATIC},"timestamp":"${new Date().toISOString()}"}`);
    return s;
  }

  onSubscriptions(s, msg) {
    this.counters.subscriptionUpdates++;
    const subs = Array.isArray(msg.subscriptions) ? msg.subscriptions : [];
    const has = subs.some((x) => x === STREAM || (x && x.stream === STREAM));
    if (has && s.readyAt === 0) {
      s.readyAt = performance.now();
      s.onReady?.();
    }
  }

  onDisplay(text, s) {
    this.counters.displays++;
    const m = SEQ_RE.exec(text);
    const ph = this.phase;
    if (!m) {
      this.counters.badDisplays++;
      return;
    }
    const i = Number(m[1]) - (ph ? ph.baseSeq : 0);
    if (!ph || i < 0 || i >= ph.sent) {
      this.counters.lateDisplays++;
      return;
    }
    if (ph.latencies[i] !== 0) {
      ph.duplicates++;
      return;
    }
    const now = performance.now();
    ph.latencies[i] = Math.max(now - ph.sendTimes[i], 1e-6);
    if (ph.sessionOf[i] !== s.index) ph.wrongSession++;
    ph.received++;
    ph.lastReceive = now;
    ph.onReceive?.();
  }

  sendEvent(s, ph) {
    const i = ph.sent;
    const seq = ph.baseSeq + i;
    const now = performance.now();
    const start = Math.round(now);
    ph.sendTimes[i] = now;
    ph.sessionOf[i] = s.index;
    if (i === 0) ph.firstSend = now;
    ph.lastSend = now;
    ph.sent++;
    s.ws.send(
      `{"type":"data_stream","sessionId":"${s.sessionId}","streamType":"${STREAM}","data":{"type":"transcription",` +
        `"text":"#${seq}${PHRASE}","isFinal":true,"transcribeLanguage":"en-US","startTime":${start},"endTime":${start + 1800},` +
        `"speakerId":"0","duration":1800},"timestamp":"${new Date().toISOString()}"}`,
    );
  }

  newPhase(capacity) {
    const ph = new EventPhase(this.seq, capacity);
    this.seq += capacity;
    this.phase = ph;
    return ph;
  }

  // ------------------------------------------------------------------ webhooks

  postWebhook(port, body, timeoutMs) {
    const payload = JSON.stringify(body);
    return new Promise((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhook',
          method: 'POST',
          agent: this.agent,
          timeout: timeoutMs,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString().slice(0, 300) }));
          res.on('error', (e) => resolve({ status: 0, body: e.message }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (e) => resolve({ status: 0, body: e.message }));
      req.end(payload);
    });
  }

  /**
   * Starts sessions `from`..`to`-1 on the app at `port`, `concurrency` at a time, each one webhook → ready.
   * Bounded: each session by `readyTimeoutMs`, the batch by `deadlineMs`.
   */
  async startSessions(port, from, to, { concurrency, readyTimeoutMs, deadlineMs }) {
    this.agent ??= new Agent({ keepAlive: true, maxSockets: concurrency });
    const readyMs = [];
    const webhookMs = [];
    const failures = {};
    const fail = (why) => (failures[why] = (failures[why] ?? 0) + 1);
    const t0 = performance.now();
    const deadline = t0 + deadlineMs;
    let next = from;
    let lastReady = t0;
    let attempted = 0;
    const startOne = async (i) => {
      attempted++;
      const userId = userIdOf(i);
      const s = { index: i, userId, sessionId: `${userId}-${this.packageName}`, ws: null, readyAt: 0, onReady: null };
      this.sessions.set(s.sessionId, s);
      const start = performance.now();
      let timer;
      const ready = new Promise((resolve) => {
        s.onReady = () => resolve(true);
        timer = setTimeout(() => resolve(false), readyTimeoutMs);
      });
      const answer = await this.postWebhook(
        port,
        {
          type: 'session_request',
          sessionId: s.sessionId,
          userId,
          timestamp: new Date().toISOString(),
          augmentOSWebsocketUrl: this.url,
        },
        readyTimeoutMs,
      );
      webhookMs.push(performance.now() - start);
      if (answer.status < 200 || answer.status > 299) {
        clearTimeout(timer);
        fail(`webhook ${answer.status}: ${answer.body.slice(0, 120)}`);
        return;
      }
      const ok = s.readyAt > 0 || (await ready);
      clearTimeout(timer);
      s.onReady = null;
      if (!ok) return fail('no subscription_update within the ready timeout');
      readyMs.push(s.readyAt - start);
      lastReady = Math.max(lastReady, s.readyAt);
      this.ready.push(s);
    };
    const worker = async () => {
      for (let i = next++; i < to && performance.now() < deadline; i = next++) await startOne(i);
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
    readyMs.sort((a, b) => a - b);
    webhookMs.sort((a, b) => a - b);
    const elapsed = lastReady - t0;
    return {
      requested: to - from,
      started: readyMs.length,
      failures,
      notAttempted: to - from - attempted,
      elapsedMs: round(elapsed, 0),
      sessionsPerSec: round(readyMs.length / Math.max(1e-9, elapsed / 1000), 1),
      readyMs: { p50: round(percentile(readyMs, 0.5)), p99: round(percentile(readyMs, 0.99)), max: round(readyMs[readyMs.length - 1]) },
      webhookMs: { p50: round(percentile(webhookMs, 0.5)), p99: round(percentile(webhookMs, 0.99)) },
    };
  }

  // ------------------------------------------------------------------ events

  /** Open loop: `rate` final transcriptions per second, round-robin over the ready sessions, for `durationMs`. */
  async fixedRate({ rate, durationMs, graceMs }) {
    const sessions = this.ready;
    const total = Math.max(1, Math.round((rate * durationMs) / 1000));
    const ph = this.newPhase(total);
    let rr = 0;
    let skipped = 0;
    const t0 = performance.now();
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000));
        while (ph.sent < due && skipped <= total) {
          const s = sessions[rr++ % sessions.length];
          if (s.ws) this.sendEvent(s, ph);
          else skipped++;
        }
        if (ph.sent >= total || skipped > total || performance.now() - t0 > durationMs * 3) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    await waitFor(() => ph.received >= ph.sent, graceMs);
    this.phase = null;
    return { rate, durationMs, skippedClosed: skipped, ...ph.summary() };
  }

  /** Closed loop: `window` events in flight, a new one sent for each display back, until `count` or `maxMs`. */
  async closedLoop({ window, count, maxMs }) {
    const sessions = this.ready;
    const ph = this.newPhase(count);
    let rr = 0;
    const sendNext = () => {
      for (let tries = 0; tries < sessions.length && ph.sent < count; tries++) {
        const s = sessions[rr++ % sessions.length];
        if (s.ws) return this.sendEvent(s, ph);
      }
    };
    ph.onReceive = sendNext;
    for (let k = 0; k < window && ph.sent < count; k++) sendNext();
    const done = await waitFor(() => ph.received >= count, maxMs);
    ph.onReceive = null;
    this.phase = null;
    return { window, count, completed: done, ...ph.summary() };
  }
}

/** Polls `cond` every 10 ms for at most `ms`; true if it became true. */
export function waitFor(cond, ms) {
  return new Promise((resolve) => {
    if (cond()) return resolve(true);
    const t0 = performance.now();
    const timer = setInterval(() => {
      if (cond()) {
        clearInterval(timer);
        resolve(true);
      } else if (performance.now() - t0 > ms) {
        clearInterval(timer);
        resolve(false);
      }
    }, 10);
  });
}
