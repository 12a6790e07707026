/** Instances of the cluster fixture app, each in its own process, and ways to look into them. */
import { DEV_API_KEY, freePort, launchApp, type LaunchedApp } from '../../src/testing';

export const CLUSTER_PKG = 'com.example.cluster';
export const CLUSTER_PREFIX = `mentraos:${CLUSTER_PKG}:`;

export interface Instance {
  name: string;
  port: number;
  base: string;
  launched: LaunchedApp;
  /** For `cloud.startSession({ app })` and `user.routeTo()`. */
  target: { port: number };
}

export interface InstanceState {
  instance: string;
  sessions: string[];
  stops: Array<{ sessionId: string; reason: string }>;
  settingsPushes: Array<{ userId: string; count: number }>;
}

/** Starts `test/fixtures/cluster-app.ts` with only the environment telling it to share sessions through Redis. */
export async function startInstance(name: string, redisUrl: string, ttlMs: number, env: NodeJS.ProcessEnv = {}): Promise<Instance> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const launched = await launchApp('test/fixtures/cluster-app.ts', {
    port,
    packageName: CLUSTER_PKG,
    env: { INSTANCE_NAME: name, MENTRAOS_REDIS_URL: redisUrl, MENTRAOS_INSTANCE_URL: base, MENTRAOS_CLUSTER_TTL_MS: String(ttlMs), ...env },
    readyTimeoutMs: 60_000,
  });
  return { name, port, base, launched, target: { port } };
}

export async function stateOf(i: Instance): Promise<InstanceState> {
  const res = await fetch(`${i.base}/debug/state`);
  return (await res.json()) as InstanceState;
}

/** Which instances hold each session id. */
export async function holders(instances: Instance[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const i of instances) {
    for (const id of (await stateOf(i)).sessions) out.set(id, [...(out.get(id) ?? []), i.name]);
  }
  return out;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; cookies: string[] }> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, cookies: res.headers.getSetCookie?.() ?? [] };
}

export { DEV_API_KEY };
