/**
 * `npm run bench -- --micro [--runtimes node,bun] [--time ms] [--only event|start] [--label text] [--profile] [--sites]`: runs
 * `bench/micro/main.ts` once per runtime (compiled as the package is), prints each table and writes
 * the results to `bench/results/micro-<date>.json`. `--profile` also writes a CPU profile of each runtime's run
 * (`--cpu-prof`) to `bench/results/tmp/micro-prof/` (read it with `node bench/profile-top.mjs <file>`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** The command line of the micro benchmark on each runtime. */
const RUNTIMES = {
  node: () => ({
    exec: process.execPath,
    // A young generation large enough that an allocation window sees no collection (see alloc.ts).
    args: ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--no-deprecation'],
  }),
  // Bun compiles the TypeScript itself (it adds no name-keeping helpers), and cannot load the bundle as ESM.
  bun: () => ({
    exec: execFileSync(process.execPath, [path.join(root, 'scripts/ensure-bun.mjs')], { encoding: 'utf8' }).trim(),
    args: [],
    entry: path.join(here, 'main.ts'),
  }),
};

/**
 * The benchmark and the sources it runs, compiled for Node as the package is (esbuild, the same target as
 * tsup, no name-keeping helpers as tsx would add), into one file. Dependencies stay imports from node_modules.
 */
async function bundle() {
  const { build } = await import('esbuild');
  const outfile = path.join(root, 'bench/results/tmp/micro.mjs');
  await build({
    entryPoints: [path.join(here, 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node18',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export async function main(argv) {
  const opt = (name, dflt) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
  };
  const runtimes = opt('runtimes', 'node,bun').split(',').filter(Boolean);
  const pass = [];
  for (const name of ['time', 'only']) if (opt(name, '')) pass.push(`--${name}`, opt(name, ''));
  if (argv.includes('--sites')) pass.push('--sites');
  const entry = await bundle();
  const run = { date: new Date().toISOString(), label: opt('label', ''), loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))), results: [] };
  for (const rt of runtimes) {
    if (!RUNTIMES[rt]) throw new Error(`Unknown runtime "${rt}" (${Object.keys(RUNTIMES).join(', ')})`);
    const { exec, args, entry: own } = RUNTIMES[rt]();
    // Bun writes a profile only to a directory relative to its working directory (the repository here).
    if (argv.includes('--profile')) args.push('--cpu-prof', `--cpu-prof-dir=${path.join('bench/results/tmp/micro-prof', rt)}`);
    const out = spawnSync(exec, [...args, own ?? entry, ...pass], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const lines = (out.stdout ?? '').split('\n');
    const result = lines.find((l) => l.startsWith('MICRO_RESULT '));
    console.log(lines.filter((l) => !l.startsWith('MICRO_RESULT ')).join('\n'));
    if (out.status !== 0 || !result) {
      console.error(out.stderr);
      return 1;
    }
    run.results.push(JSON.parse(result.slice('MICRO_RESULT '.length)));
  }
  run.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  console.log(`Load average ${run.loadAverageAtStart.join(' / ')} at the start, ${run.loadAverageAtEnd.join(' / ')} at the end.`);
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const file = path.join(root, 'bench/results', `micro-${run.date.replace(/[:.]/g, '-').slice(0, 19)}.json`);
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
  console.log(`Results written to ${path.relative(root, file)}`);
  return 0;
}
