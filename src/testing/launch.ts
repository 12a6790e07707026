/**
 * Starts an app entry file in its own process, the way a developer runs it, with the environment a local
 * cloud provides: PORT, PACKAGE_NAME, a development API key under the names apps commonly read, and
 * MENTRAOS_TRUSTED_HOSTS naming the local cloud. TypeScript entries run through tsx; `runtime: 'bun'`
 * runs the entry with Bun instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

/** The API key `launchApp` gives an app by default (accepted by the local cloud). */
export const DEV_API_KEY = 'mentraos-local-development-key';

/** The options of `launchApp`. */
export interface LaunchOptions {
  /**
   * The port the app listens on (passed as `PORT`).
   *
   * @defaultValue a free port
   */
  port?: number;
  /**
   * The package name (passed as `PACKAGE_NAME`).
   *
   * @defaultValue `PACKAGE_NAME` from the environment, else `'com.example.app'`
   */
  packageName?: string;
  /**
   * The API key the app is given.
   *
   * @defaultValue {@link DEV_API_KEY}
   */
  apiKey?: string;
  /**
   * Hosts the app must trust (the local cloud's address).
   *
   * @defaultValue none
   */
  trustedHosts?: string[];
  /**
   * Extra environment variables for the app.
   *
   * @defaultValue none
   */
  env?: NodeJS.ProcessEnv;
  /**
   * `node`, or `{ bun: <path> }` for a Bun binary.
   *
   * @defaultValue `'node'`
   */
  runtime?:
    | 'node'
    | {
        /** The path to the Bun binary. */
        bun: string;
      };
  /**
   * The app's working directory.
   *
   * @defaultValue `process.cwd()`
   */
  cwd?: string;
  /**
   * How long to wait for the app to listen (ms, default 20 000).
   *
   * @defaultValue 20 000 ms
   */
  readyTimeoutMs?: number;
  /**
   * Called with each line the app prints.
   *
   * @defaultValue none
   */
  onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /**
   * How many recent output lines `output` keeps (default 10 000).
   *
   * @defaultValue 10 000
   */
  maxOutputLines?: number;
}

/** An app started by `launchApp`. */
export interface LaunchedApp {
  /** The port it listens on. */
  port: number;
  /** Its process. */
  child: ChildProcess;
  /** The app's recent output lines (stdout and stderr). */
  output: string[];
  /** Resolves with the exit code when the app's process ends (null after a signal). */
  exited: Promise<number | null>;
  /** Stops the app (SIGTERM) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function tsxLoader(cwd: string): string {
  for (const base of [path.join(cwd, 'package.json'), __filenameSafe()]) {
    try {
      return createRequire(base).resolve('tsx');
    } catch {
      /* try the next place */
    }
  }
  throw new Error('TypeScript entries need the "tsx" package: npm install --save-dev tsx');
}

function __filenameSafe(): string {
  return typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'package.json');
}

/** Starts an app file (`.ts` through tsx, or `.js`) in its own process and resolves once it listens on its port. */
export async function launchApp(entry: string, opts: LaunchOptions = {}): Promise<LaunchedApp> {
  const cwd = opts.cwd ?? process.cwd();
  const port = opts.port ?? (await freePort());
  const apiKey = opts.apiKey ?? DEV_API_KEY;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    PORT: String(port),
    PACKAGE_NAME: opts.packageName ?? process.env.PACKAGE_NAME ?? 'com.example.app',
    MENTRAOS_API_KEY: apiKey,
    AUGMENTOS_API_KEY: apiKey,
    MENTRA_API_KEY: apiKey,
    API_KEY: apiKey,
    MENTRAOS_TRUSTED_HOSTS: [...(opts.trustedHosts ?? ['127.0.0.1'])].join(','),
  };
  const file = path.resolve(cwd, entry);
  const isTs = /\.(c|m)?tsx?$/.test(file);
  const args =
    opts.runtime && typeof opts.runtime === 'object'
      ? ([opts.runtime.bun, ['run', file]] as const)
      : isTs
        ? ([process.execPath, ['--import', tsxLoader(cwd), file]] as const)
        : ([process.execPath, [file]] as const);
  const child = spawn(args[0], [...args[1]], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    for (const line of chunk.toString().split(/\r?\n/)) {
      if (!line) continue;
      output.push(line);
      if (output.length > (opts.maxOutputLines ?? 10_000)) output.shift();
      opts.onOutput?.(line, stream);
    }
  };
  child.stdout!.on('data', collect('stdout'));
  child.stderr!.on('data', collect('stderr'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 20_000);
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));
  while (!(await canConnect(port))) {
    if (exitCode !== undefined)
      throw Object.assign(new Error(`The app exited (code ${exitCode}) before listening:\n${output.slice(-20).join('\n')}`), {
        exitCode,
        output: output.slice(-20),
      });
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The app did not listen on port ${port} in time:\n${output.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    child,
    output,
    exited,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
