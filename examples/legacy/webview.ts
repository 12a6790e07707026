/**
 * A webview app in the AugmentOS style: static files from `publicDir`, a custom route on
 * `getExpressApp()`, and `req.authUserId` set by the SDK's webview authentication.
 */
import path from 'path';
import { TpaServer, TpaSession, AuthenticatedRequest } from '@augmentos/sdk';

const notes = new Map<string, string[]>();

class WebviewApp extends TpaServer {
  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    session.layouts.showTextWall('Open the app on your phone to see your notes');
    session.events.onTranscription((data) => {
      if (!data.isFinal) return;
      const list = notes.get(userId) ?? [];
      list.push(data.text);
      notes.set(userId, list);
      session.layouts.showTextWall(`Saved note ${list.length}`);
    });
  }
}

const app = new WebviewApp({
  packageName: process.env.PACKAGE_NAME ?? 'org.example.webview',
  apiKey: process.env.AUGMENTOS_API_KEY ?? 'local-development-key',
  port: parseInt(process.env.PORT ?? '7010', 10),
  publicDir: path.join(__dirname, 'public'),
});

const expressApp = app.getExpressApp();

expressApp.get('/webview', (req: AuthenticatedRequest, res) => {
  const userId = req.authUserId;
  if (!userId) {
    res.status(401).send('<p>Please open this page from the AugmentOS app.</p>');
    return;
  }
  const items = (notes.get(userId) ?? []).map((n) => `<li>${n}</li>`).join('');
  res.send(`<h1>Notes for ${userId}</h1><ul>${items}</ul>`);
});

app.start().catch(console.error);
