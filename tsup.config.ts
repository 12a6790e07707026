import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', compat: 'compat/index.ts', migrate: 'src/migrate/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'node18',
  platform: 'node',
  splitting: false,
  treeshake: false,
});
