/**
 * The wearer's side of audio, the assistant's tools, settings and the webview, as the cloud does them:
 * microphone audio as binary 100 ms chunks between VAD events; `POST /tool` signed with the API-key hash;
 * `settings_update` plus `POST /settings`; a webview URL with a signed user token the app can verify.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ControlError, MAX_STREAM_PCM_BYTES, type ControlEvent, type SettingValue } from '../protocol/control';
import { sha256Hex } from '../core/http/crypto';
import { USER_TOKEN_ISSUER } from '../core/http/webview/tokens';
import type { AudioStreamEvent } from '../testing/audio-relay';

export type { AudioStreamEvent };
import type { SimulatedUser } from '../testing/user';
import { checkSettingValue, settingsWithValues, type DevAppConfig } from './app-config';
import type { DevUser, EventBody } from './dev-state';
import { AUDIO_CHUNK_BYTES, AUDIO_CHUNK_MS, decodeBase64, readWav } from './media';

/** How long a signed webview token is valid. */
export const WEBVIEW_TOKEN_TTL_S = 600;

function connectedSim(user: DevUser): SimulatedUser {
  const sim = user.sim;
  if (user.state !== 'ready' || !sim || !sim.connected) throw new ControlError('not_running', `The app is not connected for ${user.userId} (${user.state})`);
  return sim;
}

const subscribedTo = (sim: SimulatedUser, stream: string) => sim.subscriptions.some((s) => (typeof s === 'string' ? s : s.stream) === stream);

/**
 * Streams a WAV file (16 kHz mono s16le) to the app as the cloud streams the microphone: a VAD `true`, binary
 * frames of 100 ms paced in real time, a VAD `false`. Only to an app subscribed to `audio_chunk`.
 */
export async function feedAudio(user: DevUser, wavBase64: string, opts: { routeWaitMs?: number; signal?: AbortSignal } = {}) {
  const pcm = readWav(decodeBase64(wavBase64, 'wav_base64'));
  const sim = connectedSim(user);
  const chunks = Math.ceil(pcm.length / AUDIO_CHUNK_BYTES);
  const duration_ms = Math.round((pcm.length / 2 / 16_000) * 1000);
  const subscribed = await sim
    .waitFor(() => (subscribedTo(sim, 'audio_chunk') ? true : undefined), opts.routeWaitMs ?? 1000, 'a subscription to audio_chunk')
    .catch(() => false);
  if (!subscribed) return { chunks: 0, bytes: 0, duration_ms, delivered: false };
  const vad = async (status: boolean) => {
    if (subscribedTo(sim, 'VAD')) await sim.emit('VAD', { type: 'VAD', status });
  };
  try {
    await vad(true);
    const started = Date.now();
    for (let i = 0; i < chunks; i++) {
      if (opts.signal?.aborted || !sim.connected) throw new Error('the session ended');
      await sim.sendRaw(pcm.subarray(i * AUDIO_CHUNK_BYTES, (i + 1) * AUDIO_CHUNK_BYTES), {
        type: 'audio_chunk',
        index: i,
        bytes: Math.min(AUDIO_CHUNK_BYTES, pcm.length - i * AUDIO_CHUNK_BYTES),
      });
      const wait = started + (i + 1) * AUDIO_CHUNK_MS - Date.now();
      if (wait > 0 && i < chunks - 1) await new Promise((r) => setTimeout(r, wait));
    }
    await vad(false);
  } catch (e) {
    throw new ControlError('not_running', `The audio stopped: ${(e as Error).message}`);
  }
  return { chunks, bytes: pcm.length, duration_ms, delivered: true };
}

/**
 * One piece of live microphone audio (the page's microphone): a VAD event when `vad` is given (before the
 * audio when true, after it when false), and the PCM as one binary frame. Only to an app subscribed to `audio_chunk`.
 */
export async function streamAudio(user: DevUser, pcmBase64: string | undefined, vad: boolean | undefined) {
  const pcm = pcmBase64 === undefined ? undefined : decodeBase64(pcmBase64, 'pcm_base64');
  if (pcm && (pcm.length > MAX_STREAM_PCM_BYTES || pcm.length % 2 !== 0)) {
    throw new ControlError(
      'invalid_input',
      `"pcm_base64" must hold an even number of bytes, at most ${MAX_STREAM_PCM_BYTES} (one second of 16 kHz mono s16le)`,
    );
  }
  const sim = connectedSim(user);
  if (!subscribedTo(sim, 'audio_chunk')) return { bytes: 0, delivered: false };
  const sendVad = async (status: boolean) => {
    if (subscribedTo(sim, 'VAD')) await sim.emit('VAD', { type: 'VAD', status });
  };
  try {
    if (vad === true) await sendVad(true);
    if (pcm) await sim.sendRaw(pcm, { type: 'audio_chunk', bytes: pcm.length });
    if (vad === false) await sendVad(false);
  } catch (e) {
    throw new ControlError('not_running', `The audio stopped: ${(e as Error).message}`);
  }
  return { bytes: pcm?.length ?? 0, delivered: true };
}

