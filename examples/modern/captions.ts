/** Live captions: every transcription (interim and final) becomes a text wall. */
import { AppServer, AppSession } from '@mentraos/sdk';

export class CaptionsApp extends AppServer {
  protected async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall('Captions ready');
    session.events.onTranscription((data) => {
      session.layouts.showTextWall(data.isFinal ? data.text : `${data.text}…`);
    });
    session.events.onButtonPress((press) => {
      if (press.pressType === 'long') session.layouts.clearView();
    });
  }
}

const server = new CaptionsApp({
  packageName: process.env.PACKAGE_NAME ?? 'com.example.captions',
  apiKey: process.env.MENTRAOS_API_KEY ?? 'local-development-key',
  port: Number(process.env.PORT ?? 3000),
});

server.start().then(() => console.log(`Captions app listening on port ${server.getPort()}`));
