// The wearer's inputs beyond speech, buttons, head, battery, location and notifications: audio in from
// a WAV file or the microphone, calendar events, the glasses' connection and WiFi, and the app's webview.
import { fileBase64, recordMicrophone, toBase64 } from './wav.js';

/** Wires the extra inputs of a wearer's card. `send(command)` resolves with the response or null. */
export function wireExtraInputs(card, user_id, send) {
  const { q } = card;
  const status = q('.audio-in-now');
  const feed = async (wav_base64, what) => {
    status.dataset.state = 'sending';
    status.textContent = `streaming ${what}…`;
    const r = await send({ type: 'audio_feed', user_id, wav_base64 });
    status.dataset.state = r ? (r.delivered === false ? 'unsubscribed' : 'sent') : 'failed';
    status.textContent = !r
      ? `${what}: refused (see above)`
      : r.delivered === false
        ? `${what}: the app is not subscribed to audio_chunk; nothing was sent`
        : `${what}: ${r.chunks} chunks of 100 ms (${(r.duration_ms / 1000).toFixed(1)} s) sent`;
  };
  q('.wav-file').onchange = async () => {
    const file = q('.wav-file').files[0];
    if (!file) return;
    try {
      await feed(await fileBase64(file), file.name);
    } catch (e) {
      status.dataset.state = 'failed';
      status.textContent = e.message;
    }
    q('.wav-file').value = '';
  };
  let recording = null;
  const mic = q('.mic');
  mic.onclick = async () => {
    if (recording) {
      const r = recording;
      recording = null;
      clearInterval(r.timer);
      mic.textContent = 'Record from the microphone';
      delete mic.dataset.recording;
      const wav = await r.rec.stop();
      return feed(toBase64(wav), `${r.rec.seconds.toFixed(1)} s from the microphone`);
    }
    try {
      const rec = await recordMicrophone();
      recording = { rec, timer: setInterval(() => (status.textContent = `recording ${rec.seconds.toFixed(1)} s (16 kHz mono); click Stop to send`), 200) };
      mic.dataset.recording = 'true';
      mic.textContent = 'Stop and send';
      status.dataset.state = 'recording';
      status.textContent = 'recording…';
    } catch (e) {
      status.dataset.state = 'failed';
      status.textContent = `The microphone is not available: ${e.message}`;
    }
  };

  q('.calendar').onsubmit = (e) => {
    e.preventDefault();
    const when = (sel) => (q(sel).value ? new Date(q(sel).value).toISOString() : undefined);
    const fields = { kind: 'calendar', title: q('.cal-title').value, start: when('.cal-start'), end: when('.cal-end') };
    if (q('.cal-location').value.trim()) fields.location = q('.cal-location').value.trim();
    void send({ type: 'input', user_id, ...fields });
  };
  q('.connection').onclick = () => {
    const wifi = { connected: q('.wifi-on').checked };
    if (q('.wifi-ssid').value.trim()) wifi.ssid = q('.wifi-ssid').value.trim();
    void send({ type: 'input', user_id, kind: 'connection', connected: q('.glasses-connected').checked, wifi });
  };

  q('.webview-open').onclick = async () => {
    const r = await send({ type: 'webview_open', user_id });
    if (!r) return;
    const frame = q('.webview-frame');
    frame.hidden = false;
    frame.src = r.url;
    const link = q('.webview-link');
    link.hidden = false;
    link.href = r.url;
    q('.webview-close').hidden = false;
  };
  q('.webview-close').onclick = () => {
    const frame = q('.webview-frame');
    frame.src = 'about:blank';
    frame.hidden = true;
    q('.webview-close').hidden = true;
    q('.webview-link').hidden = true;
  };
}
