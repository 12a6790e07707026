/**
 * Runs the app's process for `mentraos dev`: tells the local cloud when it starts, listens and exits, hands it
 * the webview public key, and under `--watch` restarts it on a change, starting the same wearers again.
 */
import { freePort, launchApp, type LaunchedApp, type LaunchOptions } from '../testing/launch';
import type { DevCloud } from './dev-cloud';

export interface RunnerOptions {
  entry: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  runtime?: LaunchOptions['runtime'];
  onLog?: (line: string) => void;
  onAppOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export class AppRunner {
  /** The running app, or null while it is being (re)started or after it failed. */
  app: LaunchedApp | null = null;
  private port: number | undefined;
  private restarting: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** Wearers to start again once the app listens (kept across failed starts). */
  private carry = new Set<string>();

  constructor(
    private readonly dev: DevCloud,
    private readonly options: RunnerOptions,
  ) {}

  /** Starts the app; rejects when it exits before listening (the cloud has been told). */
  async start(): Promise<LaunchedApp> {
    this.port ??= await freePort();
    const port = this.port;
    this.dev.setApp({ port, running: true, listening: false });
    let app: LaunchedApp;
    try {
      app = await launchApp(this.options.entry, {
        port,
        cwd: this.options.cwd,
        env: { MENTRAOS_CLOUD_USER_TOKEN_PUBLIC_KEY: this.dev.webview.publicKeyPem, ...this.options.env },
        runtime: this.options.runtime,
        trustedHosts: ['127.0.0.1'],
        onOutput: this.options.onAppOutput,
        maxOutputLines: 1000,
      });
    } catch (e) {
      const err = e as Error & { exitCode?: number | null; output?: string[] };
      this.dev.setApp({ running: false, exit_code: err.exitCode ?? null, error: err.output?.join('\n') || err.message });
      throw e;
    }
    this.app = app;
    this.dev.setApp({ port, running: true });
    void app.exited.then((code) => {
      if (this.app === app && !this.restarting && !this.stopped) {
        this.app = null;
        this.dev.setApp({ running: false, exit_code: code, error: null });
      }
    });
    return app;
  }

  /** Restarts the app (changes during a restart make one more); the wearers that ran are started again. */
  restart(): Promise<void> {
    if (this.restarting) {
      this.again = true;
      return this.restarting;
    }
    this.restarting = (async () => {
      do {
        this.again = false;
        for (const u of this.dev.endForRestart()) this.carry.add(u);
        const old = this.app;
        this.app = null;
        if (old) {
          const code = await old.stop();
          this.dev.setApp({ running: false, exit_code: code, error: null });
        }
        if (this.stopped) return;
        this.dev.countRestart();
        try {
          await this.start();
        } catch (e) {
          this.options.onLog?.(`The app could not start; fix it and save again.\n${(e as Error).message}`);
          continue;
        }
        const users = [...this.carry];
        this.carry.clear();
        await Promise.all(users.map((u) => this.dev.startUser(u).catch((e) => this.options.onLog?.(`Could not start ${u} again: ${(e as Error).message}`))));
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.restarting?.catch(() => undefined);
    await this.app?.stop();
  }
}
