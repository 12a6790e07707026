/**
 * What the app asks of the wearer's glasses and phone, answered as simulated hardware would: photos
 * (pending until a controller answers, or at once with the test image under `auto_photo`), audio play and
 * speak requests, the LED, RTMP and managed streams (with simulated statuses), the dashboard and the WiFi
 * setup. Each request becomes an event for controllers.
 */
import { ControlError, applyGlassesEvent, type ControlEvent, type PhotoAnswerInput } from '../protocol/control';
import type { DevUser, EventBody } from './dev-state';
import { decodeBase64, testPhoto } from './media';

export interface GlassesHost {
  emit(body: EventBody): ControlEvent;
  log(line: string): void;
  readonly autoPhoto: boolean;
  /** The local cloud's HTTP base, e.g. http://127.0.0.1:45303. */
  readonly cloudHttp: string;
}

let streamNo = 0;

/** Emits an event for a wearer and applies it to the wearer's glasses state. */
function glassesEvent(host: GlassesHost, user: DevUser, body: EventBody): void {
  const e = host.emit(body);
  user.glasses = applyGlassesEvent(user.glasses, e);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const numOr = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Handles one app->cloud message aimed at the glasses; returns false for other messages. */
export function onGlassesRequest(host: GlassesHost, user: DevUser, msg: Record<string, unknown>): boolean {
  const sim = user.sim;
  const reply = (m: Record<string, unknown>) => void sim?.sendMessage({ ...m, timestamp: new Date().toISOString() }).catch(() => {});
  const u = user.userId;
  switch (msg.type) {
    case 'photo_request': {
      const id = str(msg.requestId);
      if (!id) return true;
      glassesEvent(host, user, {
        type: 'photo_request',
        user_id: u,
        photo_request_id: id,
        save_to_gallery: msg.saveToGallery === true,
        state: 'pending',
        requested_at: Date.now(),
        ...(str(msg.size) ? { size: str(msg.size) } : {}),
      });
      if (host.autoPhoto) {
        void answerPhoto(host, user, id, { image_base64: testPhoto().toString('base64'), mime_type: 'image/png' }).catch((e) =>
          host.log(`Answering photo ${id} of ${u}: ${(e as Error).message}`),
        );
      }
      return true;
    }
    case 'audio_play_request': {
      const url = str(msg.audioUrl);
      let text: string | undefined;
      try {
        if (url && new URL(url).pathname.endsWith('/api/tts')) text = new URL(url).searchParams.get('text') ?? undefined;
      } catch {
        /* not a URL: played as given */
      }
      glassesEvent(host, user, {
        type: 'audio_request',
        user_id: u,
        kind: text === undefined ? 'play' : 'speak',
        ...(str(msg.requestId) ? { app_request_id: str(msg.requestId) } : {}),
        ...(url ? { audio_url: url } : {}),
        ...(text === undefined ? {} : { text }),
        ...(numOr(msg.volume) === undefined ? {} : { volume: numOr(msg.volume) }),
        ...(numOr(msg.trackId) === undefined ? {} : { track_id: numOr(msg.trackId) }),
      });
      if (str(msg.requestId)) reply({ type: 'audio_play_response', requestId: msg.requestId, success: true, duration: 1 });
      return true;
    }
    case 'audio_stop_request':
      glassesEvent(host, user, {
        type: 'audio_request',
        user_id: u,
        kind: 'stop',
        ...(numOr(msg.trackId) === undefined ? {} : { track_id: numOr(msg.trackId) }),
      });
      return true;
    case 'rgb_led_control':
      glassesEvent(host, user, {
        type: 'led',
        user_id: u,
        action: str(msg.action) ?? 'on',
        ...(str(msg.requestId) ? { app_request_id: str(msg.requestId) } : {}),
        ...(str(msg.color) ? { color: str(msg.color) } : {}),
        ...(numOr(msg.ontime) === undefined ? {} : { ontime: numOr(msg.ontime) }),
        ...(numOr(msg.offtime) === undefined ? {} : { offtime: numOr(msg.offtime) }),
        ...(numOr(msg.count) === undefined ? {} : { count: numOr(msg.count) }),
      });
      if (str(msg.requestId)) reply({ type: 'rgb_led_control_response', requestId: msg.requestId, success: true });
      return true;
    case 'rtmp_stream_request': {
      const id = `sim-rtmp-${++streamNo}`;
      const rtmp = str(msg.rtmpUrl);
      reply({ type: 'rtmp_stream_status', streamId: id, status: 'initializing' });
      reply({ type: 'rtmp_stream_status', streamId: id, status: 'active', stats: { bitrate: 1_500_000, fps: 30, droppedFrames: 0, duration: 0 } });
      glassesEvent(host, user, {
        type: 'stream_request',
        user_id: u,
        kind: 'rtmp',
        action: 'start',
        status: 'active',
        stream_id: id,
        ...(rtmp ? { rtmp_url: rtmp } : {}),
      });
      return true;
    }
    case 'rtmp_stream_stop': {
      const id = user.glasses.streams.rtmp?.stream_id ?? str(msg.streamId);
      reply({ type: 'rtmp_stream_status', streamId: id, status: 'stopped' });
      glassesEvent(host, user, { type: 'stream_request', user_id: u, kind: 'rtmp', action: 'stop', status: 'stopped', ...(id ? { stream_id: id } : {}) });
      return true;
    }
    case 'managed_stream_request': {
      const id = `sim-stream-${++streamNo}`;
      const urls = {
        hlsUrl: `${host.cloudHttp}/streams/${id}.m3u8`,
        dashUrl: `${host.cloudHttp}/streams/${id}.mpd`,
        previewUrl: `${host.cloudHttp}/streams/${id}/preview`,
      };
      reply({ type: 'managed_stream_status', streamId: id, status: 'initializing' });
      reply({ type: 'managed_stream_status', streamId: id, status: 'active', ...urls });
      glassesEvent(host, user, { type: 'stream_request', user_id: u, kind: 'managed', action: 'start', status: 'active', stream_id: id, urls });
      return true;
    }
    case 'managed_stream_stop': {
      const id = user.glasses.streams.managed?.stream_id;
      reply({ type: 'managed_stream_status', streamId: id, status: 'stopped' });
      glassesEvent(host, user, { type: 'stream_request', user_id: u, kind: 'managed', action: 'stop', status: 'stopped', ...(id ? { stream_id: id } : {}) });
      return true;
    }
    case 'stream_status_check': {
      const m = user.glasses.streams.managed;
      const active = m && m.status === 'active';
      reply({
        type: 'stream_status_check_response',
        hasActiveStream: !!active,
        ...(active ? { streamInfo: { streamId: m!.stream_id, status: 'active', type: 'managed', ...m!.urls } } : {}),
      });
      return true;
    }
    case 'dashboard_content_update':
      glassesEvent(host, user, { type: 'dashboard', user_id: u, mode: user.glasses.dashboard.mode, content: msg.content ?? null });
      return true;
    case 'dashboard_mode_change': {
      const mode = str(msg.mode) ?? 'main';
      glassesEvent(host, user, { type: 'dashboard', user_id: u, mode, content: user.glasses.dashboard.content });
      reply({ type: 'dashboard_mode_changed', mode });
      return true;
    }
    case 'request_wifi_setup':
      host.emit({ type: 'wifi_request', user_id: u, ...(str(msg.reason) ? { reason: str(msg.reason) } : {}) });
      return true;
    default:
      return false;
  }
}

/** Delivers a photo (or a failure) for a pending request the way the cloud's dialect does. */
export async function answerPhoto(
  host: GlassesHost,
  user: DevUser,
  requestId: string,
  answer: PhotoAnswerInput,
): Promise<{ delivery: 'http-upload' | 'websocket'; app_status?: number }> {
  const sim = user.sim;
  if (!user.glasses.photo_requests.some((p) => p.photo_request_id === requestId)) {
    const pending = user.glasses.photo_requests.map((p) => p.photo_request_id);
    throw new ControlError(
      'unknown_request',
      `No pending photo request "${requestId}" for ${user.userId}${pending.length ? ` (pending: ${pending.join(', ')})` : ' (none is pending)'}`,
    );
  }
  if (!sim || user.state !== 'ready') throw new ControlError('not_running', `The app is not connected for ${user.userId} (${user.state})`);
  const delivery = sim.dialectPhotoDelivery;
  let status: number | undefined;
  const failed = 'error' in answer;
  try {
    if (failed) {
      status = (await sim.answerPhoto(requestId, { error: answer.error }))?.status;
    } else {
      const image = decodeBase64(answer.image_base64, 'image_base64');
      const mimeType = answer.mime_type ?? 'image/jpeg';
      const ext = mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'jpg';
      status = (await sim.answerPhoto(requestId, { image, mimeType, filename: `photo.${ext}`, photoUrl: `data:${mimeType};base64,${answer.image_base64}` }))
        ?.status;
    }
  } catch (e) {
    if (e instanceof ControlError) throw e;
    throw new ControlError('app_error', `Could not deliver the photo to the app: ${(e as Error).message}`);
  }
  glassesEvent(host, user, {
    type: 'photo_request',
    user_id: user.userId,
    photo_request_id: requestId,
    save_to_gallery: false,
    state: failed ? 'failed' : 'answered',
  });
  return { delivery, ...(status === undefined ? {} : { app_status: status }) };
}
