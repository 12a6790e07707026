/**
 * The one parse step for text frames from the cloud: JSON, the shape every frame shares (an object with a
 * string `type`), the canonical name of its type, and the fields the engine relies on, with every dialect
 * difference normalised from the table in `protocol/dialects.ts`:
 *
 * - `tpa_*` / `app_*` app-to-app names: the frame's `type` is the canonical `app_*` name;
 * - the ack's settings snapshot (`augmentosSettings` / `mentraosSettings`): `systemSettings`;
 * - base vs exact `streamType` in `data_stream`: `streamForm` says which one the frame carries (handlers
 *   are found from the base form by rebuilding the key from `data`, see `streams.ts`).
 *
 * A frame that cannot be used is a typed rejection with a reason (the connection logs and drops it); the
 * parse never throws. Inbound, every generation's naming is understood whatever the dialect; the dialect
 * only says which spelling is tried first.
 */
import { ackSystemSettings, canonicalMessageType, type Dialect } from '../../protocol/dialects';
import type {
  AppConnectionAck,
  AppConnectionError,
  SettingRecord,
  AppSettingsUpdate,
  AppStopped,
  BaseMessage,
  CloudToAppMessage,
  DataStream,
  MentraosSettingsUpdate,
} from '../../protocol/messages';
import type { CapabilitiesUpdate } from '../../protocol/module-messages';
import { validStreamData } from './validate';

/** A message as received: the fields its type declares, and whatever else the cloud sent. */
export type Received<M extends BaseMessage = BaseMessage> = M & { readonly [field: string]: unknown };

type Obj = Record<string, unknown>;

/** A frame from the cloud in canonical form, discriminated by `kind`; `message` is the frame as received. */
export type CloudFrame =
  | {
      kind: 'ack';
      type: 'tpa_connection_ack';
      message: Received<AppConnectionAck>;
      settings?: SettingRecord[];
      /** The system settings snapshot, whichever key the cloud generation used. */
      systemSettings?: Obj;
      capabilities?: Obj;
    }
  | { kind: 'refused'; type: AppConnectionError['type']; message: Received<AppConnectionError>; code: string; text?: string }
  | { kind: 'data_stream'; type: 'data_stream'; message: Received<DataStream>; streamType: string; data: Obj; streamForm: 'base' | 'exact' }
  | { kind: 'audio_chunk'; type: 'audio_chunk'; message: Received }
  | { kind: 'settings_update'; type: 'settings_update'; message: Received<AppSettingsUpdate>; settings: SettingRecord[] }
  | { kind: 'system_settings_update'; type: 'augmentos_settings_update'; message: Received<MentraosSettingsUpdate>; settings?: Obj }
  | { kind: 'capabilities_update'; type: 'capabilities_update'; message: Received<CapabilitiesUpdate>; capabilities: Obj | null }
  | { kind: 'app_stopped'; type: 'app_stopped'; message: Received<AppStopped>; reason: string }
  /** Every other type (module responses, app-to-app messages, ...): checked by the module that handles it. */
  | { kind: 'other'; type: string; message: Received<CloudToAppMessage | BaseMessage> };

export type ParsedCloudFrame = { ok: true; frame: CloudFrame } | { ok: false; reason: string };

// The hot path (`readCloudFrame`) wraps nothing: a frame is returned as it is, a rejection as its reason.
const reject = (reason: string): string => reason;
const accept = (frame: CloudFrame): CloudFrame => frame;

function isObj(v: unknown): v is Obj {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Parses one text frame from the cloud spoken in `dialect` (any generation when omitted). Never throws. */
export function parseCloudFrame(text: string, dialect?: Readonly<Dialect>): ParsedCloudFrame {
  const read = readCloudFrame(text, dialect);
  return typeof read === 'string' ? { ok: false, reason: read } : { ok: true, frame: read };
}

/** `parseCloudFrame` without the result object (one object fewer per frame): the frame, or why it was rejected. */
export function readCloudFrame(text: string, dialect?: Readonly<Dialect>): CloudFrame | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return reject('it is not valid JSON');
  }
  if (!isObj(raw) || typeof raw.type !== 'string') return reject('it is not an object with a string "type"');
  const m = raw as Obj & { type: string };
  const type = canonicalMessageType(m.type);
  switch (type) {
    case 'tpa_connection_ack': {
      // An ack is never dropped (the handshake waits for it): fields of the wrong type are ignored.
      const systemSettings = ackSystemSettings(m, dialect);
      return accept({
        kind: 'ack',
        type,
        message: m as Received<AppConnectionAck>,
        ...(Array.isArray(m.settings) ? { settings: m.settings as SettingRecord[] } : {}),
        ...(systemSettings ? { systemSettings } : {}),
        ...(isObj(m.capabilities) ? { capabilities: m.capabilities } : {}),
      });
    }
    case 'tpa_connection_error':
    case 'connection_error':
      return accept({
        kind: 'refused',
        type,
        message: m as Received<AppConnectionError>,
        code: typeof m.code === 'string' ? m.code : 'UNKNOWN',
        ...(typeof m.message === 'string' ? { text: m.message } : {}),
      });
    case 'data_stream': {
      const { streamType, data } = m;
      if (typeof streamType !== 'string' || !validStreamData(streamType, data)) {
        return reject('data_stream has a missing or malformed streamType or data');
      }
      return accept({
        kind: 'data_stream',
        type,
        message: m as Received<DataStream>,
        streamType,
        data: data as Obj,
        streamForm: streamType.includes(':') ? 'exact' : 'base',
      });
    }
    case 'audio_chunk':
      return accept({ kind: 'audio_chunk', type, message: m as Received });
    case 'settings_update':
      if (!Array.isArray(m.settings)) return reject('settings_update without a settings array');
      return accept({ kind: 'settings_update', type, message: m as Received<AppSettingsUpdate>, settings: m.settings as SettingRecord[] });
    case 'augmentos_settings_update':
      // Settings that are not an object change nothing (the message still reaches its listeners).
      return accept({
        kind: 'system_settings_update',
        type,
        message: m as Received<MentraosSettingsUpdate>,
        ...(isObj(m.settings) ? { settings: m.settings } : {}),
      });
    case 'capabilities_update':
      return accept({
        kind: 'capabilities_update',
        type,
        message: m as Received<CapabilitiesUpdate>,
        capabilities: isObj(m.capabilities) ? m.capabilities : null,
      });
    case 'app_stopped':
      return accept({
        kind: 'app_stopped',
        type,
        message: m as Received<AppStopped>,
        reason: typeof m.reason === 'string' ? m.reason : 'cloud_closed',
      });
    default:
      return accept({ kind: 'other', type, message: m as Received });
  }
}

/** A copy of `data`'s bytes as an `ArrayBuffer` (binary frames reach handlers as `arrayBuffer`). */
export function toArrayBuffer(data: Uint8Array): ArrayBuffer {
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}
