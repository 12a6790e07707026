/**
 * Field notes: an app that uses the glasses' camera and microphone, offers a tool to the assistant, has
 * settings and a webview. Run it with no glasses and no account:
 *
 *   npx mentraos dev examples/modern/field-notes/app.ts                     # the simulator page
 *   npx mentraos dev examples/modern/field-notes/app.ts --script examples/modern/field-notes/field-notes.script.json
 *
 * - a button press takes a photo and shows its size;
 * - microphone audio is counted (chunks and bytes), shown when the wearer stops speaking;
 * - the assistant's `take_note` tool saves a note; `count_notes` says how many there are;
 * - the `units` and `greeting` settings change what is shown (app_config.json declares them);
 * - GET /webview answers with the wearer the webview belongs to.
 */
import { AppServer, AppSession, type AuthenticatedRequest, type ToolCall } from '@mentraos/sdk';

const notes = new Map<string, string[]>();

class FieldNotes extends AppServer {
  protected async onSession(session: AppSession, _sessionId: string, userId: string): Promise<void> {
    const greeting = session.settings.get<string>('greeting', 'Field notes ready');
    session.layouts.showTextWall(greeting);

    session.events.onButtonPress(async () => {
      try {
        const photo = await session.camera.requestPhoto();
        session.layouts.showTextWall(`photo: ${photo.mimeType}, ${photo.size} bytes`);
      } catch (e) {
        session.layouts.showTextWall(`no photo: ${(e as Error).message}`);
      }
    });

    let chunks = 0;
    let bytes = 0;
    session.events.onAudioChunk((chunk) => {
      chunks++;
      bytes += chunk.arrayBuffer.byteLength;
    });
    session.events.onVoiceActivity((vad) => {
      const speaking = vad.status === true || vad.status === 'true';
      if (!speaking) session.layouts.showTextWall(`heard ${chunks} chunks, ${bytes} bytes`);
    });

    session.events.onSettingsUpdate((settings) => {
      const units = settings.find((s) => s.key === 'units')?.value;
      session.layouts.showTextWall(`settings updated: units ${String(units)}`);
    });

    session.events.onTranscription((data) => {
      if (data.isFinal && /notes/i.test(data.text)) {
        session.layouts.showReferenceCard('Notes', (notes.get(userId) ?? []).join('\n') || 'none yet');
      }
    });
  }

  protected async onToolCall(toolCall: ToolCall): Promise<string | undefined> {
    const list = notes.get(toolCall.userId) ?? [];
    if (toolCall.toolId === 'take_note') {
      const text = String(toolCall.toolParameters.text ?? '');
      list.push(text);
      notes.set(toolCall.userId, list);
      toolCall.activeSession?.layouts.showTextWall(`noted: ${text}`);
      return `Saved: ${text}`;
    }
    if (toolCall.toolId === 'count_notes') return `${list.length} note(s)`;
    return undefined;
  }
}

const server = new FieldNotes({
  packageName: process.env.PACKAGE_NAME ?? 'com.example.fieldnotes',
  apiKey: process.env.MENTRAOS_API_KEY ?? 'local-development-key',
  port: Number(process.env.PORT ?? 3000),
});

server.getExpressApp().get('/webview', (req, res) => {
  const r = req as AuthenticatedRequest;
  if (!r.authUserId) return res.status(401).json({ error: 'not signed in' });
  res.json({ user: r.authUserId, session: !!r.activeSession, notes: notes.get(r.authUserId) ?? [] });
});

server.start();
