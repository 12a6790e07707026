/**
 * The Redis side of the session directory: key names and the Lua scripts that change ownership records
 * atomically. Records are hashes with a TTL:
 *
 *   <prefix>s:<sessionId>  i (instance id), u (instance URL), t (claim token), c (claimed at, ms), uid
 *   <prefix>u:<userId>     i, u, t, sid   (the user's newest session)
 *   <prefix>r:<requestId>  i, u           (a pending request answered over HTTP)
 *
 * and each instance listens on the channel <prefix>i:<instanceId>.
 */
import { createHash } from 'node:crypto';
import { toError } from '../errors';
import type { OwnerKind } from './directory';

/** The few commands the directory uses (ioredis has them all); keeps the client's types out of ours. */
export interface RedisClient {
  readonly status: string;
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  duplicate(override?: Record<string, unknown>): RedisClient;
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  evalsha(sha: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  hmget(key: string, ...fields: string[]): Promise<Array<string | null>>;
  publish(channel: string, message: string): Promise<number>;
  subscribe(...channels: string[]): Promise<unknown>;
}

const KIND_LETTER: Record<OwnerKind, string> = { session: 's', user: 'u', request: 'r' };

export function recordKey(prefix: string, kind: OwnerKind, id: string): string {
  return `${prefix}${KIND_LETTER[kind]}:${id}`;
}

export function instanceChannel(prefix: string, instanceId: string): string {
  return `${prefix}i:${instanceId}`;
}

export interface Script {
  readonly lua: string;
  readonly sha: string;
}

function script(lua: string): Script {
  // Stryker disable next-line StringLiteral: a hash Redis does not know is answered NOSCRIPT, and the script's text is sent instead
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** KEYS s, u; ARGV instance, url, token, claimedAt, userId, sessionId, ttl. Returns the previous {instance, token}. */
export const CLAIM = script(`
local prev = redis.call('HMGET', KEYS[1], 'i', 't')
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'i', ARGV[1], 'u', ARGV[2], 't', ARGV[3], 'c', ARGV[4], 'uid', ARGV[5])
redis.call('HSET', KEYS[2], 'i', ARGV[1], 'u', ARGV[2], 't', ARGV[3], 'sid', ARGV[6])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return prev
`);

/** KEYS s, u; ARGV token. Deletes each record only while it still holds this claim. */
export const RELEASE = script(`
for _, key in ipairs(KEYS) do
  if redis.call('HGET', key, 't') == ARGV[1] then redis.call('DEL', key) end
end
return 1
`);

/**
 * KEYS s1, u1, s2, u2, ...; ARGV ttl, instance, url, then per claim: token, claimedAt, userId, sessionId.
 * Refreshes the TTL of each live claim, writes back a record that expired or vanished (Redis was away),
 * and settles a record taken meanwhile by another claim: the newer claim wins (with the user record, when
 * it pointed at the claim it replaces). Returns a flat list of
 * (claim index, 'lost' | 'took', previous instance, previous token).
 */
export const REFRESH = script(`
local ttl, me, url = ARGV[1], ARGV[2], ARGV[3]
local out = {}
for n = 1, #KEYS / 2 do
  local s, u = KEYS[2 * n - 1], KEYS[2 * n]
  local a = 3 + (n - 1) * 4
  local tok, at, uid, sid = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local cur = redis.call('HMGET', s, 'i', 't', 'c')
  local mine, took = true, false
  if cur[2] == tok then
    redis.call('PEXPIRE', s, ttl)
  elseif cur[2] and tonumber(cur[3] or '0') > tonumber(at) then
    mine = false
    table.insert(out, n); table.insert(out, 'lost'); table.insert(out, cur[1] or ''); table.insert(out, cur[2])
  else
    if cur[2] then
      took = cur[2]
      table.insert(out, n); table.insert(out, 'took'); table.insert(out, cur[1] or ''); table.insert(out, cur[2])
    end
    redis.call('DEL', s)
    redis.call('HSET', s, 'i', me, 'u', url, 't', tok, 'c', at, 'uid', uid)
    redis.call('PEXPIRE', s, ttl)
  end
  if mine then
    local ut = redis.call('HGET', u, 't')
    if ut == tok then
      redis.call('PEXPIRE', u, ttl)
    elseif not ut or ut == took then
      redis.call('HSET', u, 'i', me, 'u', url, 't', tok, 'sid', sid)
      redis.call('PEXPIRE', u, ttl)
    end
  end
end
return out
`);

/** KEYS r; ARGV instance, url, ttl. */
export const CLAIM_REQUEST = script(`
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'i', ARGV[1], 'u', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`);

/** KEYS key; ARGV instance. Deletes the record only while it names that instance. */
export const FORGET = script(`
if redis.call('HGET', KEYS[1], 'i') == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`);

/** Runs a script by its hash, sending its text only when Redis does not have it cached (a restart flushes it). */
export async function runScript(client: RedisClient, s: Script, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
  try {
    return await client.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (e) {
    if (!/NOSCRIPT/.test(toError(e).message)) throw e;
    return client.eval(s.lua, keys.length, ...keys, ...args);
  }
}
