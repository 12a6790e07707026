/**
 * The system programs the tests need that no registry package ships for us: Debian's `redis-server` (the
 * scaling tests start their own) and `chromium` (the simulator page's browser tests; playwright-core drives
 * it and never downloads a browser). When one is missing and this runs as root on Debian, it is installed
 * with apt-get (after `apt-get update`); anywhere else the run stops at once with the command that installs it.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

/** The path the browser tests launch (test/dev/browser-kit.ts). */
export const CHROMIUM = '/usr/bin/chromium';

const DEPS = [
  { name: 'redis-server', apt: 'redis-server', brew: 'redis', present: () => onPath('redis-server') },
  { name: CHROMIUM, apt: 'chromium', brew: undefined, present: () => executable(CHROMIUM) },
];

function onPath(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function canApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') && onPath('apt-get');
}

function run(cmd, args) {
  console.error(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

/** How to install what is missing, for the error message. */
function howToInstall(missing) {
  const apt = `apt-get install -y ${missing.map((d) => d.apt).join(' ')}`;
  const lines = [`On Debian or Ubuntu: sudo apt-get update && sudo ${apt}`];
  const brew = missing.filter((d) => d.brew);
  if (brew.length) lines.push(`On macOS (Homebrew): brew install ${brew.map((d) => d.brew).join(' ')}`);
  if (missing.some((d) => d.name === CHROMIUM)) lines.push(`The browser tests launch ${CHROMIUM}: a Chromium elsewhere needs a link there.`);
  return lines.join('\n');
}

/**
 * Makes sure every system program the tests need is there; returns an error message when one is missing
 * and cannot be installed here, otherwise undefined.
 */
export function ensureSystemDeps() {
  let missing = DEPS.filter((d) => !d.present());
  if (missing.length && canApt()) {
    console.error(`The tests need ${missing.map((d) => d.apt).join(' and ')}: installing with apt-get.`);
    run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', ...missing.map((d) => d.apt)]);
    missing = DEPS.filter((d) => !d.present());
  }
  if (!missing.length) return undefined;
  return `The tests need ${missing.map((d) => d.name).join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed.\n${howToInstall(missing)}`;
}
