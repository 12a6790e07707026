/**
 * `mentraos dev`, as a function: starts the local cloud, the control server (page + control protocol) and
 * the app, and stops all three. The CLI (main.ts) adds arguments, signals, the browser and scripted mode.
 */
import { launchApp, type LaunchedApp, type LaunchOptions } from '../testing/launch';
import { DevCloud } from './dev-cloud';
import { startControlServer, type ControlServer } from './control-server';

export interface DevOptions {
  /** The app's entry file (TypeScript through tsx, JavaScript directly). */
  entry: string;
  cwd?: string;
  /** Page and control port (default 7077; 0 picks a free one). */
  port?: number;
  /** Listen address for the page and controllers (default 127.0.0.1). */
  host?: string;
  /** Bearer token controllers must send (required off loopback). */
  token?: string;
  /** Extra environment for the app (its own environment passes through). */
  env?: NodeJS.ProcessEnv;
  runtime?: LaunchOptions['runtime'];
  /** Lines of the local cloud's log. */
  onLog?: (line: string) => void;
  /** The app's output lines. */
  onAppOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface DevHandle {
  dev: DevCloud;
  control: ControlServer;
  app: LaunchedApp;
  /** The simulator page, e.g. http://127.0.0.1:7077/. */
  url: string;
  /** The control protocol, e.g. ws://127.0.0.1:7077/ws. */
  wsUrl: string;
  /** Stops the sessions (stop webhooks), the app, and the servers. Idempotent. */
  stop(): Promise<void>;
}

export async function startDev(options: DevOptions): Promise<DevHandle> {
  const dev = await DevCloud.create({ entry: options.entry, packageName: options.env?.PACKAGE_NAME ?? process.env.PACKAGE_NAME, onLog: options.onLog });
  let control: ControlServer | undefined;
  let app: LaunchedApp | undefined;
  try {
    control = await startControlServer({ dev, host: options.host, port: options.port, token: options.token, onLog: options.onLog });
    app = await launchApp(options.entry, {
      cwd: options.cwd,
      env: options.env,
      runtime: options.runtime,
      trustedHosts: ['127.0.0.1'],
      onOutput: options.onAppOutput,
      maxOutputLines: 1000,
    });
  } catch (e) {
    await dev.close({ stopSessions: false });
    await control?.close();
    throw e;
  }
  dev.setApp({ port: app.port, running: true });
  void app.exited.then((code) => dev.setApp({ running: false, exit_code: code }));
  let stopping: Promise<void> | undefined;
  const started = { dev, control, app };
  return {
    ...started,
    url: control.url,
    wsUrl: control.wsUrl,
    stop: () =>
      (stopping ??= (async () => {
        await dev.close({ stopSessions: true });
        await started.app.stop();
        await started.control.close();
      })()),
  };
}
