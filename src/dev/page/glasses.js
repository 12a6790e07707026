// What the app asks of a wearer's glasses, shown in the wearer's card: pending photo requests (answered
// with an image from a file picker or a drop, or with an error), audio play and speak requests (played in
// the page), the LED, streams with their simulated status, the dashboard's mode and content, and the
// glasses' connection and WiFi.
import { fileBase64 } from './wav.js';

function appendAll(node, children) {
  for (const c of children) node.append(c);
  return node;
}

/** Renders the outputs of one wearer's glasses from the mirror (cheap: only what changed is rebuilt). */
export function renderGlasses(card, user, send) {
  const g = user.glasses || {};
  renderPhotos(card, user.user_id, g.photo_requests || [], send);
  const q = card.q;
  const audio = g.audio;
  q('.audio-now').textContent = !audio
    ? 'nothing asked'
    : audio.kind === 'speak'
      ? `speak “${audio.text ?? ''}”`
      : audio.kind === 'play'
        ? `play ${audio.audio_url ?? ''}`
        : 'stop';
  const led = g.led;
  const dot = q('.led-dot');
  dot.dataset.on = String(!!led && led.action !== 'off');
  dot.style.background = led && led.action !== 'off' ? cssColour(led.color) : '';
  q('.led-now').textContent = !led
    ? 'off (never set)'
    : `${led.action}${led.color ? ` ${led.color}` : ''}${led.ontime ? `, on ${led.ontime} ms` : ''}${led.offtime ? `, off ${led.offtime} ms` : ''}${led.count ? `, ×${led.count}` : ''}`;
  const streams = Object.values(g.streams || {}).filter(Boolean);
  const box = q('.streams-now');
  box.replaceChildren(...(streams.length ? [] : ['none']));
  for (const s of streams) {
    const item = appendAll(document.createElement('span'), [`${s.kind} ${s.action}: `, Object.assign(document.createElement('b'), { textContent: s.status })]);
    item.className = 'stream';
    item.dataset.kind = s.kind;
    item.dataset.status = s.status;
    const where = s.rtmp_url || Object.values(s.urls || {}).join(' ');
    if (where) item.append(` (${where})`);
    box.append(item);
  }
  const dash = g.dashboard || { mode: 'main', content: null };
  q('.dash-now').textContent =
    `mode ${dash.mode}; ${dash.content === null || dash.content === undefined ? 'no content' : typeof dash.content === 'string' ? `“${dash.content}”` : JSON.stringify(dash.content)}`;
  const d = user.device || {};
  q('.wifi-now').textContent =
    `glasses ${d.connected === false ? 'disconnected' : 'connected'}; WiFi ${d.wifi ? (d.wifi.connected ? `on${d.wifi.ssid ? ` (${d.wifi.ssid})` : ''}` : 'off') : 'unknown'}`;
}

function cssColour(name) {
  const known = { red: '#ff4d4d', green: '#50ff78', blue: '#4d8dff', white: '#ffffff', orange: '#ffa94d', yellow: '#ffe14d', purple: '#b04dff' };
  return known[String(name).toLowerCase()] ?? '#50ff78';
}

function renderPhotos(card, user_id, requests, send) {
  const list = card.q('.photo-requests');
  const key = requests.map((r) => r.photo_request_id).join(',');
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.replaceChildren();
  if (!requests.length) list.append(Object.assign(document.createElement('li'), { className: 'none', textContent: 'No photo requested.' }));
  for (const r of requests) {
    const li = document.createElement('li');
    li.dataset.photo = r.photo_request_id;
    li.className = 'photo-request';
    const picker = Object.assign(document.createElement('input'), { type: 'file', accept: 'image/*', className: 'photo-file', title: 'answer with an image' });
    const refuse = Object.assign(document.createElement('button'), { type: 'button', className: 'photo-error', textContent: 'Answer with an error' });
    const code = Object.assign(document.createElement('input'), { className: 'photo-error-code', value: 'CAMERA_BUSY', size: 12, title: 'error code' });
    li.append(
      `Photo ${r.photo_request_id}${r.size ? ` (${r.size})` : ''}${r.save_to_gallery ? ', save to gallery' : ''}: drop an image here, or `,
      picker,
      ' ',
      code,
      refuse,
    );
    const answer = async (file) => {
      if (!file) return;
      li.dataset.sending = 'true';
      try {
        if (file.type && !file.type.startsWith('image/')) throw new Error(`${file.name} is not an image (${file.type})`);
        const image_base64 = await fileBase64(file);
        await send({ type: 'photo_respond', user_id, photo_request_id: r.photo_request_id, image_base64, mime_type: file.type || 'image/jpeg' });
      } catch (e) {
        card.error.dataset.kind = 'error';
        card.error.textContent = e.message;
      } finally {
        delete li.dataset.sending;
      }
    };
    picker.onchange = () => answer(picker.files[0]);
    refuse.onclick = () =>
      send({
        type: 'photo_respond',
        user_id,
        photo_request_id: r.photo_request_id,
        error: { code: code.value.trim() || 'CAMERA_ERROR', message: 'Refused in the simulator' },
      });
    li.ondragover = (e) => {
      e.preventDefault();
      li.dataset.over = 'true';
    };
    li.ondragleave = () => delete li.dataset.over;
    li.ondrop = (e) => {
      e.preventDefault();
      delete li.dataset.over;
      void answer(e.dataTransfer?.files?.[0]);
    };
    list.append(li);
  }
}

/** Plays what an `audio_request` event asks (a URL, or the TTS URL of a speak request); `stop` pauses. */
export function playAudioEvent(card, e) {
  const player = card.q('.audio-player');
  const status = card.q('.audio-status');
  if (e.kind === 'stop') {
    player.pause();
    status.textContent = 'stopped';
    return;
  }
  if (!e.audio_url) {
    status.textContent = e.kind === 'speak' ? '(no audio URL; the text is shown)' : '(no URL)';
    return;
  }
  player.hidden = false;
  player.src = e.audio_url;
  if (typeof e.volume === 'number') player.volume = Math.max(0, Math.min(1, e.volume));
  status.textContent = 'loading…';
  player.onplaying = () => (status.textContent = 'playing');
  player.onended = () => (status.textContent = 'played');
  player.onerror = () => (status.textContent = `cannot play ${e.audio_url}`);
  player.play().catch((err) => (status.textContent = `cannot play: ${err.message}`));
}

/**
 * Shows an `audio_output` event: an audio stream the app writes (3.0.0-hono). The player already plays its
 * relay URL (the app's `audio_play_request` for it arrives as an `audio_request`); this line counts its bytes.
 */
export function showAudioOutput(card, e) {
  card.q('.audio-output').hidden = false;
  const what = e.state === 'ended' ? 'ended' : e.state === 'started' ? 'started' : 'streaming';
  card.q('.audio-output-status').textContent = `${e.content_type} stream ${e.stream_id.slice(0, 8)}…: ${e.bytes} bytes, ${what}`;
}
