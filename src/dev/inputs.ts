/** Sends one input of a simulated wearer to the app, as glasses and phone do (only to subscribed apps). */
import type { InputPayload } from '../protocol/control';
import type { SimulatedUser } from '../testing/user';

/** Resolves with the number of `data_stream` frames that reached the app. */
export function deliverInput(sim: SimulatedUser, input: InputPayload): Promise<number> {
  switch (input.kind) {
    case 'transcription':
      return sim.transcribe(input.text, { isFinal: input.final ?? true, language: input.language ?? 'en-US' });
    case 'button':
      return sim.pressButton(input.button_id ?? 'main', input.press ?? 'short');
    case 'head':
      return sim.moveHead(input.position);
    case 'touch':
      return sim.touch(input.gesture);
    case 'notification':
      return sim.notify({ app: input.app, title: input.title, content: input.content });
    case 'battery':
      return sim.battery(input.level, input.charging ?? false);
    case 'location':
      return sim.location(input.lat, input.lng, input.accuracy);
    case 'calendar': {
      const at = (v: string | number | undefined, dflt: number) => new Date(v === undefined ? dflt : v).toISOString();
      const data = {
        type: 'calendar_event',
        eventId: `sim-${Date.now()}`,
        title: input.title,
        dtStart: at(input.start, Date.now()),
        dtEnd: at(input.end, Date.now() + 3_600_000),
        timezone: 'UTC',
        timeStamp: new Date().toISOString(),
        ...(input.location ? { location: input.location } : {}),
      };
      return sim.routeStream('calendar_event', 'calendar_event', data);
    }
    case 'connection':
      return sim.routeStream('glasses_connection_state', 'glasses_connection_state', {
        type: 'glasses_connection_state',
        modelName: 'Simulated Glasses',
        status: input.connected ? 'CONNECTED' : 'DISCONNECTED',
        ...(input.wifi ? { wifi: { connected: input.wifi.connected, ssid: input.wifi.ssid ?? '' } } : {}),
        timestamp: new Date().toISOString(),
      });
  }
}
