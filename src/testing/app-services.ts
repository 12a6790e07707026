/**
 * What the test cloud does besides the session socket: its REST endpoints (user discovery and the app
 * settings fetch, under both generations' paths) and app-to-app messaging between its users (broadcast,
 * direct messages with a delivery answer, rooms). Inbound names of either generation are understood;
 * outbound ones follow the cloud's dialect.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { COMMUNICATION_PATHS, SETTINGS_PATHS, appMessageType, canonicalMessageType, type AppMessageStem, type Dialect } from '../protocol/dialects';
import type { SettingRecord } from '../protocol/messages';
import type { SimulatedUser } from './user';

export interface HttpRecord {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
  status: number;
}

/** The parts of the test cloud these services use. */
export interface ServiceCloud {
  readonly dialect: Readonly<Dialect>;
  readonly users: Map<string, SimulatedUser>;
  readonly httpRequests: HttpRecord[];
  readonly apiKeys?: Record<string, string>;
  readonly appSettings: SettingRecord[];
  /** False: the cloud ignores app-to-app messages, as clouds before 2025-07 did. */
  readonly appMessaging: boolean;
}

const MAX_BODY = 64 * 1024;

export async function handleCloudHttp(cloud: ServiceCloud, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://cloud.test');
  const method = req.method ?? 'GET';
  const authorization = req.headers.authorization;
  let body: unknown;
  const reply = (status: number, json: unknown) => {
    cloud.httpRequests.push({ method, path: url.pathname, authorization, body, status });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(json));
  };
  try {
    body = method === 'POST' ? await readJson(req) : undefined;
  } catch (e) {
    return reply(400, { success: false, error: (e as Error).message });
  }
  const discover = COMMUNICATION_PATHS.map((p) => `${p}/discover-users`);
  if (method === 'POST' && discover.includes(url.pathname as never)) {
    const b = (body ?? {}) as { packageName?: unknown; includeUserProfiles?: unknown };
    if (typeof b.packageName !== 'string') return reply(400, { success: false, error: 'packageName is required' });
    if (!bearerMatchesKey(cloud, authorization, b.packageName)) return reply(401, { success: false, error: 'Invalid API key' });
    const users = [...cloud.users.values()]
      .filter((u) => u.packageName === b.packageName && u.connected)
      .map((u) => ({
        userId: u.userId,
        sessionId: u.sessionId,
        joinedAt: u.joinedAt,
        ...(b.includeUserProfiles === true ? { userProfile: { name: u.userId } } : {}),
      }));
    return reply(200, { users, totalUsers: users.length, timestamp: new Date().toISOString() });
  }
  const settingsPrefix = SETTINGS_PATHS.map((p) => `${p}/user/`).find((p) => url.pathname.startsWith(p));
  if (method === 'GET' && settingsPrefix) {
    const userId = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const known = [...cloud.users.values()].some((u) => u.userId === userId);
    if (!known) return reply(401, { success: false, error: 'Unknown user' });
    return reply(200, { success: true, settings: cloud.appSettings });
  }
  return reply(404, { success: false, error: 'not found' });
}

function bearerMatchesKey(cloud: ServiceCloud, authorization: string | undefined, packageName: string): boolean {
  if (!authorization?.startsWith('Bearer ') || authorization.length <= 7) return false;
  return !cloud.apiKeys || cloud.apiKeys[packageName] === authorization.slice(7);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        const text = Buffer.concat(chunks).toString();
        resolve(text ? JSON.parse(text) : undefined);
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------- app-to-app

/** Rooms by package and room id: the sessionIds of their members. */
export type Rooms = Map<string, Set<string>>;

/** Routes one app-to-app message from `from`; returns false for other messages. */
export function routeAppMessage(cloud: ServiceCloud, rooms: Rooms, from: SimulatedUser, msg: any): boolean {
  const type = canonicalMessageType(String(msg?.type ?? ''));
  if (!['app_broadcast_message', 'app_direct_message', 'app_room_join', 'app_room_leave'].includes(type)) return false;
  if (!cloud.appMessaging) return true;
  const name = (stem: AppMessageStem) => appMessageType(stem, cloud.dialect.appMessagePrefix);
  const peers = () => [...cloud.users.values()].filter((u) => u !== from && u.packageName === from.packageName && u.connected);
  const roomKey = (roomId: string) => `${from.packageName}\u0000${roomId}`;
  const now = () => new Date().toISOString();
  const send = (to: SimulatedUser, m: Record<string, unknown>) => void to.sendMessage({ ...m, timestamp: now() }).catch(() => {});
  const received = () => ({
    type: name('message_received'),
    payload: msg.payload,
    messageId: msg.messageId,
    senderUserId: from.userId,
    senderSessionId: from.sessionId,
  });

  switch (type) {
    case 'app_broadcast_message': {
      const inRoom = typeof msg.roomId === 'string' ? rooms.get(roomKey(msg.roomId)) : undefined;
      for (const peer of peers()) {
        if (typeof msg.roomId === 'string' && !inRoom?.has(peer.sessionId)) continue;
        send(peer, typeof msg.roomId === 'string' ? { ...received(), roomId: msg.roomId } : received());
      }
      return true;
    }
    case 'app_direct_message': {
      const target = peers().find((u) => u.userId === msg.targetUserId);
      if (target) send(target, received());
      send(from, {
        type: name('direct_message_response'),
        messageId: msg.messageId,
        success: !!target,
        targetUserId: msg.targetUserId,
        ...(target ? {} : { error: 'The user is not using this app' }),
      });
      return true;
    }
    default: {
      if (typeof msg.roomId !== 'string') return true;
      const key = roomKey(msg.roomId);
      const members = rooms.get(key) ?? new Set<string>();
      const joining = type === 'app_room_join';
      if (joining === members.has(from.sessionId)) return true;
      if (joining) members.add(from.sessionId);
      else members.delete(from.sessionId);
      if (members.size > 0) rooms.set(key, members);
      else rooms.delete(key);
      const event = joining
        ? { type: name('user_joined'), userId: from.userId, sessionId: from.sessionId, joinedAt: now(), roomId: msg.roomId }
        : { type: name('user_left'), userId: from.userId, sessionId: from.sessionId, leftAt: now(), roomId: msg.roomId };
      const updated = {
        type: name('room_updated'),
        roomId: msg.roomId,
        updateType: joining ? 'user_joined' : 'user_left',
        roomData: { memberCount: members.size },
      };
      for (const peer of peers()) {
        if (!members.has(peer.sessionId)) continue;
        send(peer, event);
        send(peer, updated);
      }
      if (joining) send(from, updated);
      return true;
    }
  }
}
