/**
 * An app with its own HTTP routes (Express 4 syntax through getExpressApp) and static files (publicDir):
 * GET /api/notes/:userId lists what a user said; /index.html is served from ./public.
 */
import { fileURLToPath } from 'node:url';
import { AppServer, AppSession } from '@mentraos/sdk';

const notes = new Map<string, string[]>();

class NotesApp extends AppServer {
  protected async onSession(session: AppSession, _sessionId: string, userId: string): Promise<void> {
    session.events.onTranscription((data) => {
      if (!data.isFinal) return;
      const list = notes.get(userId) ?? [];
      list.push(data.text);
      notes.set(userId, list);
      session.layouts.showDoubleTextWall('Noted', `${list.length} note(s)`);
    });
  }
}

const server = new NotesApp({
  packageName: process.env.PACKAGE_NAME ?? 'com.example.notes',
  apiKey: process.env.MENTRAOS_API_KEY ?? 'local-development-key',
  port: Number(process.env.PORT ?? 3000),
  publicDir: fileURLToPath(new URL('./public', import.meta.url)),
});

const app = server.getExpressApp();
app.get('/api/notes/:userId', (req, res) => {
  res.json({ userId: req.params.userId, notes: notes.get(req.params.userId) ?? [] });
});

server.start();
