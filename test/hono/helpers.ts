/** Hono apps shared by the Hono facade's tests. */
import { AppServer, type AppServerConfig, type AppSession } from '../../src/hono';
import { API_KEY, captureLogger } from '../helpers/apps';

export { API_KEY };

export function honoConfig(extra: Partial<AppServerConfig> = {}): AppServerConfig {
  return { packageName: 'com.example.hono', apiKey: API_KEY, logger: captureLogger(), handleSignals: false, ...extra };
}

/** Every final transcription becomes `echo: <text>`; sessions and stops are recorded. */
export class HonoEcho extends AppServer {
  readonly sessions: AppSession[] = [];
  readonly stops: Array<{ sessionId: string; userId: string; reason: string }> = [];

  protected override async onSession(session: AppSession): Promise<void> {
    this.sessions.push(session);
    session.events.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(`echo: ${data.text}`);
    });
  }

  // Does not call super: onStop still runs exactly once per session.
  protected override async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    this.stops.push({ sessionId, userId, reason });
  }
}

/** A request to a Hono app's fetch handler. */
export function request(app: { fetch(r: Request): Response | Promise<Response> }, path: string, init: RequestInit = {}): Promise<Response> {
  return Promise.resolve(app.fetch(new Request(`http://127.0.0.1${path}`, init)));
}
