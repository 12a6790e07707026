/**
 * The floor: the same echo app written by hand on node:http and ws, with nothing but the protocol.
 * Webhook → WebSocket → tpa_connection_init → (ack) → subscription_update and the webhook answer;
 * each final transcription → display_event text_wall.
 */
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { onFloorText } from './floor-protocol.mjs';
import { serveBench } from './ipc.mjs';

const packageName = process.env.BENCH_PACKAGE;
const apiKey = process.env.BENCH_API_KEY;
const sockets = new Map();

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function startSession(sessionId, url, res) {
  sockets.get(sessionId)?.terminate();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  sockets.set(sessionId, ws);
  let pending = res; // the webhook answer, dropped once sent so the session does not keep the request
  const timer = setTimeout(() => fail('handshake timeout'), 5000);
  function fail(why) {
    if (!pending) return;
    clearTimeout(timer);
    ws.terminate();
    answer(pending, 502, { status: 'error', message: why });
    pending = null;
  }
  ws.on('open', () => {
    ws.send(JSON.stringify({ type: 'tpa_connection_init', sessionId, packageName, apiKey, timestamp: new Date().toISOString() }));
  });
  const ready = () => {
    if (!pending) return;
    clearTimeout(timer);
    answer(pending, 200, { status: 'success' });
    pending = null;
  };
  const refused = (code) => fail(`refused: ${code}`);
  ws.on('message', (data, isBinary) => {
    if (!isBinary) onFloorText(data.toString(), ws, sessionId, packageName, ready, refused);
  });
  ws.on('error', (err) => fail(err.message));
  ws.on('close', () => {
    if (sockets.get(sessionId) === ws) sockets.delete(sessionId);
    fail('closed');
  });
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/webhook') return answer(res, 404, { status: 'error', message: 'not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString());
    } catch {
      return answer(res, 400, { status: 'error', message: 'bad JSON' });
    }
    if (body.type === 'session_request') startSession(body.sessionId, body.mentraOSWebsocketUrl || body.augmentOSWebsocketUrl, res);
    else if (body.type === 'stop_request') {
      sockets.get(body.sessionId)?.close(1000);
      answer(res, 200, { status: 'success' });
    } else answer(res, 400, { status: 'error', message: 'unknown type' });
  });
});
server.listen(0, '127.0.0.1', () => serveBench('floor', server.address().port));
