/** Where the test cloud reaches an app: a started server, `{ port }`, or a base URL. */

/** An app to reach: a started `AppServer`/`TpaServer`, `{ port }`, or a base URL. */
export type AppTarget = { getPort(): number } | { port: number; host?: string } | string;

/** The base URL (no trailing slash) of an app target. */
export function baseUrlOf(app: AppTarget): string {
  if (typeof app === 'string') return app.replace(/\/$/, '');
  if ('getPort' in app && typeof app.getPort === 'function') return `http://127.0.0.1:${app.getPort()}`;
  const t = app as { port: number; host?: string };
  return `http://${t.host ?? '127.0.0.1'}:${t.port}`;
}
