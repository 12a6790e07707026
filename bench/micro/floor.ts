/**
 * The floor's paths, in process: what `bench/apps/floor.mjs` does by hand with `ws`, over the same in-memory
 * transport as the SDK's paths, so only the app's own work differs.
 */
import { type MemoryEnd, memoryTransport } from '../../src/core/session/memory-transport';
import type { SocketEvents, TransportSocket } from '../../src/core/session/transport';
// @ts-expect-error: plain JavaScript (no declarations), shared with the floor app
import { onFloorText } from '../apps/floor-protocol.mjs';
import { ACK_FRAME, API_KEY, PACKAGE, type Sink } from './wire';

/** One floor app: its sockets by session id, over an in-memory transport that reports to `sink`. */
export function floorApp(sink: Sink) {
  const transport = memoryTransport({ sent: (end: MemoryEnd, text: string) => sink.take(text, () => end.push(ACK_FRAME)) }, { defer: queueMicrotask });
  const sockets = new Map<string, TransportSocket>();

  /** Webhook body → socket → init → ack → subscription update and the webhook answer; resolves with the answer. */
  function start(body: Record<string, unknown>): Promise<string> {
    return new Promise((resolve) => {
      const sessionId = body.sessionId as string;
      sockets.get(sessionId)?.terminate();
      let pending = true;
      const answered = (_status: number, text: string) => {
        if (!pending) return;
        pending = false;
        clearTimeout(timer);
        resolve(text);
      };
      const timer = setTimeout(() => answered(504, '{"status":"error"}'), 5000);
      const ready = () => answered(200, JSON.stringify({ status: 'success' }));
      const refused = (code: string) => answered(502, JSON.stringify({ status: 'error', message: `refused: ${code}` }));
      const events: SocketEvents = {
        open: () =>
          ws.send(JSON.stringify({ type: 'tpa_connection_init', sessionId, packageName: PACKAGE, apiKey: API_KEY, timestamp: new Date().toISOString() })),
        text: (data) => onFloorText(data, ws, sessionId, PACKAGE, ready, refused),
        binary: () => {},
        alive: () => {},
        close: () => {
          if (sockets.get(sessionId) === ws) sockets.delete(sessionId);
          answered(502, '{"status":"error","message":"closed"}');
        },
        error: (err) => answered(502, JSON.stringify({ status: 'error', message: err.message })),
      };
      const ws = transport((body.mentraOSWebsocketUrl || body.augmentOSWebsocketUrl) as string, events);
      sockets.set(sessionId, ws);
    });
  }

  function stop(sessionId: string): void {
    sockets.get(sessionId)?.close(1000, '');
    sockets.delete(sessionId);
  }

  /** The events of a started session's socket (to hand it a frame as its socket would). */
  function eventsOf(sessionId: string): SocketEvents {
    return (sockets.get(sessionId) as MemoryEnd).events;
  }

  return { start, stop, eventsOf };
}
