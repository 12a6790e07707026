/**
 * The paths the micro benchmark times (`npm run bench -- --micro`) do what it says they do, for each facade:
 * a session started through its engine over the in-memory transport answers the webhook, sends its init and
 * its subscription, and one transcription event comes back out as a display frame. A benchmark of a path
 * that silently stopped short would report a speed nobody gets.
 * It sits with the compat tests because one facade it drives is the deprecated `TpaServer`.
 */
import { FACADES } from '../../bench/micro/facades';
import { sdkApp } from '../../bench/micro/sdk';
import { EVENT_FRAME, STREAM, Sink, sessionRequest } from '../../bench/micro/wire';

describe.each(FACADES.map((f) => [f.name, f] as const))('the micro benchmark over %s', (_name, facade) => {
  test('a session starts over the in-memory transport, and one event becomes one display frame', async () => {
    const sink = new Sink();
    const app = await sdkApp(facade, sink);
    expect(JSON.parse(await app.start(sessionRequest(0)))).toEqual({ status: 'success' });
    expect(JSON.parse(sink.last)).toMatchObject({ type: 'subscription_update', subscriptions: [STREAM] });

    const before = sink.frames;
    const shown = new Promise<void>((resolve) => {
      const take = sink.take.bind(sink);
      sink.take = (text, ack) => {
        take(text, ack);
        if (text.includes('"display_event"')) resolve();
      };
    });
    app.eventsOf('bench-0').text(EVENT_FRAME);
    await shown;
    expect(sink.frames).toBe(before + 1);
    expect(JSON.parse(sink.last)).toMatchObject({
      type: 'display_event',
      layout: { layoutType: 'text_wall', text: '#1 the quick brown fox jumps over the lazy dog' },
    });
    await app.stop('bench-0', 'user-0@example.com');
  });
});