/** The assistant calling a tool: the signed `POST /tool`, and the app's answer. */
export async function callTool(user: DevUser, config: DevAppConfig, toolId: string, parameters: Record<string, unknown>, log: (line: string) => void) {
  const sim = connectedSim(user);
  if (!config.tools.some((t) => t.id === toolId)) {
    log(`tool_call: ${config.source ?? 'the app config'} declares no tool "${toolId}"; sending it anyway`);
  }
  let answer: Awaited<ReturnType<typeof sim.callTool>>;
  try {
    answer = await sim.callTool(toolId, parameters);
  } catch (e) {
    throw new ControlError('app_error', `The tool call could not reach the app: ${(e as Error).message}`);
  }
  const body = answer.body as { reply?: unknown } | null;
  return { app_status: answer.status, reply: body && typeof body === 'object' ? (body.reply ?? null) : null, answer: body };
}

/** The wearer changing a setting: every setting with its value over the socket, then `POST /settings`. */
export async function setSetting(
  user: DevUser,
  config: DevAppConfig,
  key: string,
  value: unknown,
  emit: (body: EventBody) => ControlEvent,
): Promise<{ settings: SettingValue[]; app_status: number }> {
  checkSettingValue(config, key, value);
  const sim = connectedSim(user);
  user.settings = [...user.settings.filter((s) => s.key !== key), { key, value }];
  emit({ type: 'settings', user_id: user.userId, settings: user.settings });
  let status: number;
  try {
    status = (await sim.pushSettings(settingsWithValues(config, user.settings))).status;
  } catch (e) {
    throw new ControlError('app_error', `The settings could not reach the app: ${(e as Error).message}`);
  }
  return { settings: user.settings, app_status: status };
}

/** The key pair the local cloud signs webview user tokens with; the app gets the public half. */
export class WebviewSigner {
  private readonly privateKey: KeyObject;
  readonly publicKeyPem: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** The URL the phone opens for this wearer: the app's webview with a signed user token. */
  url(user: DevUser, config: DevAppConfig, appPort: number): string {
    const sim = user.sim;
    if (!sim?.apiKeyHash)
      throw new ControlError('not_running', `Start ${user.userId} first: the webview token is bound to the app's key, learned when it connects`);
    // The frontend token is `<userId>:sha256hex(userId + sha256hex(apiKey))`: the key's hash is all it needs.
    const frontendToken = `${user.userId}:${sha256Hex(user.userId + sim.apiKeyHash)}`;
    const token = jwt.sign({ sub: user.userId, frontendToken }, this.privateKey, {
      algorithm: 'RS256',
      issuer: USER_TOKEN_ISSUER,
      expiresIn: WEBVIEW_TOKEN_TTL_S,
    });
    let path = config.webviewURL ?? '/webview';
    try {
      if (/^https?:\/\//i.test(path)) path = new URL(path).pathname + new URL(path).search;
    } catch {
      path = '/webview';
    }
    if (!path.startsWith('/')) path = `/${path}`;
    const url = new URL(`http://127.0.0.1:${appPort}${path}`);
    url.searchParams.set('aos_signed_user_token', token);
    return url.toString();
  }
}

/** How long `request_telemetry` waits for the app's upload. */
export const TELEMETRY_WAIT_MS = 10_000;

/** Sends the app `request_telemetry` for `user` and waits for its upload (3.0.0-hono apps answer; others do not). */
export async function requestTelemetry(user: DevUser, windowMs?: number) {
  const sim = connectedSim(user);
  const { incidentId } = await sim.requestTelemetry({ windowMs });
  try {
    const upload = await sim.waitForTelemetry(incidentId, TELEMETRY_WAIT_MS);
    return { incident_id: incidentId, status: upload.status, logs: Array.isArray(upload.body?.logs) ? upload.body.logs : [] };
  } catch {
    throw new ControlError('app_error', `The app did not upload telemetry for ${incidentId} within ${TELEMETRY_WAIT_MS} ms (apps of the 3.0.0-hono line do)`);
  }
}

/** The `audio_output` event for one step of an app's audio output stream. */
export function audioOutputEvent(user: DevUser, e: AudioStreamEvent): EventBody {
  const s = e.stream;
  const state = e.kind === 'start' ? 'started' : e.kind === 'end' ? 'ended' : 'data';
  return { type: 'audio_output', user_id: user.userId, stream_id: s.streamId, content_type: s.contentType, url: s.url, bytes: s.byteCount, state };
}
