/**
 * `mentraos dev`, as a function: starts the local cloud, the control server (page + control protocol) and
 * the app (restarted on changes with `watch`), and stops all three. The CLI (main.ts) adds arguments,
 * signals, the browser and scripted mode.
 */
import path from 'node:path';
import type { LaunchedApp, LaunchOptions } from '../testing/launch';
import { AppRunner } from './app-runner';
import { DevCloud } from './dev-cloud';
import { startControlServer, type ControlServer, type ControlServerOptions } from './control-server';
import { watchSources } from './watch';

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
  /** Restart the app when a file under its entry's folder changes. */
  watch?: boolean;
  /**
   * Keep the cloud and the control server up when the app cannot start (as `watch` does): controllers then
   * see why in the app's status, and `restart()` tries again.
   */
  keepServing?: boolean;
  /** Answer every photo request with the built-in test image. */
  autoPhoto?: boolean;
  /** The page's renderer, for the `screenshot` command. */
  screenshot?: ControlServerOptions['screenshot'];
  /** Lines of the local cloud's log. */
  onLog?: (line: string) => void;
  /** The app's output lines. */
  onAppOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface DevHandle {
  dev: DevCloud;
  control: ControlServer;
  /** The app now running (under `watch`, the latest start; null while it is down). */
  readonly app: LaunchedApp | null;
  /**
   * Resolves with the exit code when the app exits by itself (never under `watch` or `keepServing`, which
   * wait for a fix).
   */
  exited: Promise<number | null>;
  /** The simulator page, e.g. http://127.0.0.1:7077/. */
  url: string;
  /** The control protocol, e.g. ws://127.0.0.1:7077/ws. */
  wsUrl: string;
  /** Restarts the app now, as a change under `watch` does. */
  restart(): Promise<void>;
  /** Stops the sessions (stop webhooks), the app, and the servers. Idempotent. */
  stop(): Promise<void>;
}

export async function startDev(options: DevOptions): Promise<DevHandle> {
  const entryPath = path.resolve(options.cwd ?? process.cwd(), options.entry);
  const dev = await DevCloud.create({
    entry: options.entry,
    entryPath,
    autoPhoto: options.autoPhoto,
    onLog: options.onLog,
    packageName: options.env?.PACKAGE_NAME ?? process.env.PACKAGE_NAME,
  });
  let control: ControlServer | undefined;
  const runner = new AppRunner(dev, {
    entry: options.entry,
    cwd: options.cwd,
    env: options.env,
    runtime: options.runtime,
    onLog: options.onLog,
    onAppOutput: options.onAppOutput,
  });
  let unwatch: (() => void) | undefined;
  try {
    control = await startControlServer({
      dev,
      host: options.host,
      port: options.port,
      token: options.token,
      onLog: options.onLog,
      screenshot: options.screenshot,
    });
    try {
      await runner.start();
    } catch (e) {
      if (!options.watch && !options.keepServing) throw e;
      options.onLog?.(`The app could not start; fix it and save again.\n${(e as Error).message}`);
    }
    if (options.watch) {
      unwatch = watchSources(path.dirname(entryPath), (files) => {
        options.onLog?.(
          `Changed: ${files
            .map((f) => path.relative(path.dirname(entryPath), f))
            .slice(0, 5)
            .join(', ')}; restarting the app`,
        );
        void runner.restart();
      });
    }
  } catch (e) {
    unwatch?.();
    await runner.stop().catch(() => undefined);
    await dev.close({ stopSessions: false });
    await control?.close();
    throw e;
  }
  let stopping: Promise<void> | undefined;
  const exited = options.watch || options.keepServing ? new Promise<number | null>(() => {}) : runner.app!.exited;
  const server = control;
  return {
    dev,
    control: server,
    get app() {
      return runner.app;
    },
    exited,
    url: server.url,
    wsUrl: server.wsUrl,
    restart: () => runner.restart(),
    stop: () =>
      (stopping ??= (async () => {
        unwatch?.();
        await dev.close({ stopSessions: true });
        await runner.stop();
        await server.close();
      })()),
  };
}
