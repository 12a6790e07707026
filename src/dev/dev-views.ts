/**
 * What a simulated wearer's glasses show and report in `mentraos dev`: the views the app draws (with
 * their display durations) and the device state inputs change. The local cloud calls these and hands
 * them its event emitter, so the state changes and the events controllers see stay together.
 */
import type { DeviceState, InputPayload, ViewName, ViewState } from '../protocol/control';
import type { Layout } from '../protocol/messages';
import type { DevUser, EventBody } from './dev-state';

type Emit = (body: EventBody) => unknown;

/** Shows a layout in a view; with a duration, clears it when the duration ends (while `open()` holds). */
export function setView(user: DevUser, view: ViewName, layout: Layout, durationMs: number | undefined, emit: Emit, open: () => boolean): void {
  clearTimeout(user.timers[view]);
  const state: ViewState = { layout, shown_at: Date.now(), ...(durationMs === undefined ? {} : { duration_ms: durationMs }) };
  user.views[view] = state;
  emit({
    type: 'display_update',
    user_id: user.userId,
    view,
    layout,
    shown_at: state.shown_at,
    ...(durationMs === undefined ? {} : { duration_ms: durationMs }),
  });
  if (durationMs !== undefined) {
    user.timers[view] = setTimeout(() => {
      if (user.views[view] === state && open()) clearView(user, view, 'expired', emit);
    }, durationMs);
    user.timers[view].unref?.();
  }
}

export function clearView(user: DevUser, view: ViewName, reason: 'expired' | 'session_ended', emit: Emit): void {
  clearTimeout(user.timers[view]);
  user.views[view] = null;
  emit({ type: 'display_update', user_id: user.userId, view, layout: null, shown_at: Date.now(), reason });
}

/** The device state after a head, battery, connection or location input. */
export function deviceAfterInput(device: DeviceState, input: InputPayload): DeviceState {
  const d = { ...device };
  if (input.kind === 'head') d.head = input.position;
  else if (input.kind === 'battery') d.battery = { level: input.level, charging: input.charging ?? false };
  else if (input.kind === 'connection') {
    d.connected = input.connected;
    if (input.wifi) d.wifi = input.wifi;
  } else if (input.kind === 'location') d.location = { lat: input.lat, lng: input.lng, ...(input.accuracy === undefined ? {} : { accuracy: input.accuracy }) };
  return d;
}
