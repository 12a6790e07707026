/**
 * The complete example from the MentraOS AppServer documentation, unchanged but for the port, which
 * the local cloud chooses (PORT), and a fallback key so it runs without an account.
 */
import { AppServer, AppSession } from '@mentraos/sdk';

class WeatherApp extends AppServer {
  protected async onSession(session: AppSession, sessionId: string, userId: string) {
    session.logger.info(`User ${userId} connected`);

    // Show welcome message
    session.layouts.showTextWall('Weather App Ready');

    // Listen for voice commands
    session.events.onTranscription((data) => {
      if (data.isFinal && data.text.includes('weather')) {
        this.showWeather(session);
      }
    });
  }

  protected async onStop(sessionId: string, userId: string, reason: string) {
    console.log(`Session ended: ${reason}`);
  }

  private async showWeather(session: AppSession) {
    session.layouts.showReferenceCard('Weather', 'Sunny, 72°F');
  }
}

// Start server
const server = new WeatherApp({
  packageName: 'com.example.weather',
  apiKey: process.env.MENTRAOS_API_KEY ?? 'local-development-key',
  port: Number(process.env.PORT ?? 3000),
});

server.start();
