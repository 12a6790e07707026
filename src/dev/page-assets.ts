/**
 * The simulator page's files: plain HTML, CSS and JavaScript in `src/dev/page/`, copied to `dist/page/` by the
 * build, and the bundled modules of page-bundles.ts. Only the files listed here are ever served.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledFromSource } from './page-bundles';

const ASSETS: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/style.css': 'style.css',
  '/render.js': 'render.js',
  '/raster.js': 'raster.js',
  '/font.js': 'font.js',
  '/state.js': 'state.js',
  '/app.js': 'app.js',
  '/glasses.js': 'glasses.js',
  '/assistant.js': 'assistant.js',
  '/inputs.js': 'inputs.js',
  '/wav.js': 'wav.js',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

let found: string | null | undefined;

/** The folder holding the page: next to this module (dist/page, src/dev/page), or next to the running script. */
export function pageDir(): string | null {
  if (found !== undefined) return found;
  const here = typeof __dirname === 'string' ? __dirname : null;
  const script = process.argv[1] ? path.dirname(path.resolve(process.argv[1])) : null;
  const candidates = [here && path.join(here, 'page'), here && path.join(here, 'dev', 'page'), script && path.join(script, 'page')];
  found = candidates.find((c): c is string => !!c && existsSync(path.join(c, 'index.html'))) ?? null;
  return found;
}

export function readPageAsset(urlPath: string): { type: string; body: Buffer } | null {
  const file = ASSETS[urlPath];
  const dir = pageDir();
  if (!file || !dir) return null;
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  try {
    return { type, body: readFileSync(path.join(dir, file)) };
  } catch {
    const bundled = bundledFromSource(dir, file);
    return bundled ? { type, body: bundled } : null;
  }
}
