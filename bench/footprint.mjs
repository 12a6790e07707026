/**
 * Install footprint: what `npm install --omit=dev` adds to an empty project, for this package (packed from
 * the working tree) and for @mentra/sdk 2.1.29. Uses npm's cache first (`--prefer-offline`). Also records the
 * version each install provides of the packages apps import without declaring them (`axios`, `form-data`,
 * `pino`: both published SDKs brought them), so the comparison is like for like.
 *
 *   node bench/footprint.mjs        (also run by `npm run bench -- --footprint`)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = (args, cwd) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });

/** Megabytes of the files under `dir` (and on disk, from du), and the number of installed packages (folders with a package.json under node_modules). */
function measure(dir) {
  let bytes = 0;
  let packages = 0;
  const walk = (d, inModules) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (inModules && !e.name.startsWith('@') && !e.name.startsWith('.')) {
          try {
            statSync(path.join(p, 'package.json'));
            packages++;
          } catch {}
        }
        walk(p, e.name === 'node_modules' || (inModules && e.name.startsWith('@')));
      } else if (e.isFile()) bytes += statSync(p).size;
    }
  };
  walk(path.join(dir, 'node_modules'), true);
  let diskMegabytes = null;
  try {
    diskMegabytes = Number((Number(execFileSync('du', ['-sk', path.join(dir, 'node_modules')], { encoding: 'utf8' }).split(/\s/)[0]) / 1024).toFixed(1));
  } catch {}
  return { packages, megabytes: Number((bytes / 1e6).toFixed(1)), diskMegabytes };
}

/** The installed version of each package apps rely on without declaring it (null when an import would fail). */
function provided(dir) {
  const out = {};
  for (const name of ['axios', 'form-data', 'pino']) {
    try {
      out[name] = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      out[name] = null;
    }
  }
  return out;
}

function install(spec, label) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mentraos-footprint-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'footprint', version: '1.0.0', private: true }));
    const target = spec === 'pack' ? path.join(dir, npm(['pack', '--pack-destination', dir, '--silent'], root).trim().split('\n').pop()) : spec;
    npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', target], dir);
    return { label, ...measure(dir), provides: provided(dir) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function footprint() {
  return {
    ours: install('pack', '@mentraos/sdk (packed from this tree)'),
    reference: install('@mentra/sdk@2.1.29', '@mentra/sdk 2.1.29'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(footprint(), null, 2));
