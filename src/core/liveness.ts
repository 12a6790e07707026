/**
 * Liveness of one socket (the ws README's heartbeat recipe, on the app side): a ping every `intervalMs`.
 * A socket that showed no sign of life since the previous ping (no pong, no frame, no ping from the
 * cloud) is a zombie, typically a half-open TCP connection: `onZombie` runs, and the session terminates
 * the socket and resumes. A zombie is therefore found within two intervals.
 */
import WebSocket from 'ws';

/** Starts watching `ws`; returns the function that stops watching. `intervalMs` 0 disables the pings. */
export function watchLiveness(ws: WebSocket, intervalMs: number, onZombie: () => void): () => void {
  if (!(intervalMs > 0)) return () => {};
  let alive = true;
  const sign = () => {
    alive = true;
  };
  ws.on('pong', sign);
  ws.on('ping', sign);
  ws.on('message', sign);
  const timer = setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!alive) return onZombie();
    alive = false;
    ws.ping();
  }, intervalMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    ws.off('pong', sign);
    ws.off('ping', sign);
    ws.off('message', sign);
  };
}
