/**
 * Liveness of the sockets (the ws README's heartbeat recipe, on the app side): a ping every `intervalMs`.
 * A socket that showed no sign of life since the previous ping (no pong, no frame, no ping from the
 * cloud) is a zombie, typically a half-open TCP connection: `onZombie` runs, and the session terminates
 * the socket and resumes. A zombie is therefore found within two intervals.
 *
 * One timer serves every socket with the same interval (not one timer per session): thousands of sessions
 * cost one sweep per interval.
 */
import WebSocket from 'ws';

interface Watched {
  alive: boolean;
  onZombie: () => void;
}

const sweeps = new Map<number, { timer: ReturnType<typeof setInterval>; sockets: Map<WebSocket, Watched> }>();

function sweep(sockets: Map<WebSocket, Watched>): void {
  for (const [ws, w] of sockets) {
    if (ws.readyState !== WebSocket.OPEN) continue;
    if (!w.alive) {
      w.onZombie();
      continue;
    }
    w.alive = false;
    ws.ping();
  }
}

/** Starts watching `ws`; returns the function that stops watching. `intervalMs` 0 disables the pings. */
export function watchLiveness(ws: WebSocket, intervalMs: number, onZombie: () => void): () => void {
  if (!(intervalMs > 0)) return () => {};
  let group = sweeps.get(intervalMs);
  if (!group) {
    const sockets = new Map<WebSocket, Watched>();
    const timer = setInterval(() => sweep(sockets), intervalMs);
    timer.unref?.();
    sweeps.set(intervalMs, (group = { timer, sockets }));
  }
  const watched: Watched = { alive: true, onZombie };
  const sign = () => {
    watched.alive = true;
  };
  ws.on('pong', sign);
  ws.on('ping', sign);
  ws.on('message', sign);
  group.sockets.set(ws, watched);
  const { sockets, timer } = group;
  return () => {
    ws.off('pong', sign);
    ws.off('ping', sign);
    ws.off('message', sign);
    if (!sockets.delete(ws) || sockets.size > 0) return;
    clearInterval(timer);
    if (sweeps.get(intervalMs)?.sockets === sockets) sweeps.delete(intervalMs);
  };
}
