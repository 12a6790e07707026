import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'tsup';
import { PAGE_BUNDLES, bundlePageModule } from './src/dev/page-bundles';

/** The package's subpath entries, each with types. */
const libraryEntries = {
  index: 'src/index.ts',
  testing: 'src/testing/index.ts',
  compat: 'compat/index.ts',
  hono: 'src/hono/index.ts',
  'display-utils': 'src/display-utils/index.ts',
};

export default defineConfig({
  entry: {
    ...libraryEntries,
    cli: 'src/dev/cli.ts',
    migrate: 'src/migrate/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: {
    entry: libraryEntries,
  },
  clean: true,
  sourcemap: false,
  target: 'node18',
  platform: 'node',
  splitting: false,
  treeshake: false,
  // The simulator page is plain HTML, CSS and JavaScript, served as it is, plus the modules bundled from
  // the package's TypeScript (the control protocol's reducer).
  onSuccess: async () => {
    cpSync('src/dev/page', 'dist/page', { recursive: true });
    for (const [file, source] of Object.entries(PAGE_BUNDLES)) {
      writeFileSync(path.join('dist/page', file), bundlePageModule(path.resolve('src/dev/page', source), process.cwd()));
    }
  },
});
