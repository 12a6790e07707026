/**
 * The one reducer of the control protocol's events: a mirror of the local cloud's state, kept exactly as
 * docs/control-protocol.md describes. An authoritative `sync` replaces it, and each event after it (by
 * `seq`) updates it. `connectControl()` keeps its state in one, and the simulator page runs this same code:
 * the build bundles this module into the page's `state.js`.
 */
import { applyGlassesEvent, initialDevice, initialGlasses } from './control';
import type { AppStatus, ControlEvent, ResponseOf, UserSnapshot } from './control';

export { applyGlassesEvent, initialDevice, initialGlasses };

/** Every wearer's state, the app's status, and the `seq` of the last event applied. */
export interface ControlMirror {
  /** Every wearer's state, by user id. */
  users: Map<string, UserSnapshot>;
  /** The app's status (null until the first sync or `app_state` event). */
  app: AppStatus | null;
  /** The `seq` of the last event applied. */
  seq: number;
  /** Events that arrived while a sync was in flight, applied once it answers; null when no sync is. */
  buffered: ControlEvent[] | null;
}

/** An empty mirror, before the first sync. */
export function createMirror(): ControlMirror {
  return { users: new Map(), app: null, seq: 0, buffered: null };
}

/** Starts buffering events while a sync is in flight. */
export function beginSync(mirror: ControlMirror): void {
  mirror.buffered = [];
}

/**
 * Replaces the state with a sync response, then applies the buffered events that came after it. A sync of
 * one wearer (`partial`) replaces nothing: the buffered events are applied as they are.
 */
export function applySync(mirror: ControlMirror, res: Partial<Pick<ResponseOf<'sync'>, 'users' | 'app' | 'seq'>>, partial = false): void {
  const later = mirror.buffered ?? [];
  mirror.buffered = null;
  if (!partial) {
    mirror.users = new Map((res.users ?? []).map((u) => [u.user_id, u]));
    mirror.app = res.app ?? mirror.app;
    mirror.seq = res.seq ?? mirror.seq;
  }
  for (const e of later) if (partial || e.seq > mirror.seq) applyEvent(mirror, e);
}

/** Takes one event: buffered while a sync is in flight, else applied if newer. Returns the user id it changed, or null. */
export function receiveEvent(mirror: ControlMirror, e: ControlEvent): string | null {
  if (mirror.buffered) {
    mirror.buffered.push(e);
    return null;
  }
  if (e.seq <= mirror.seq) return null;
  return applyEvent(mirror, e);
}

/** Applies one event whatever its `seq`. Returns the user id it changed, or null. */
export function applyEvent(mirror: ControlMirror, e: ControlEvent): string | null {
  mirror.seq = e.seq;
  if (e.type === 'app_state') {
    mirror.app = e.app;
    return null;
  }
  if (e.type === 'wire') return null;
  const u = mirror.users.get(e.user_id);
  if (e.type === 'session_state') {
    const base = u ?? {
      user_id: e.user_id,
      session_id: e.session_id,
      package_name: e.package_name,
      state: e.state,
      subscriptions: [],
      views: { main: null, dashboard: null },
      device: initialDevice(),
      glasses: initialGlasses(),
      settings: [],
    };
    mirror.users.set(e.user_id, { ...base, session_id: e.session_id, package_name: e.package_name, state: e.state });
    return e.user_id;
  }
  if (!u) return null;
  let next: UserSnapshot;
  if (e.type === 'display_update') {
    const view = e.layout ? { layout: e.layout, shown_at: e.shown_at, ...(e.duration_ms === undefined ? {} : { duration_ms: e.duration_ms }) } : null;
    next = { ...u, views: { ...u.views, [e.view]: view } };
  } else if (e.type === 'subscriptions') {
    next = { ...u, subscriptions: e.subscriptions };
  } else if (e.type === 'device_state') {
    next = { ...u, device: e.device };
  } else if (e.type === 'settings') {
    next = { ...u, settings: e.settings };
  } else {
    const glasses = applyGlassesEvent(u.glasses ?? initialGlasses(), e);
    if (glasses === u.glasses) return null;
    next = { ...u, glasses };
  }
  mirror.users.set(e.user_id, next);
  return e.user_id;
}

/** The mirror in the shape of a sync response's `users`, for comparing with the server. */
export function snapshot(mirror: ControlMirror): UserSnapshot[] {
  return [...mirror.users.values()];
}
