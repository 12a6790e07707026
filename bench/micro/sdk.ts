/**
 * The SDK's paths, in process, for one facade: the echo app of the socket benchmark (`bench/apps/ours.mjs`),
 * its engine given an in-memory transport. No HTTP server is started: the webhook body goes to the engine
 * as the HTTP layer hands it on, and events go to the session's socket events as `ws` delivers them.
 */
import { type MemoryEnd, memoryTransport } from '../../src/core/session/memory-transport';
import type { SocketEvents } from '../../src/core/session/transport';
import { type Facade, engineOf } from './facades';
import { ACK_FRAME, API_KEY, PACKAGE, STREAM, type Sink } from './wire';

export async function sdkApp(facade: Facade, sink: Sink) {
  const Server = await facade.load();
  class EchoApp extends Server {
    async onSession(session: any): Promise<void> {
      session.events.onTranscription((data: any) => {
        if (data.isFinal) session.layouts.showTextWall(data.text);
      });
    }
  }
  const server = new EchoApp({ packageName: PACKAGE, apiKey: API_KEY, port: 0, host: '127.0.0.1', trustedCloudHosts: ['127.0.0.1'] });
  const engine = await engineOf(facade, server);
  const ends = new Map<string, MemoryEnd>();
  let opened: MemoryEnd | undefined;
  engine.useTransport(
    memoryTransport(
      {
        opened: (end) => void (opened = end),
        sent: (end, text) => sink.take(text, () => end.push(ACK_FRAME)),
      },
      { defer: queueMicrotask },
    ),
  );

  /** Webhook body → session → init → ack → the answer → onSession → subscription update; resolves with the answer. */
  async function start(body: Record<string, unknown>): Promise<string> {
    const subscribed = new Promise<void>((resolve) => (sink.onSubscribed = resolve));
    const result = await engine.handleWebhook(body);
    if (opened) ends.set(body.sessionId as string, opened);
    const text = JSON.stringify(result.body);
    if (result.status !== 200) throw new Error(`session_request answered ${result.status}: ${text}`);
    result.after?.();
    await subscribed;
    return text;
  }

  async function stop(sessionId: string, userId: string): Promise<void> {
    ends.delete(sessionId);
    await engine.handleWebhook({ type: 'stop_request', sessionId, userId, reason: 'user_disabled' });
  }

  function eventsOf(sessionId: string): SocketEvents {
    const end = ends.get(sessionId);
    if (!end) throw new Error(`no session ${sessionId}`);
    return end.events;
  }

  return { start, stop, eventsOf, subscribes: STREAM };
}
