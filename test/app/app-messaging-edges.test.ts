/**
 * App-to-app messaging at its edges, over the test cloud: the ids it takes and refuses, what each call says
 * once the session has ended, a direct message the cloud did not deliver, and user discovery answered with
 * something other than a list of users.
 */
import { isSdkError } from '../../src';
import { captureLogger, eventually } from '../helpers/apps';
import { harness, sdkRejection, waitSent } from '../helpers/modules';

const DISCOVER = '/api/app-communication/discover-users';

describe('app-to-app messaging: ids and an ended session', () => {
  const h = harness();

  test('room and user ids are non-empty strings of at most 512 characters; the error names the argument', async () => {
    const { user, session } = await h.start();
    const refused = async (p: Promise<unknown>) => (await sdkRejection(p, 'invalid_argument')).message;
    const rule = 'must be a non-empty string of at most 512 characters';
    expect(await refused(session.broadcastToAppUsers({ n: 1 }, ''))).toBe(`roomId ${rule}`);
    expect(await refused(session.joinAppRoom('r'.repeat(513)))).toBe(`roomId ${rule}`);
    expect(await refused(session.leaveAppRoom(5 as never))).toBe(`roomId ${rule}`);
    expect(await refused(session.leaveAppRoom(['room'] as never))).toBe(`roomId ${rule}`);
    expect(await refused(Promise.resolve().then(() => session.sendDirectMessage('', {})))).toBe(`targetUserId ${rule}`);
    await session.joinAppRoom('r'.repeat(512));
    const join = await waitSent(user, 'app_room_join');
    expect(join.roomId).toHaveLength(512);
    expect('roomConfig' in join).toBe(false);
    await session.joinAppRoom('with-config', { maxUsers: 3 } as never);
    expect((await waitSent(user, 'app_room_join', (m) => m.roomId === 'with-config')).roomConfig).toEqual({ maxUsers: 3 });
  });

  test('on an ended session each call says what it could not do', async () => {
    const { session } = await h.start();
    await session.disconnect();
    const closed = async (p: Promise<unknown>) => (await sdkRejection(p, 'session_closed')).message;
    expect(await closed(session.broadcastToAppUsers({}))).toBe("Cannot broadcast to the app's users: the session has ended");
    expect(await closed(session.joinAppRoom('r'))).toBe('Cannot join a room: the session has ended');
    expect(await closed(session.leaveAppRoom('r'))).toBe('Cannot leave a room: the session has ended');
    const err = await sdkRejection(
      Promise.resolve().then(() => session.sendDirectMessage('bob@example.com', {})),
      'session_closed',
    );
    expect(err.message).toBe('Cannot send a direct message: the session has ended');
    expect(err.details).toEqual({ messageId: expect.stringMatching(/^msg_\d+_[0-9a-f]{8}$/) });
  });

  test('a direct message the cloud did not deliver resolves false, and the reason is logged at debug', async () => {
    const logger = captureLogger();
    await h.useCloud({ appMessaging: false }); // the answers below are the test's own
    const { user, session } = await h.start({ logger, logLevel: 'debug' });
    const answers = [{ success: false, error: `offline${'!'.repeat(300)}` }, { success: 'yes' }, { success: true, error: 'ignored' }];
    const answered = new Set<string>();
    for (const answer of answers) {
      const sent = session.sendDirectMessage('bob@example.com', { hi: 1 });
      const msg = await waitSent(user, 'app_direct_message', (m) => !answered.has(m.messageId));
      answered.add(msg.messageId);
      await user.sendMessage({ type: 'app_direct_message_response', messageId: msg.messageId, ...answer });
      expect({ answer, delivered: await sent }).toEqual({ answer, delivered: answer.success === true });
    }
    await user.sendMessage({ type: 'app_direct_message_response', messageId: 42, success: true });
    const lines = logger.lines.filter((l) => l.level === 'debug' && l.text.includes('was not delivered'));
    expect(lines.map((l) => l.text)).toEqual([expect.stringMatching(/^Direct message msg_\S+ was not delivered: offline!{193}$/)]);
  });
});

describe('app-to-app messaging: user discovery answers', () => {
  const h = harness();

  test('an answer without a list of users is a cloud_request_failed; the soft queries give 0 and false and say so', async () => {
    const logger = captureLogger();
    const { session } = await h.start({ logger });
    for (const body of [null, 'users', { users: 'bob' }]) {
      h.cloud.rest.failNext({ path: DISCOVER, status: 200, body });
      const err = await session.discoverAppUsers().catch((e) => e);
      expect([isSdkError(err, 'cloud_request_failed'), err.message]).toEqual([true, 'User discovery answered without a "users" array']);
    }
    h.cloud.rest.failNext({ path: DISCOVER, status: 200, body: {} });
    expect(await session.getUserCount()).toBe(0);
    const id = `u${'x'.repeat(100)}`;
    h.cloud.rest.failNext({ path: DISCOVER, status: 200, body: {} });
    expect(await session.isUserActive(id)).toBe(false);
    const warnings = logger.lines.filter((l) => l.level === 'warn').map((l) => l.text);
    expect(warnings).toEqual([
      'User discovery answered without a "users" array (getUserCount resolved 0)',
      `User discovery answered without a "users" array (isUserActive(${id.slice(0, 80)}) resolved false)`,
    ]);
  });

  test('entries without a text userId are dropped; totalUsers defaults to the users kept; profiles only when asked', async () => {
    const { session } = await h.start();
    h.cloud.rest.failNext({ path: DISCOVER, status: 200, body: { users: [{ userId: 'ann' }, null, { userId: 7 }, { name: 'x' }, { userId: 'bob' }] } });
    expect(await session.discoverAppUsers()).toEqual({ users: [{ userId: 'ann' }, { userId: 'bob' }], totalUsers: 2 });
    h.cloud.rest.failNext({ path: DISCOVER, status: 200, body: { users: [{ userId: 'ann' }], totalUsers: 40 } });
    expect((await session.discoverAppUsers()).totalUsers).toBe(40);
    h.cloud.rest.failNext({ path: DISCOVER, status: 200, body: { users: [], totalUsers: '3' } });
    expect((await session.discoverAppUsers()).totalUsers).toBe(0);
    await session.discoverAppUsers();
    await session.discoverAppUsers('', true);
    await session.getUserCount();
    await session.isUserActive('ann');
    await eventually(() => h.cloud.httpRequests.filter((r) => r.path === DISCOVER).length >= 4);
    expect(h.cloud.httpRequests.filter((r) => r.path === DISCOVER).map((r) => (r.body as { includeUserProfiles?: unknown }).includeUserProfiles)).toEqual([
      false,
      true,
      false,
      false,
    ]);
  });
});
