/**
 * An app written the AugmentOS 1.x way: its own express webhook, a `TpaSession` built from a plain config
 * with the WebSocket URL of the webhook body, `connect(sessionId)`, and `disconnect()` on `stop_request`.
 */
import { type Server, createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { TpaSession } from '../../compat';
import { API_KEY, captureLogger } from './apps';

export interface StandaloneApp {
  readonly port: number;
  readonly sessions: Map<string, TpaSession>;
  /** What the app's handlers saw, in order (`disconnected:<code>`, `head:<position>`, ...). */
  readonly seen: string[];
  /** The errors `connect` rejected with. */
  readonly connectErrors: unknown[];
  close(): Promise<void>;
}

export interface StandaloneOptions {
  packageName?: string;
  /** Called with each new session before `connect` (extra handlers). */
  before?: (session: TpaSession) => void;
}

/** Starts the app on a free port of 127.0.0.1. */
export async function startStandaloneApp(options: StandaloneOptions = {}): Promise<StandaloneApp> {
  const packageName = options.packageName ?? 'com.example.app';
  const sessions = new Map<string, TpaSession>();
  const seen: string[] = [];
  const connectErrors: unknown[] = [];
  const stop = (sessionId: string, res: express.Response) => {
    // As 1.x apps did: disconnect() inside try/catch (ours never throws).
    try {
      sessions.get(sessionId)?.disconnect();
    } catch (e) {
      seen.push(`disconnect threw: ${String(e)}`);
    }
    sessions.delete(sessionId);
    res.json({ status: 'success' });
  };
  const app = express();
  app.use(express.json());
  app.post('/webhook', async (req, res) => {
    const { type, sessionId, userId } = req.body;
    if (type === 'stop_request') return stop(sessionId, res);
    const session = new TpaSession({
      packageName,
      apiKey: API_KEY,
      userId,
      augmentOSWebsocketUrl: req.body.augmentOSWebsocketUrl ?? req.body.mentraOSWebsocketUrl,
      logger: captureLogger(),
    });
    session.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(`echo: ${data.text}`);
    });
    options.before?.(session);
    try {
      await session.connect(sessionId);
    } catch (e) {
      connectErrors.push(e);
      res.status(500).json({ status: 'error', message: (e as Error).message });
      return;
    }
    sessions.set(sessionId, session);
    session.onHeadPosition((data) => {
      seen.push(`head:${data.position}`);
      session.dashboard.content.writeToMain(`head ${data.position}`);
    });
    session.events.on('disconnected', (info: { code?: number } | string) => void seen.push(`disconnected:${typeof info === 'string' ? info : info.code}`));
    session.layouts.showReferenceCard('Hello', `units: ${session.settings.get('units', 'metric')}`, { durationMs: 3000 });
    res.json({ status: 'success' });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    port: (server.address() as AddressInfo).port,
    sessions,
    seen,
    connectErrors,
    async close() {
      for (const s of sessions.values()) await s.disconnect();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
    },
  };
}

/** A webhook on a free port of 127.0.0.1 that answers 200 and does nothing, for tests that build their sessions themselves. */
export interface IdleWebhook {
  readonly port: number;
  close(): Promise<void>;
}

/** Starts an {@link IdleWebhook}. */
export async function startIdleWebhook(): Promise<IdleWebhook> {
  const server = createHttpServer((req, res) => {
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"success"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
