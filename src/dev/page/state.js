// The page's copy of the local cloud's state, kept exactly as the control protocol describes: an
// authoritative `sync` replaces it, and each event after it (by `seq`) updates it.

/** @returns {{ users: Map<string, any>, app: any, seq: number, buffered: any[] | null }} */
export function createMirror() {
  return { users: new Map(), app: null, seq: 0, buffered: null };
}

/** Starts buffering events while a sync is in flight. */
export function beginSync(mirror) {
  mirror.buffered = [];
}

/** Replaces the state with a sync_response, then applies the events that came after it. */
export function applySync(mirror, res) {
  mirror.users = new Map((res.users || []).map((u) => [u.user_id, u]));
  mirror.app = res.app || mirror.app;
  mirror.seq = res.seq || 0;
  const later = (mirror.buffered || []).filter((e) => e.seq > mirror.seq);
  mirror.buffered = null;
  for (const e of later) applyEvent(mirror, e);
}

/** Applies one event; returns the user id it changed (or null). */
export function receiveEvent(mirror, e) {
  if (mirror.buffered) {
    mirror.buffered.push(e);
    return null;
  }
  if (e.seq <= mirror.seq) return null;
  return applyEvent(mirror, e);
}

/** A wearer's device before any input (as the local cloud starts it). */
export function initialDevice() {
  return { head: 'down', battery: null, location: null, connected: true, wifi: { connected: true, ssid: 'simulated-wifi' } };
}

/** The glasses before the app asked anything of them. */
export function initialGlasses() {
  return { photo_requests: [], led: null, dashboard: { mode: 'main', content: null }, streams: { rtmp: null, managed: null }, audio: null };
}

/** What the app asked of the glasses, applied to a copy of their state (as the local cloud applies it). */
export function applyGlassesEvent(g, e) {
  const { type: _t, seq: _s, user_id: _u, ...rest } = e;
  switch (e.type) {
    case 'photo_request': {
      const others = g.photo_requests.filter((p) => p.photo_request_id !== e.photo_request_id);
      if (e.state !== 'pending') return { ...g, photo_requests: others };
      const info = {
        photo_request_id: e.photo_request_id,
        save_to_gallery: e.save_to_gallery,
        requested_at: e.requested_at ?? Date.now(),
        ...(e.size ? { size: e.size } : {}),
      };
      return { ...g, photo_requests: [...others, info] };
    }
    case 'audio_request':
      return { ...g, audio: rest };
    case 'led':
      return { ...g, led: rest };
    case 'stream_request':
      return { ...g, streams: { ...g.streams, [e.kind]: rest } };
    case 'dashboard':
      return { ...g, dashboard: { mode: e.mode, content: e.content } };
    default:
      return g;
  }
}

const GLASSES_EVENTS = ['photo_request', 'audio_request', 'led', 'stream_request', 'dashboard'];

function applyEvent(mirror, e) {
  mirror.seq = e.seq;
  if (e.type === 'app_state') {
    mirror.app = e.app;
    return null;
  }
  if (e.type === 'wire') return null;
  let u = mirror.users.get(e.user_id);
  if (e.type === 'session_state') {
    u = u || {
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
    mirror.users.set(e.user_id, { ...u, session_id: e.session_id, package_name: e.package_name, state: e.state });
    return e.user_id;
  }
  if (!u) return null;
  if (e.type === 'display_update') {
    const view = e.layout ? { layout: e.layout, shown_at: e.shown_at } : null;
    if (view && e.duration_ms !== undefined) view.duration_ms = e.duration_ms;
    mirror.users.set(e.user_id, { ...u, views: { ...u.views, [e.view]: view } });
  } else if (e.type === 'subscriptions') {
    mirror.users.set(e.user_id, { ...u, subscriptions: e.subscriptions });
  } else if (e.type === 'device_state') {
    mirror.users.set(e.user_id, { ...u, device: e.device });
  } else if (e.type === 'settings') {
    mirror.users.set(e.user_id, { ...u, settings: e.settings });
  } else if (GLASSES_EVENTS.includes(e.type)) {
    mirror.users.set(e.user_id, { ...u, glasses: applyGlassesEvent(u.glasses || initialGlasses(), e) });
  } else {
    return null;
  }
  return e.user_id;
}

/** The mirror in the shape of a sync_response's `users`, for comparing with the server. */
export function snapshot(mirror) {
  return [...mirror.users.values()];
}
