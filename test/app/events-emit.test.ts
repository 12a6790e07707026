/**
 * The published EventManager helpers: `emit` delivers to the session's own handlers (an app's tests use it
 * to fake an event), `getRegisteredStreams` lists what the session listens to.
 */
import type { ButtonPress } from '../../src';
import { StreamType } from '../../src';
import { eventually } from '../helpers/apps';
import { harness } from '../helpers/modules';

describe('session.events.emit and getRegisteredStreams', () => {
  const h = harness();

  test('emit reaches the handlers of a stream and of a system event, and nothing else', async () => {
    const { session } = await h.start();
    const presses: ButtonPress[] = [];
    const heads: unknown[] = [];
    const reconnects: number[] = [];
    session.events.onButtonPress((p) => void presses.push(p));
    session.events.onHeadPosition((p) => void heads.push(p));
    session.events.onReconnected((n) => void reconnects.push(n));
    const press = { type: 'button_press', buttonId: 'main', pressType: 'short', timestamp: new Date(), sessionId: 's' } as ButtonPress;
    session.events.emit(StreamType.BUTTON_PRESS, press);
    session.events.emit('reconnected', 3);
    expect(presses).toEqual([press]);
    expect(reconnects).toEqual([3]);
    expect(heads).toEqual([]);
  });

  test('emit of an error goes to onError; a throwing handler is isolated too', async () => {
    const { session } = await h.start();
    const errors: Error[] = [];
    session.events.onError((e) => void errors.push(e));
    session.events.onButtonPress(() => {
      throw new Error('handler failed');
    });
    session.events.emit('error', new Error('faked'));
    session.events.emit(StreamType.BUTTON_PRESS, { buttonId: 'x', pressType: 'long' } as ButtonPress);
    await eventually(() => errors.length === 2);
    expect(errors.map((e) => e.message)).toEqual(['faked', 'handler failed']);
  });

  test('getRegisteredStreams lists the streams with handlers or subscriptions', async () => {
    const { session } = await h.start();
    expect(session.events.getRegisteredStreams()).toEqual([]);
    const off = session.events.onTranscription(() => {});
    session.events.onButtonPress(() => {});
    expect(session.events.getRegisteredStreams().sort()).toEqual(['button_press', 'transcription:en-US']);
    off();
    expect(session.events.getRegisteredStreams()).toEqual(['button_press']);
  });
});
