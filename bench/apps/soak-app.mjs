/**
 * The soak's app: the echo app on @mentraos/sdk (dist/), counting per session its onSession and onStop calls
 * and the display updates it asked for (the last sequence number shown), for the harness to compare with
 * what the cloud received. `BENCH_PING_MS` sets the liveness ping interval (half-open links are found by it).
 */
import { serveBench } from './ipc.mjs';

const { AppServer } = await import('../../dist/index.js');
const SEQ_RE = /^#(\d+) /;
const perSession = new Map(); // sessionId -> [onSession calls, onStop calls, display updates, last seq shown]
const record = (id) => {
  let r = perSession.get(id);
  if (!r) perSession.set(id, (r = [0, 0, 0, -1]));
  return r;
};

class SoakApp extends AppServer {
  async onSession(session, sessionId) {
    record(sessionId)[0]++;
    session.events.onTranscription((data) => {
      if (!data.isFinal) return;
      const r = record(sessionId);
      session.layouts.showTextWall(data.text);
      r[2]++;
      const m = SEQ_RE.exec(data.text);
      if (m) r[3] = Math.max(r[3], Number(m[1]));
    });
  }

  async onStop(sessionId) {
    record(sessionId)[1]++;
  }
}

const server = new SoakApp({
  packageName: process.env.BENCH_PACKAGE,
  apiKey: process.env.BENCH_API_KEY,
  port: 0,
  host: '127.0.0.1',
  trustedCloudHosts: ['127.0.0.1'],
  pingIntervalMs: Number(process.env.BENCH_PING_MS) || 5000,
});
await server.start();
process.on('message', (m) => {
  if (m && m.type === 'soak-report') process.send({ type: 'soak-report', sessions: [...perSession] });
});
serveBench('soak', server.getPort());
