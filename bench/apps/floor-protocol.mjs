/**
 * The floor's protocol handling, by hand: one text frame from the cloud on one session's socket. Shared by the
 * floor app (`floor.mjs`, over `ws`) and the micro benchmark's floor (`bench/micro/floor.ts`, in process).
 *
 * `ws` is anything with `send(text)`; `ready()` runs once the ack has been answered with the subscription
 * update, `refused(code)` when the cloud refuses the app.
 */
export const STREAM = 'transcription:en-US';

export function onFloorText(text, ws, sessionId, packageName, ready, refused) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch {
    return;
  }
  if (msg.type === 'data_stream') {
    if (msg.streamType === STREAM && msg.data && msg.data.isFinal) {
      ws.send(
        JSON.stringify({
          type: 'display_event',
          packageName,
          sessionId: '',
          view: 'main',
          layout: { layoutType: 'text_wall', text: msg.data.text },
          timestamp: new Date().toISOString(),
        }),
      );
    }
  } else if (msg.type === 'tpa_connection_ack') {
    ws.send(JSON.stringify({ type: 'subscription_update', packageName, subscriptions: [STREAM], sessionId, timestamp: new Date().toISOString() }));
    ready();
  } else if (msg.type === 'tpa_connection_error') refused(msg.code);
}
