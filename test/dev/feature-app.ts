/** An in-process app that uses what glasses, phone and cloud do besides inputs, and shows each result. */
import path from 'node:path';
import { AppServer, type AppSession, type AuthenticatedRequest, type ToolCall } from '../../src';
import type { DevCloud } from '../../src/dev/dev-cloud';
import { appConfig } from '../helpers/apps';

/** Its config (tools, settings, webview) is the field-notes example's. */
export const FEATURE_ENTRY = path.resolve(__dirname, '../../examples/modern/field-notes/app.ts');

export class FeatureApp extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall(`ready, units ${session.settings.get('units', '?')}`);
    session.events.onButtonPress(async (b) => {
      try {
        const photo = await session.camera.requestPhoto({ saveToGallery: b.pressType === 'long' });
        session.layouts.showTextWall(`photo: ${photo.mimeType}, ${photo.size} bytes`);
      } catch (e) {
        session.layouts.showTextWall(`no photo: ${(e as Error).message}`);
      }
    });
    let chunks = 0;
    let bytes = 0;
    session.events.onAudioChunk((c) => {
      chunks++;
      bytes += c.arrayBuffer.byteLength;
    });
    session.events.onVoiceActivity((v) => {
      if (v.status === false || v.status === 'false') session.layouts.showTextWall(`heard ${chunks} chunks, ${bytes} bytes`);
    });
    session.events.onSettingsUpdate((s) => session.layouts.showTextWall(`settings: units ${String(s.find((x) => x.key === 'units')?.value)}`));
    session.events.onCalendarEvent((c) => session.layouts.showTextWall(`calendar: ${c.title} at ${c.dtStart}`));
    session.onGlassesConnectionState((c) => session.layouts.showTextWall(`glasses: ${c.status}, wifi ${c.wifi?.connected ? c.wifi.ssid : 'off'}`));
    session.events.onTranscription(async (d) => {
      if (!d.isFinal) return;
      const done = (what: string) => session.layouts.showTextWall(what);
      switch (d.text) {
        case 'play':
          return done(`play: ${(await session.audio.playAudio({ audioUrl: 'https://example.com/a.mp3' })).success}`);
        case 'speak':
          return done(`speak: ${(await session.audio.speak('Hello there')).success}`);
        case 'led':
          await session.led.turnOn({ color: 'green', ontime: 500 });
          return done('led on');
        case 'rtmp':
          await session.camera.startStream({ rtmpUrl: 'rtmp://example.com/live/key' });
          return done('rtmp started');
        case 'managed': {
          const urls = await session.camera.startManagedStream();
          return done(`managed: ${urls.hlsUrl}`);
        }
        case 'dashboard':
          session.dashboard.content.writeToMain('3 unread');
          return done('dashboard written');
        case 'wifi':
          session.requestWifiSetup('To stream');
          return done('wifi asked');
      }
    });
  }

  protected override async onToolCall(call: ToolCall): Promise<string | undefined> {
    if (call.toolId === 'take_note') return `Saved: ${String(call.toolParameters.text)} for ${call.userId}${call.activeSession ? ' (live)' : ''}`;
    return undefined;
  }
}

export function makeFeatureApp(dev: DevCloud): FeatureApp {
  const app = new FeatureApp(appConfig({ trustedCloudHosts: ['127.0.0.1'], userTokenPublicKey: dev.webview.publicKeyPem }));
  app.getExpressApp().get('/webview', (req, res) => {
    const r = req as AuthenticatedRequest;
    res.status(r.authUserId ? 200 : 401).json({ user: r.authUserId ?? null, session: !!r.activeSession });
  });
  return app;
}
