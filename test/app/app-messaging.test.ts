/** App-to-app messaging through the modern names, between real users of the test cloud. */
import { createTestCloud, type TestCloud, type SimulatedUser } from '../../src/testing';
import { addTrust, removeTrust } from '../../src/testing/cloud-http';
import { AppServer, isSdkError, type AppSession } from '../../src';
import { API_KEY, appConfig, eventually, started } from '../helpers/apps';

class Chat extends AppServer {
  readonly byUser = new Map<string, AppSession>();
  readonly got: Array<{ to: string; kind: string; msg: any }> = [];
  protected override async onSession(session: AppSession, _sessionId: string, userId: string): Promise<void> {
    this.byUser.set(userId, session);
    session.onAppMessage((msg) => void this.got.push({ to: userId, kind: 'message', msg }));
    session.onAppUserJoined((msg) => void this.got.push({ to: userId, kind: 'joined', msg }));
    session.onAppUserLeft((msg) => void this.got.push({ to: userId, kind: 'left', msg }));
    session.onAppRoomUpdated((msg) => void this.got.push({ to: userId, kind: 'room', msg }));
  }
}

describe('app-to-app messaging (modern names)', () => {
  let cloud: TestCloud | undefined;
  let app: Chat | undefined;
  afterEach(async () => {
    await app?.stop();
    await cloud?.close();
    app = cloud = undefined;
  });

  async function twoUsers(dialect: 'mentraos' | 'augmentos' = 'mentraos', extra = {}): Promise<[SimulatedUser, SimulatedUser, Chat]> {
    cloud = await createTestCloud({ dialect, ...extra });
    app = await started(new Chat(appConfig()));
    const a = await cloud.startSession({ app, userId: 'ann@example.com' });
    const b = await cloud.startSession({ app, userId: 'bob@example.com' });
    await eventually(() => app!.byUser.size === 2, 3000, 'both sessions');
    return [a, b, app];
  }

  test('broadcast reaches the other user; the modern facade sends app_* and receives them', async () => {
    const [a, b, chat] = await twoUsers();
    await chat.byUser.get(a.userId)!.broadcastToAppUsers({ text: 'hello all' });
    await eventually(() => chat.got.some((g) => g.kind === 'message'));
    const sent = a.sent('app_broadcast_message')[0];
    expect(sent).toMatchObject({ packageName: 'com.example.app', sessionId: a.sessionId, payload: { text: 'hello all' }, senderUserId: a.userId });
    expect(sent.messageId).toMatch(/^msg_\d+_[0-9a-f]{8}$/);
    expect(chat.got).toEqual([
      { to: b.userId, kind: 'message', msg: expect.objectContaining({ type: 'app_message_received', payload: { text: 'hello all' }, senderUserId: a.userId }) },
    ]);
  });

  test('an augmentos cloud answers with tpa_* names: the modern handlers still receive them, under app_* names', async () => {
    const [a, b, chat] = await twoUsers('augmentos');
    await chat.byUser.get(a.userId)!.broadcastToAppUsers('hi');
    await eventually(() => chat.got.length === 1);
    expect(a.sent('app_broadcast_message')).toHaveLength(1);
    expect(b.wire.filter((r) => r.dir === 'cloud->app').map((r) => r.msg.type)).toContain('tpa_message_received');
    expect(chat.got[0].msg.type).toBe('app_message_received');
  });

  test('sendDirectMessage resolves true when delivered and false for an absent user', async () => {
    const [a, b, chat] = await twoUsers();
    const session = chat.byUser.get(a.userId)!;
    await expect(session.sendDirectMessage(b.userId, { n: 1 })).resolves.toBe(true);
    await eventually(() => chat.got.some((g) => g.to === b.userId && g.msg.payload?.n === 1));
    await expect(session.sendDirectMessage('nobody@example.com', { n: 2 })).resolves.toBe(false);
    const direct = a.sent('app_direct_message')[0];
    expect(direct).toMatchObject({ targetUserId: b.userId, payload: { n: 1 }, senderUserId: a.userId });
  });

  test('a cloud that ignores app-to-app messages: sendDirectMessage rejects with a typed timeout', async () => {
    const [a, , chat] = await twoUsers('mentraos', { appMessaging: false });
    const err = await chat.byUser
      .get(a.userId)!
      .sendDirectMessage('bob@example.com', 'x', { timeoutMs: 150 })
      .catch((e) => e);
    expect(isSdkError(err, 'request_timeout')).toBe(true);
    expect(err.message).toContain('direct message');
  });

  test('rooms: join and leave are announced to members; a room broadcast carries the room and reaches only members', async () => {
    cloud = await createTestCloud();
    app = await started(new Chat(appConfig()));
    const users: SimulatedUser[] = [];
    for (const id of ['ann@example.com', 'bob@example.com', 'cyd@example.com']) users.push(await cloud.startSession({ app, userId: id }));
    await eventually(() => app!.byUser.size === 3);
    const [ann, bob] = users.map((u) => app!.byUser.get(u.userId)!);
    await ann.joinAppRoom('lobby', { maxUsers: 4 });
    await bob.joinAppRoom('lobby');
    await eventually(() => app!.got.some((g) => g.to === 'ann@example.com' && g.kind === 'joined'));
    expect(users[0].sent('app_room_join')[0]).toMatchObject({ roomId: 'lobby', roomConfig: { maxUsers: 4 } });
    await bob.broadcastToAppUsers({ room: true }, 'lobby');
    await eventually(() => app!.got.some((g) => g.kind === 'message'));
    expect(users[1].sent('app_broadcast_message')[0].roomId).toBe('lobby');
    await bob.leaveAppRoom('lobby');
    await eventually(() => app!.got.some((g) => g.kind === 'left'));
    const forAnn = app!.got.filter((g) => g.to === 'ann@example.com').map((g) => g.kind);
    expect(forAnn).toEqual(['room', 'joined', 'room', 'message', 'left', 'room']);
    expect(app!.got.filter((g) => g.to === 'cyd@example.com')).toEqual([]);
  });

  test("discoverAppUsers asks only the session's own cloud, with the API key; getUserCount and isUserActive work", async () => {
    const [a, b, chat] = await twoUsers();
    const session = chat.byUser.get(a.userId)!;
    const list = await session.discoverAppUsers('https://elsewhere.example', true);
    expect(list.totalUsers).toBe(2);
    expect(list.users.map((u) => u.userId).sort()).toEqual([a.userId, b.userId]);
    expect(await session.getUserCount()).toBe(2);
    expect(await session.isUserActive(b.userId)).toBe(true);
    expect(await session.isUserActive('nobody@example.com')).toBe(false);
    expect(cloud!.httpRequests).toHaveLength(4);
    for (const r of cloud!.httpRequests) {
      expect(r).toMatchObject({ method: 'POST', path: '/api/app-communication/discover-users', authorization: `Bearer ${API_KEY}`, status: 200 });
      expect(r.body).toMatchObject({ packageName: 'com.example.app', userId: a.userId });
    }
    expect(session.getHttpsServerUrl()).toBe(`http://127.0.0.1:${cloud!.port}`);
  });

  test('an unreachable cloud: discoverAppUsers rejects with a clear SdkError; the soft queries give 0 and false', async () => {
    const [a, , chat] = await twoUsers();
    const session = chat.byUser.get(a.userId)!;
    // Closing a test cloud withdraws its host's trust; here the host stays trusted and is only unreachable.
    addTrust();
    try {
      await cloud!.close();
      const err = await session.discoverAppUsers().catch((e) => e);
      expect(isSdkError(err, 'cloud_request_failed')).toBe(true);
      expect(err.message).toMatch(/^User discovery at 127\.0\.0\.1:\d+ failed/);
      expect(err.message).not.toContain(API_KEY);
      expect(await session.getUserCount()).toBe(0);
      expect(await session.isUserActive('bob@example.com')).toBe(false);
    } finally {
      removeTrust();
    }
  });
});
