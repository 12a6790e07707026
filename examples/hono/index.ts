/**
 * An app in the shape of the `@mentra/sdk` 3.0.0-hono template, on `@mentraos/sdk/hono`: the server is a Hono
 * app; the webview auth routes and the app's own API are mounted with `app.route`; `start()` does not listen,
 * so the app serves itself with `Bun.serve` (routes plus `fetch`). Run it with
 * `mentraos dev examples/hono/index.ts --runtime bun --script examples/hono/notes.script.json`.
 */
import { AppServer, type AppSession, createMentraAuthRoutes } from '@mentraos/sdk/hono';
import { Hono } from 'hono';

const PORT = Number(process.env.PORT ?? 3000);
const PACKAGE_NAME = process.env.PACKAGE_NAME ?? 'com.example.hononotes';
const API_KEY = process.env.MENTRAOS_API_KEY ?? 'local-development-key';
const COOKIE_SECRET = process.env.COOKIE_SECRET ?? API_KEY;

/** The latest note of each user, for the webview API. */
const notes = new Map<string, string>();

class NotesApp extends AppServer {
  protected async onSession(session: AppSession, sessionId: string, userId: string): Promise<void> {
    session.logger.info('Notes session started');
    session.logger.info({ sessionId, userId }, 'Session details');
    const model = session.device.state.modelName.value ?? 'unknown glasses';
    session.logger.warn('Running on', { model });

    const visits = Number((await session.simpleStorage.get('visits')) ?? '0') + 1;
    await session.simpleStorage.set('visits', String(visits));
    const timezone = session.settings.getMentraOS<string>('userTimezone') ?? 'UTC';
    session.settings.onMentraosChange<string>('userTimezone', (zone) => session.layouts.showTextWall(`Time zone: ${zone}`));
    session.layouts.showTextWall(`Notes ready on ${model} (visit ${visits}, ${timezone})`);

    session.events.onTranscription(async (data) => {
      if (!data.isFinal) return;
      if (/photo/i.test(data.text)) {
        const photo = await session.camera.requestPhoto();
        session.layouts.showTextWall(`Photo saved (${photo.size} bytes)`);
        return;
      }
      notes.set(userId, data.text);
      session.layouts.showTextWall(`Noted: ${data.text}`);
      // Speaking is best effort: the note is already on the display.
      session.audio.speak(`Noted ${data.text}`).catch((e: unknown) => session.logger.warn('Could not speak', { error: String(e) }));
    });
  }

  // Does not call super: the SDK still runs it exactly once per session.
  protected async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    console.log(`Session ended: ${reason}`);
  }
}

const app = new NotesApp({ packageName: PACKAGE_NAME, apiKey: API_KEY, port: PORT, cookieSecret: COOKIE_SECRET });
app.route('/api/mentra/auth', createMentraAuthRoutes({ apiKey: API_KEY, packageName: PACKAGE_NAME, cookieSecret: COOKIE_SECRET }));

const api = new Hono();
api.get('/notes/latest', (c) => {
  const userId = c.req.query('userId');
  return userId ? c.json({ userId, note: notes.get(userId) ?? null }) : c.json({ error: 'userId is required' }, 400);
});
app.route('/api', api);

await app.start();
const server = Bun.serve({
  port: PORT,
  routes: {
    '/': new Response('<!doctype html><title>Notes</title><h1>Notes</h1>', { headers: { 'content-type': 'text/html' } }),
  },
  fetch(request) {
    return app.fetch(request);
  },
});
console.log(`Notes app on port ${server.port}`);

process.on('SIGINT', async () => {
  await app.stop();
  process.exit(0);
});
