// The simulator page: a controller of the local cloud that speaks only the control protocol
// (docs/control-protocol.md). It opens both channels, syncs on every (re)connect, and renders the state.
import { applySync, beginSync, createMirror, receiveEvent, snapshot } from './state.js';
import { describeLayout, renderLayout } from './render.js';
import { playAudioEvent, renderGlasses, showAudioOutput } from './glasses.js';
import { loadSettings, loadTools, renderSettingValues } from './assistant.js';
import { wireExtraInputs } from './inputs.js';

const mirror = createMirror();
const pending = new Map();
const cards = new Map();
let control = null;
let stream = null;
let nextId = 1;
let retryMs = 500;
let connectedOnce = false;
const $ = (id) => document.getElementById(id);

// ------------------------------------------------------------------ connection

function channelUrl(channel) {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?channel=${channel}`;
}

function setConnection(state, text) {
  const badge = $('connection');
  badge.dataset.state = state;
  badge.textContent = text;
}

function connect() {
  setConnection('connecting', connectedOnce ? 'reconnecting…' : 'connecting…');
  const c = new WebSocket(channelUrl('control'));
  const s = new WebSocket(channelUrl('stream'));
  let opened = 0;
  let failed = false;
  const onOpen = () => {
    if (++opened < 2) return;
    control = c;
    stream = s;
    connectedOnce = true;
    retryMs = 500;
    setConnection('connected', 'connected');
    void sync();
  };
  const onClose = () => {
    if (failed) return;
    failed = true;
    c.close();
    s.close();
    control = stream = null;
    for (const [, p] of pending) p.reject(new Error('disconnected'));
    pending.clear();
    setConnection('disconnected', `disconnected (the dev server stopped?); retrying in ${Math.round(retryMs / 1000)} s`);
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };
  for (const ws of [c, s]) {
    ws.addEventListener('open', onOpen);
    ws.addEventListener('close', onClose);
    ws.addEventListener('message', (m) => onFrame(m.data));
  }
}

function request(command) {
  if (!control) return Promise.reject(new Error('not connected to the dev server'));
  const request_id = `page-${nextId++}`;
  return new Promise((resolve, reject) => {
    pending.set(request_id, { resolve, reject });
    control.send(JSON.stringify({ ...command, request_id }));
  });
}

/** Sends a command; a failure is shown in the wearer's card (or the page), unless `quiet`. Resolves with the response or null. */
async function command(cmd, { quiet = false, card: forCard } = {}) {
  const card = forCard ?? (cmd.user_id ? cards.get(cmd.user_id) : null);
  try {
    const res = await request(cmd);
    if (!res.success) throw new Error(`${res.error?.code}: ${res.error?.message}`);
    if (card) {
      card.error.dataset.kind = 'note';
      card.error.textContent = cmd.type === 'input' && res.delivered === 0 ? `The app is not subscribed to ${cmd.kind} events; nothing was sent.` : '';
    }
    return res;
  } catch (e) {
    if (quiet) return null;
    const where = card ? card.error : $('page-error');
    where.dataset.kind = 'error';
    where.textContent = e.message;
    return null;
  }
}

async function sync() {
  beginSync(mirror);
  try {
    const res = await request({ type: 'sync' });
    if (res.success) applySync(mirror, res);
  } catch {
    mirror.buffered = null;
  }
  renderAll();
}

function onFrame(text) {
  let f;
  try {
    f = JSON.parse(text);
  } catch {
    return;
  }
  if (typeof f.request_id === 'string') {
    const p = pending.get(f.request_id);
    pending.delete(f.request_id);
    return p?.resolve(f);
  }
  if (f.type === 'welcome') return renderApp(f.app);
  if (f.type === 'auto_photo_response' && f.success) $('auto-photo').checked = f.enabled;
  if (f.type === 'error') return log('state', '', `error ${f.code}: ${f.message}`);
  if (typeof f.seq !== 'number') return;
  logEvent(f);
  const before = mirror.app;
  const changed = receiveEvent(mirror, f);
  if (f.type === 'app_state') {
    renderApp(mirror.app);
    // A restarted app may declare other tools and settings.
    if (mirror.app?.listening && (!before?.listening || before.restarts !== mirror.app.restarts)) for (const id of cards.keys()) loadAssistant(id);
  }
  if (changed) renderUser(changed);
  const card = f.user_id ? cards.get(f.user_id) : null;
  if (card && changed && f.type === 'audio_request') playAudioEvent(card, f);
  if (card && f.type === 'audio_output') showAudioOutput(card, f);
  if (card && f.type === 'wifi_request') card.q('.wifi-request').textContent = `the app asks for WiFi setup${f.reason ? `: ${f.reason}` : ''}`;
  if (card && changed && f.type === 'session_state' && f.state === 'ready') loadAssistant(f.user_id);
}

// ------------------------------------------------------------------ rendering

function renderAll() {
  renderApp(mirror.app);
  for (const id of mirror.users.keys()) renderUser(id);
  for (const id of [...cards.keys()]) if (!mirror.users.has(id)) removeCard(id);
}

function renderApp(app) {
  if (!app) return;
  const restarts = app.restarts ? ` · restarted ${app.restarts}×` : '';
  const status = !app.running
    ? `not running${app.exit_code === null || app.exit_code === undefined ? '' : ` (exit code ${app.exit_code})`}`
    : app.listening === false
      ? app.restarts
        ? 'restarting…'
        : 'starting…'
      : `listening on port ${app.port}`;
  const el = $('app-status');
  el.textContent = `${app.entry} · ${app.package_name ?? 'package not yet known'} · ${status}${restarts}`;
  el.dataset.listening = String(!!app.running && app.listening !== false);
  const error = $('app-error');
  error.hidden = !app.error;
  error.textContent = app.error ? `The app could not start:\n${app.error}` : '';
}

/** Asks for the app's tools and the wearer's settings (again after a restart). */
function loadAssistant(userId) {
  const card = cards.get(userId);
  if (!card || !control) return;
  void loadTools(card, userId, (cmd, o) => command(cmd, { card, ...o }));
  void loadSettings(card, userId, (cmd, o) => command(cmd, { card, ...o })).then(() => renderSettingValues(card, mirror.users.get(userId)?.settings));
}

function removeCard(id) {
  const card = cards.get(id);
  if (!card) return;
  for (const v of Object.values(card.views)) v.stop();
  card.root.remove();
  cards.delete(id);
}

function makeCard(userId) {
  const root = $('wearer-template').content.firstElementChild.cloneNode(true);
  root.dataset.user = userId;
  const q = (sel) => root.querySelector(sel);
  q('.user-id').textContent = userId;
  const card = { root, q, error: q('.error'), views: {} };
  for (const view of ['main', 'dashboard']) {
    const fig = root.querySelector(`[data-view="${view}"]`);
    card.views[view] = {
      fig,
      screen: fig.querySelector('.screen'),
      caption: fig.querySelector('.caption'),
      timer: fig.querySelector('.timer'),
      key: null,
      stop: () => {},
    };
  }
  wireControls(card, userId);
  wireExtraInputs(card, userId, (cmd) => command(cmd));
  $('wearers').appendChild(root);
  cards.set(userId, card);
  loadAssistant(userId);
  return card;
}

function renderUser(userId) {
  const u = mirror.users.get(userId);
  if (!u) return removeCard(userId);
  const card = cards.get(userId) ?? makeCard(userId);
  const { q } = card;
  const badge = q('.state');
  badge.dataset.state = u.state;
  badge.textContent = u.state;
  card.root.dataset.state = u.state;
  q('.package').textContent = u.package_name;
  const live = u.state === 'ready';
  q('.start').disabled = ['starting', 'ready', 'reconnecting'].includes(u.state);
  q('.stop').disabled = !['starting', 'ready', 'reconnecting'].includes(u.state);
  for (const b of card.root.querySelectorAll('.controls button, .extras button, .extras input[type="file"]')) b.disabled = !live;
  for (const view of ['main', 'dashboard']) renderView(card.views[view], u.views[view], u.device.head === (view === 'main' ? 'down' : 'up'));
  q('.head-now').textContent = `now ${u.device.head}`;
  renderGlasses(card, u, (cmd) => command(cmd));
  renderSettingValues(card, u.settings);
  const subs = u.subscriptions.map((s) => (typeof s === 'string' ? s : (s?.stream ?? JSON.stringify(s))));
  const p = q('.subscriptions');
  p.replaceChildren(document.createTextNode(subs.length ? 'Subscribed to: ' : 'No subscriptions.'));
  for (const s of subs) p.appendChild(Object.assign(document.createElement('code'), { textContent: s }));
}

function renderView(v, state, active) {
  v.fig.dataset.active = String(active);
  const key = state ? `${state.shown_at}:${state.layout.layoutType}` : 'none';
  if (v.key === key) return;
  v.key = key;
  v.stop();
  v.stop = renderLayout(v.screen, state ? state.layout : null, state ? state.shown_at : Date.now());
  v.caption.textContent = state ? describeLayout(state.layout).slice(0, 80) : '(nothing shown)';
  clearInterval(v.countdown);
  v.timer.textContent = '';
  if (state && state.duration_ms !== undefined) {
    const tick = () => {
      const left = Math.max(0, state.shown_at + state.duration_ms - Date.now());
      v.timer.textContent = `clears in ${(left / 1000).toFixed(1)} s`;
      if (left === 0) clearInterval(v.countdown);
    };
    tick();
    v.countdown = setInterval(tick, 100);
  }
}

// ------------------------------------------------------------------ controls

function wireControls(card, user_id) {
  const { q } = card;
  const input = (fields) => command({ type: 'input', user_id, ...fields });
  q('.start').onclick = () => command({ type: 'user_start', user_id });
  q('.stop').onclick = () => command({ type: 'user_stop', user_id });
  const say = (final) => {
    const text = q('.say-text').value;
    if (!text.trim()) return;
    void input({ kind: 'transcription', text, final, language: q('.say-language').value.trim() || 'en-US' });
    if (final) q('.say-text').value = '';
  };
  q('.say').onsubmit = (e) => {
    e.preventDefault();
    say(true);
  };
  q('.say-interim').onclick = () => say(false);
  q('.say-text').oninput = () => {
    if (q('.say-live').checked) say(false);
  };
  const button = (press) => input({ kind: 'button', button_id: q('.button-id').value.trim() || 'main', press });
  q('.press-short').onclick = () => button('short');
  q('.press-long').onclick = () => button('long');
  q('.touch').onclick = () => input({ kind: 'touch', gesture: q('.gesture').value });
  q('.head-up').onclick = () => input({ kind: 'head', position: 'up' });
  q('.head-down').onclick = () => input({ kind: 'head', position: 'down' });
  q('.battery-level').oninput = () => (q('.battery-value').textContent = `${q('.battery-level').value}%`);
  q('.battery').onclick = () => input({ kind: 'battery', level: Number(q('.battery-level').value), charging: q('.battery-charging').checked });
  q('.location').onclick = () => input({ kind: 'location', lat: Number(q('.lat').value), lng: Number(q('.lng').value) });
  q('.notify').onsubmit = (e) => {
    e.preventDefault();
    void input({ kind: 'notification', app: q('.n-app').value, title: q('.n-title').value, content: q('.n-content').value });
  };
}

$('add-form').onsubmit = async (e) => {
  e.preventDefault();
  const user_id = $('new-user').value.trim();
  if (!user_id) return;
  $('page-error').textContent = '';
  const res = await command({ type: 'user_start', user_id });
  if (res) {
    const n = mirror.users.size + 1;
    $('new-user').value = `wearer${n}@example.com`;
  }
};

// ------------------------------------------------------------------ log

const MAX_LOG = 500;

function log(dir, who, text, full) {
  if ($('log-pause').checked) return;
  const li = document.createElement('li');
  li.dataset.dir = dir;
  li.append(Object.assign(document.createElement('span'), { className: 'dir', textContent: dir === 'state' ? 'state' : dir }));
  if (who) li.append(Object.assign(document.createElement('span'), { className: 'who', textContent: who }));
  li.append(document.createTextNode(text));
  if (full) li.title = 'click to expand';
  li.onclick = () => {
    li.classList.toggle('open');
    if (full && li.classList.contains('open')) li.lastChild.textContent = full;
    else li.lastChild.textContent = text;
  };
  const list = $('log-lines');
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.appendChild(li);
  while (list.childElementCount > MAX_LOG) list.firstElementChild.remove();
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function logEvent(e) {
  if (e.type === 'wire') {
    if (!$('log-wire').checked) return;
    const m = e.message || {};
    const json = JSON.stringify(m);
    const summary =
      m.type === 'display_event'
        ? `display_event [${m.view}] ${describeLayout(m.layout)}`
        : m.type === 'data_stream'
          ? `data_stream ${m.streamType} ${JSON.stringify(m.data).slice(0, 160)}`
          : json.length > 220
            ? `${json.slice(0, 220)}…`
            : json;
    log(e.direction, e.user_id, summary, json);
  } else if ($('log-state').checked && e.type !== 'display_update') {
    const what =
      e.type === 'session_state'
        ? `session ${e.state}${e.reason ? ` (${e.reason})` : ''}`
        : e.type === 'subscriptions'
          ? `subscriptions ${JSON.stringify(e.subscriptions)}`
          : e.type === 'device_state'
            ? `device ${JSON.stringify(e.device)}`
            : e.type === 'app_state'
              ? `app ${!e.app.running ? 'stopped' : e.app.listening === false ? 'starting' : 'listening'}${e.app.error ? ' (could not start)' : ''}`
              : `${e.type} ${JSON.stringify(Object.fromEntries(Object.entries(e).filter(([k]) => !['type', 'seq', 'user_id'].includes(k)))).slice(0, 200)}`;
    log('state', e.user_id || '', what);
  } else if ($('log-state').checked && e.reason) {
    log('state', e.user_id, `[${e.view}] ${e.reason === 'expired' ? 'timed display ended' : 'cleared (session ended)'}`);
  }
}

$('auto-photo').onchange = () => void command({ type: 'auto_photo', enabled: $('auto-photo').checked });

$('log-clear').onclick = () => $('log-lines').replaceChildren();

// For tests and curious developers: the page's state, in the shape of a sync_response.
window.simulator = {
  snapshot: () => snapshot(mirror),
  get seq() {
    return mirror.seq;
  },
  get connected() {
    return !!control;
  },
};

connect();
