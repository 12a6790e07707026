/** Where the test cloud reaches an app: a started server, `{ port }`, or a base URL. */
import { hostOf, type AppServer } from '../app/server';

/** An app to reach: a started `AppServer`/`TpaServer`, `{ port }`, or a base URL. */
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
  | string;

/** The base URL (no trailing slash) of an app target. */
export function baseUrlOf(app: AppTarget): string {
  if (typeof app === 'string') return app.replace(/\/$/, '');
  if ('getPort' in app && typeof app.getPort === 'function') return `http://127.0.0.1:${app.getPort()}`;
  const t = app as { port: number; host?: string };
  return `http://${t.host ?? '127.0.0.1'}:${t.port}`;
}

/**
 * The package name of an app given as a started server (an AppServer or TpaServer), if it is one: from the
 * server itself, or (a server from another copy of the SDK, e.g. the CommonJS build) from its `/health`.
 */
export async function packageNameOf(app: AppTarget): Promise<string | undefined> {
  if (!app || typeof app !== 'object' || !('getPort' in app)) return undefined;
  try {
    return hostOf(app as AppServer).packageName;
  } catch {
    try {
      const res = await fetch(`${baseUrlOf(app)}/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await res.json()) as { app?: unknown };
      return typeof body.app === 'string' && body.app ? body.app : undefined;
    } catch {
      return undefined;
    }
  }
}
