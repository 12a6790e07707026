/**
 * Live captions, written the way the AugmentOS quick-start wrote them: `TpaServer`, `TpaSession`,
 * `session.events`, `ViewType`, `StreamType`, cleanup handlers. It runs unchanged on @mentraos/sdk.
 */
import { TpaServer, TpaSession, StreamType, ViewType } from '@augmentos/sdk';

class ExampleAugmentOSApp extends TpaServer {
  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    console.log(`New session: ${sessionId} for ${userId}`);
    session.layouts.showTextWall('Example Captions App Ready!');

    const eventHandlers = [
      session.events.onTranscription((data) => {
        session.layouts.showTextWall(data.text, {
          view: ViewType.MAIN,
          durationMs: data.isFinal ? 3000 : undefined,
        });
      }),
      session.on(StreamType.HEAD_POSITION, (data: { position: string }) => {
        if (data.position === 'up') session.layouts.showDoubleTextWall('Looking up', 'Captions paused');
      }),
      session.events.onError((error) => {
        console.error('Error:', error);
      }),
    ];

    eventHandlers.forEach((eventHandler) => this.addCleanupHandler(eventHandler));
  }
}

const app = new ExampleAugmentOSApp({
  packageName: process.env.PACKAGE_NAME ?? 'org.example.captions',
  apiKey: process.env.AUGMENTOS_API_KEY ?? 'local-development-key',
  port: parseInt(process.env.PORT ?? '7010', 10),
});

app.start().catch(console.error);
