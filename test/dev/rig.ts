/** A local cloud, its control server and an in-process app, wired as `mentraos dev` wires them. */
import { connectControl, type ControlClient } from '../../src/testing/control-client';
import { DevCloud } from '../../src/dev/dev-cloud';
import { startControlServer, type ControlServer, type ControlServerOptions } from '../../src/dev/control-server';
import { AppServer, type AppSession } from '../../src';
import { appConfig } from '../helpers/apps';

/** Shows what each input did, so a test can see every input kind arrive. */
export class ShowApp extends AppServer {
  protected override async onSession(session: AppSession): Promise<void> {
    session.layouts.showTextWall('ready');
    session.layouts.showDashboardCard('show app', 'dashboard');
    session.events.onTranscription((d) => {
      if (!d.isFinal) return session.layouts.showTextWall(`hearing: ${d.text}`);
      if (d.text === 'timed') return session.layouts.showTextWall('brief', { durationMs: 150 });
      if (d.text === 'clear') return session.layouts.clearView();
      session.layouts.showTextWall(`echo: ${d.text} (${d.transcribeLanguage})`);
    });
    session.events.onButtonPress((b) => session.layouts.showReferenceCard('button', `${b.buttonId} ${b.pressType}`));
    session.events.onHeadPosition((h) => session.layouts.showTextWall(`head: ${h.position}`));
    session.events.onTouchEvent((t) => session.layouts.showTextWall(`touch: ${t.gesture_name}`));
    session.events.onPhoneNotifications((n) => session.layouts.showDoubleTextWall(`${n.app}: ${n.title}`, n.content));
    session.events.onGlassesBattery((b) => session.layouts.showTextWall(`battery: ${b.level}%${b.charging ? ' charging' : ''}`));
    session.events.onLocation((l) => session.layouts.showTextWall(`location: ${l.lat},${l.lng}`));
  }
}

export interface Rig {
  app: AppServer;
  dev: DevCloud;
  control: ControlServer;
  connect(token?: string): Promise<ControlClient>;
  close(): Promise<void>;
}

export interface RigOptions {
  token?: string;
  app?: AppServer;
  /** Makes the app once the local cloud exists (to hand it the cloud's webview key). */
  makeApp?: (dev: DevCloud) => AppServer;
  /** The entry path the local cloud reads the app's config next to. */
  entryPath?: string;
  screenshot?: ControlServerOptions['screenshot'];
  startTimeoutMs?: number;
}

export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const dev = await DevCloud.create({ entry: 'show-app.ts', entryPath: opts.entryPath, packageName: 'com.example.app', startTimeoutMs: opts.startTimeoutMs });
  const app = opts.app ?? opts.makeApp?.(dev) ?? new ShowApp(appConfig({ trustedCloudHosts: ['127.0.0.1'] }));
  await app.start();
  dev.setApp({ port: app.getPort(), running: true });
  const control = await startControlServer({ dev, port: 0, token: opts.token, screenshot: opts.screenshot });
  const clients: ControlClient[] = [];
  return {
    app,
    dev,
    control,
    connect: async (token = opts.token) => {
      const c = await connectControl(control.wsUrl, { token });
      clients.push(c);
      return c;
    },
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await dev.close();
      await app.stop();
      await control.close();
    },
  };
}
