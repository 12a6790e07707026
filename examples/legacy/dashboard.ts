/**
 * A dashboard app in the AugmentOS style: writes a line to the main dashboard and the latest transcript
 * to the expanded one.
 */
import { TpaServer, TpaSession } from '@augmentos/sdk';

class DashboardApp extends TpaServer {
  protected async onSession(session: TpaSession, sessionId: string, userId: string): Promise<void> {
    session.layouts.showTextWall('Dashboard app ready');
    session.onButtonPress((press) => session.layouts.showTextWall(`Button: ${press.pressType}`));
    session.events.onTranscription((data) => {
      if (data.isFinal) session.dashboard.content.writeToExpanded(`Last heard: ${data.text}`);
    });
    session.dashboard.content.writeToMain('Dashboard example running');
  }

  protected async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    console.log(`Session ${sessionId} stopped: ${reason}`);
  }
}

const app = new DashboardApp({
  packageName: process.env.PACKAGE_NAME ?? 'org.example.dashboard',
  apiKey: process.env.AUGMENTOS_API_KEY ?? 'local-development-key',
  port: parseInt(process.env.PORT ?? '7010', 10),
});

app.start().catch(console.error);
