/**
 * Where the test cloud reaches an app: a started server, `{ port }`, a base URL, or a `fetch` handler (the
 * 3.0.0-hono `AppServer`, which does not listen), which the cloud serves on a loopback port itself.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostOf, type AppServer } from '../app/server';

/** An app that answers Fetch API requests: a Hono `AppServer`, or any `{ fetch }`. */
export interface FetchTarget {
  /**
   * Answers one request (a Hono app's `fetch`). Served by the test cloud, it gets `@hono/node-server`'s
   * `{ incoming, outgoing }` as `env`, as an app's own `serve({ fetch: app.fetch })` gives it.
   */
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** An app to reach: a started `AppServer`/`TpaServer`, `{ port }`, a base URL, or a `fetch` handler. */
export type AppTarget =
  | {
      /** The port the started server listens on. */
      getPort(): number;
    }
  | {
      /** The app's port. */
      port: number;
      /** The app's host (default 127.0.0.1). */
      host?: string;
    }
  | string
  | FetchTarget;

/** True for an app given only by its `fetch` handler (nothing listens for it yet). */
export function isFetchTarget(app: AppTarget): app is FetchTarget {
  return typeof app === 'object' && app !== null && typeof (app as FetchTarget).fetch === 'function' && !('getPort' in app) && !('port' in app);
}

/** Serves `fetch` handlers on 127.0.0.1 (with `@hono/node-server`), one port per app, until `close()`. */
export class FetchServers {
  private readonly urls = new Map<FetchTarget, Promise<string>>();
  private readonly servers: Server[] = [];

  /** The base URL an app is served at (served on first use). */
  urlOf(app: FetchTarget): Promise<string> {
    let url = this.urls.get(app);
    if (!url) {
      url = this.serve(app);
      this.urls.set(app, url);
    }
    return url;
  }

  private async serve(app: FetchTarget): Promise<string> {
    const { serve } = await import('@hono/node-server');
    return new Promise<string>((resolve, reject) => {
      const server = serve({ fetch: (req: Request, env: unknown) => app.fetch(req, env), port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      ) as Server;
      server.once('error', reject);
      this.servers.push(server);
    });
  }

  /** Closes every server it started. */
  async close(): Promise<void> {
    const servers = this.servers.splice(0);
    this.urls.clear();
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections?.();
          }),
      ),
    );
  }
}

/** The base URL (no trailing slash) of an app target. */
export function baseUrlOf(app: AppTarget): string {
  if (typeof app === 'string') return app.replace(/\/$/, '');
  if (isFetchTarget(app)) throw new TypeError('An app given by its fetch handler has no URL until the test cloud serves it');
  if ('getPort' in app && typeof app.getPort === 'function') return `http://127.0.0.1:${app.getPort()}`;
  const t = app as { port: number; host?: string };
  return `http://${t.host ?? '127.0.0.1'}:${t.port}`;
}

/**
 * The package name of an app given as a started server (an AppServer or TpaServer), if it is one: from the
 * server itself, or (a server from another copy of the SDK, e.g. the CommonJS build) from its `/health`.
 */
export async function packageNameOf(app: AppTarget): Promise<string | undefined> {
  if (app && isFetchTarget(app)) return healthApp(await app.fetch(new Request('http://127.0.0.1/health')));
  if (!app || typeof app !== 'object' || !('getPort' in app)) return undefined;
  try {
    return hostOf(app as AppServer).packageName;
  } catch {
    try {
      return await healthApp(await fetch(`${baseUrlOf(app)}/health`, { signal: AbortSignal.timeout(2000) }));
    } catch {
      return undefined;
    }
  }
}

/** The package name in a `/health` answer. */
async function healthApp(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => null)) as { app?: unknown } | null;
  return typeof body?.app === 'string' && body.app ? body.app : undefined;
}
