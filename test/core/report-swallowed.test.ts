/**
 * `reportSwallowed`, behind the failure contract: a failure the published SDK swallowed is logged at warn
 * with what the app got instead, and handed to the session's `error` listeners (else to the server).
 */
import { reportSwallowed } from '../../src/core/failures';
import { MemoryCloud, memorySession } from './memory-transport';

describe('reportSwallowed', () => {
  test('logs the message and the outcome at warn, and gives the error to the session error listeners', async () => {
    const cloud = new MemoryCloud();
    const { session, logger, errors } = memorySession(cloud);
    await session.connect();
    const heard: unknown[] = [];
    const off = session.on('error', (e) => heard.push(e));
    const err = new Error('the cloud refused the read');
    reportSwallowed(session, err, 'read as empty');
    expect(logger.warns).toContain('the cloud refused the read (read as empty)');
    expect(heard).toEqual([err]);
    expect(errors).toEqual([]);
    off();
    // with no listener, the server's handler gets it; a thrown non-error is described
    reportSwallowed(session, 'plain text', 'resolved undefined');
    expect(errors.map((e) => e.message)).toEqual(['plain text']);
    expect(logger.warns).toContain('plain text (resolved undefined)');
    await session.dispose('server_shutdown');
  });
});
