/**
 * App-to-app direct messages at the engine level, over the in-memory transport: a message the session
 * refuses to send is rejected at once with the reason, instead of waiting out the answer timeout.
 */
import { AppMessaging } from '../../src/core/modules/app-messaging';
import { DIALECTS } from '../../src/protocol/dialects';
import { MemoryCloud, memorySession, until } from './memory-transport';

describe('AppMessaging.sendDirect', () => {
  test('on a closed session it rejects at once with session_closed (not request_timeout after 15 s)', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud);
    await session.connect();
    await session.dispose('app_disconnect');
    const messaging = new AppMessaging(session, DIALECTS.mentraos);
    let settled: unknown;
    messaging.sendDirect('bob@example.com', { n: 1 }).catch((e) => (settled = e));
    // The default timeout is 15 s: this bound is far below it, and the rejection needs no timer at all.
    await until(() => settled !== undefined, 'the rejection', 5000);
    expect(settled).toMatchObject({ code: 'session_closed' });
    expect(session.requests.size).toBe(0);
  });

  test('when the outbound queue refuses it, it rejects at once with queue_full', async () => {
    const cloud = new MemoryCloud();
    const { session, errors } = memorySession(cloud, { queueLimit: 1 });
    await session.connect();
    cloud.autoAccept = false;
    cloud.last.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    expect(session.send({ type: 'ownership_release' })).toBe(true);
    const messaging = new AppMessaging(session, DIALECTS.mentraos);
    let settled: unknown;
    messaging.sendDirect('bob@example.com', 'hi').catch((e) => (settled = e));
    await until(() => settled !== undefined, 'the rejection', 5000);
    expect(settled).toMatchObject({ code: 'queue_full' });
    expect(errors.map((e) => (e as { code?: string }).code)).toEqual(['queue_full']);
    await session.dispose('server_shutdown');
  });

  test('while the cloud is merely reconnecting, the message is queued and answered after the reconnect', async () => {
    const cloud = new MemoryCloud();
    const { session } = memorySession(cloud);
    await session.connect();
    const messaging = new AppMessaging(session, DIALECTS.mentraos);
    cloud.autoAccept = false;
    cloud.last.drop(1006);
    await until(() => session.state === 'reconnecting', 'reconnecting');
    const answer = messaging.sendDirect('bob@example.com', 'later');
    await cloud.until(() => cloud.sockets.length === 2, 'the reconnect');
    cloud.last.accept();
    await cloud.last.until(() => cloud.last.framesOf('app_direct_message').length === 1, 'the queued direct message');
    const { messageId } = cloud.last.framesOf('app_direct_message')[0];
    cloud.last.push({ type: 'app_direct_message_response', messageId, success: true });
    await expect(answer).resolves.toBe(true);
    await session.dispose('server_shutdown');
  });
});
