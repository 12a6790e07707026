/**
 * The proxy sink: a tiny HTTP server on 127.0.0.1 that the app processes' proxy variables point at, so a
 * call meant for the internet ends here. It records every request and CONNECT, answers the SDK version
 * check with a canned reply, and refuses everything else. Nothing is forwarded anywhere.
 */
import { createServer } from 'node:http';

export const CANNED_VERSION = { success: true, data: { latest: '2.1.29' } };

export async function startSink() {
  const seen = new Map(); // "METHOD target" -> count
  const note = (key) => seen.set(key, (seen.get(key) ?? 0) + 1);
  const server = createServer((req, res) => {
    note(`${req.method} ${req.url}`);
    req.resume();
    if (req.method === 'GET' && /\/api\/sdk\/version(\?|$)/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(CANNED_VERSION));
      return;
    }
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end('{"success":false,"error":"blocked by the benchmark sink"}');
  });
  server.on('connect', (req, socket) => {
    note(`CONNECT ${req.url}`);
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    /** What the sink saw since the last call (and forget it). */
    take() {
      const out = Object.fromEntries(seen);
      seen.clear();
      return out;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Environment that sends every proxied call to the sink and keeps loopback traffic direct. */
export function proxyEnv(sinkUrl) {
  return {
    HTTP_PROXY: sinkUrl,
    HTTPS_PROXY: sinkUrl,
    http_proxy: sinkUrl,
    https_proxy: sinkUrl,
    NO_PROXY: '127.0.0.1,localhost,::1',
    no_proxy: '127.0.0.1,localhost,::1',
  };
}
