/**
 * Starting the app processes of the benchmark: one echo app per target on a runtime (Node: this process's
 * binary; Bun: the binary `scripts/ensure-bun.mjs` unpacks), each in an empty working folder, with the
 * loopback guard preloaded and an IPC channel for its stats.
 */
import { closeSync, openSync } from 'node:fs';
import { execFileSync, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { proxyEnv } from './sink.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** `config` as in run.mjs; `targets` the app files by name; `children` collects the live processes. */
export function createLauncher({ config, targets: TARGETS, children, packageName: PACKAGE, apiKey: API_KEY }) {
  function once(child, type, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no "${type}" from the app within ${timeoutMs} ms`)), timeoutMs);
      const onMsg = (m) => m && m.type === type && done(null, m);
      const onExit = (code) => done(new Error(`the app exited (${code}) while waiting for "${type}"`));
      function done(err, m) {
        clearTimeout(timer);
        child.off('message', onMsg);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolve(m);
      }
      child.on('message', onMsg);
      child.on('exit', onExit);
    });
  }

  async function freePort() {
    const { createServer } = await import('node:net');
    const srv = createServer();
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const port = srv.address().port;
    await new Promise((r) => srv.close(r));
    return port;
  }

  /** The binary of each runtime: this Node, and the Bun binary the tests use. */
  const RUNTIMES = {
    node: { label: 'Node', execPath: () => process.execPath },
    bun: { label: 'Bun', execPath: () => execFileSync(process.execPath, [path.join(root, 'scripts/ensure-bun.mjs')], { encoding: 'utf8' }).trim() },
  };
  const runtimeInfo = {};
  function runtimeOf(rt) {
    if (!RUNTIMES[rt]) throw new Error(`Unknown runtime "${rt}" (${Object.keys(RUNTIMES).join(', ')})`);
    if (!runtimeInfo[rt]) {
      const execPath = RUNTIMES[rt].execPath();
      const version = execFileSync(execPath, rt === 'bun' ? ['--version'] : ['-p', 'process.version'], { encoding: 'utf8' }).trim();
      runtimeInfo[rt] = { execPath, version: rt === 'bun' ? `Bun ${version}` : `Node ${version}` };
    }
    return runtimeInfo[rt];
  }

  async function launch(name, rt, sink, workDir) {
    const env = { ...process.env, ...proxyEnv(sink.url), NODE_ENV: 'production', BENCH_PACKAGE: PACKAGE, BENCH_API_KEY: API_KEY };
    for (const k of ['MENTRAOS_TRUSTED_HOSTS', 'BETTERSTACK_SOURCE_TOKEN', 'BETTERSTACK_ENDPOINT', 'NODE_OPTIONS']) delete env[k];
    if (name === 'baseline') {
      // The folder must be inside this repository so the build's imports (express, ws) resolve.
      if (!config.baselineDist) throw new Error('the baseline target needs --baseline-dist <dir with a built index.js>');
      env.BENCH_DIST = path.resolve(config.baselineDist);
    }
    if (name === 'reference') {
      env.BENCH_APP_PORT = String(await freePort());
      if (config.refLogLevel) env.BENCH_REF_LOG_LEVEL = config.refLogLevel;
    }
    const logFile = path.join(config.keepLogs ? path.join(here, 'results/tmp') : workDir, `${rt}-${name}.stdout.log`);
    const out = openSync(logFile, 'w');
    const child = fork(path.join(here, TARGETS[name].file), [], {
      execPath: runtimeOf(rt).execPath,
      cwd: workDir, // an empty folder: no .env for the reference's dotenv, no node_modules/@mentra/sdk
      env,
      execArgv: [
        '--expose-gc',
        '--require',
        path.join(here, 'guard.cjs'),
        ...config.appArgs,
        // Bun 1.3 fails to write a profile to an absolute --cpu-prof-dir; relative to the working directory works.
        ...(config.profileDir
          ? [
              '--cpu-prof',
              `--cpu-prof-dir=${rt === 'bun' ? path.relative(workDir, config.profileDir) : config.profileDir}`,
              `--cpu-prof-name=${rt}-${name}-${Date.now()}.cpuprofile`,
            ]
          : []),
      ],
      stdio: ['ignore', out, 'pipe', 'ipc'],
    });
    closeSync(out);
    children.add(child);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
    child.on('exit', () => children.delete(child));
    const ready = await once(child, 'ready', 60_000).catch((e) => {
      throw new Error(`${name}: ${e.message}\n${stderr}`);
    });
    let nextId = 1;
    return {
      child,
      port: ready.port,
      logFile,
      stderr: () => stderr,
      /** The app's event-loop delay since the last call (and start again). */
      resetDelay: async () => {
        child.send({ type: 'delay' });
        return once(child, 'delay', 60_000);
      },
      heapSnapshot: async (file) => {
        child.send({ type: 'heap-snapshot', file });
        return once(child, 'heap-snapshot', 300_000);
      },
      stats: async () => {
        const id = nextId++;
        child.send({ type: 'stats', id });
        return once(child, 'stats', 60_000);
      },
      stop: async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.send({ type: 'exit' });
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      },
    };
  }

  return { launch, runtimeOf, RUNTIMES };
}
