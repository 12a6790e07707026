/**
 * `publicDir` for the Hono facade: Hono's runtime-neutral `serveStatic` core with a `node:fs` reader, so it
 * serves under Node and Bun alike (the published `hono/bun` adapter throws `Bun is not defined` on Node).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { serveStatic } from 'hono/serve-static';

/** Middleware serving the files under `dir` (a missing file falls through to the next route). */
export function publicDirMiddleware(dir: string): MiddlewareHandler {
  const root = path.resolve(dir);
  return serveStatic({
    root,
    join: path.join,
    getContent: async (file) => {
      try {
        return new Uint8Array(await readFile(file));
      } catch {
        return null;
      }
    },
    isDir: async (file) => {
      try {
        return (await stat(file)).isDirectory();
      } catch {
        return undefined;
      }
    },
  });
}
