/** Serves a Fetch API handler on 127.0.0.1 and a free port, as apps of the 3.0.0-hono line do: Bun.serve on Bun, @hono/node-server on Node. */
export async function serveFetch(fetch) {
  if (typeof globalThis.Bun !== 'undefined') return globalThis.Bun.serve({ hostname: '127.0.0.1', port: 0, fetch }).port;
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port)));
}
