/**
 * Page modules made from the package's TypeScript rather than written for the page: `state.js` is the
 * control protocol's one reducer (`src/protocol/control-mirror.ts`), bundled into a browser module. The
 * build writes it into `dist/page/`; a source checkout (no build) bundles it on first request with the
 * esbuild that its development dependencies bring.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Each bundled page file with its source, relative to the page folder of a source checkout (`src/dev/page`). */
export const PAGE_BUNDLES: Readonly<Record<string, string>> = {
  'state.js': '../../protocol/control-mirror.ts',
};

type BuildSync = (options: Record<string, unknown>) => { outputFiles?: { text: string }[] };

/** Bundles one TypeScript entry into a browser ES module, with esbuild resolved from `from` (a folder). */
export function bundlePageModule(entry: string, from: string): string {
  const esbuild = createRequire(path.join(from, 'noop.js'))('esbuild') as { buildSync: BuildSync };
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'es2020', write: false });
  const text = out.outputFiles?.[0]?.text;
  if (text === undefined) throw new Error(`bundling ${entry} gave no output`);
  return `// Bundled from ${path.basename(entry)} by the build; edit the TypeScript source.\n${text}`;
}

const cache = new Map<string, Buffer | null>();

/** A bundled page file for a page folder that lacks it (a source checkout), or null where none can be made. */
export function bundledFromSource(dir: string, file: string): Buffer | null {
  const source = PAGE_BUNDLES[file];
  if (!source) return null;
  const key = path.join(dir, file);
  if (!cache.has(key)) {
    const entry = path.resolve(dir, source);
    let body: Buffer | null = null;
    try {
      if (existsSync(entry)) body = Buffer.from(bundlePageModule(entry, dir));
    } catch {
      body = null;
    }
    cache.set(key, body);
  }
  return cache.get(key) ?? null;
}
