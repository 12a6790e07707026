/**
 * What the facade modules show from incoming messages, kept per session as one plain record so a module
 * can be created on first use and still see everything that arrived before (no closures or observables
 * per session). The core session updates it from its own dispatch, before the message listeners run.
 */
import type { Received } from '../session/frames';
import { StreamType } from '../../protocol/enums';
import type { ManagedStreamStatus, PhotoResponse, RtmpStreamStatus, StreamStatusCheckResponse } from '../../protocol/module-messages';
import { applyManagedStatus, applyRtmpStatus, answerStreamCheck, type CameraState, newCameraState, settlePhotoResponse } from './camera-state';
import type { PendingRequests } from '../session/requests';
import { answerTelemetryRequest, type TelemetrySource } from '../session/telemetry-upload';

/** The device fields `session.device.state` follows, each present once a valid value has arrived. */
export interface DeviceFields {
  connected?: boolean;
  modelName?: string | null;
  wifiConnected?: boolean;
  wifiSsid?: string | null;
  wifiLocalIp?: string | null;
  batteryLevel?: number | null;
  charging?: boolean | null;
  caseBatteryLevel?: number | null;
  caseCharging?: boolean | null;
  caseOpen?: boolean | null;
  caseRemoved?: boolean | null;
  hotspotEnabled?: boolean | null;
  hotspotSsid?: string | null;
}

export interface ModuleState {
  /** Merged `device_state_update` fields (only values of the right type; `null` clears where allowed). */
  device: DeviceFields;
  /** The last `glasses_connection_state` data (an object), cached whether or not the app listens. */
  glassesConnection: unknown;
  /** The dashboard mode last reported by the cloud. */
  dashboardMode: 'main' | 'expanded' | 'none';
  /** The always-on dashboard flag, once the cloud reported it. */
  dashboardAlwaysOn: boolean | undefined;
  /** Stream state of the camera, created with the first stream status or the first use of the camera. */
  camera: CameraState | undefined;
}

/** What the record's updates need from the core session (kept structural: no import of the session). */
export interface ModuleStateHost extends TelemetrySource {
  readonly moduleState: ModuleState;
  readonly sessionId: string;
  readonly requests: PendingRequests;
  readonly sharedRequests: PendingRequests;
  dispatch(streamType: string, data: unknown): void;
}

export function cameraState(state: ModuleState): CameraState {
  return (state.camera ??= newCameraState());
}

export function newModuleState(): ModuleState {
  return { device: {}, glassesConnection: undefined, dashboardMode: 'none', dashboardAlwaysOn: undefined, camera: undefined };
}

const FIELD_TYPES: Record<keyof DeviceFields, 'boolean' | 'number' | 'string'> = {
  connected: 'boolean',
  modelName: 'string',
  wifiConnected: 'boolean',
  wifiSsid: 'string',
  wifiLocalIp: 'string',
  batteryLevel: 'number',
  charging: 'boolean',
  caseBatteryLevel: 'number',
  caseCharging: 'boolean',
  caseOpen: 'boolean',
  caseRemoved: 'boolean',
  hotspotEnabled: 'boolean',
  hotspotSsid: 'string',
};
/** These two never become null (their observables start at `false`). */
const NOT_NULLABLE = new Set(['connected', 'wifiConnected']);

/** Copies the valid fields of `state` into `target` (the rule `DeviceState.updateFromMessage` applies). */
export function mergeDeviceFields(target: DeviceFields, state: Record<string, unknown>): void {
  const out = target as Record<string, unknown>;
  for (const key of Object.keys(FIELD_TYPES) as Array<keyof DeviceFields>) {
    const v = state[key];
    // (a missing field is undefined, which is neither null nor of a field's type)
    if (v === null ? !NOT_NULLABLE.has(key) : typeof v === FIELD_TYPES[key]) out[key] = v;
  }
}

/** Updates the record from one inbound message (canonical type); true when the type is one it handles (data streams included). */
export function recordModuleState(host: ModuleStateHost, type: string, msg: Received): boolean {
  // `host.moduleState` is read only for the messages it keeps: the session creates the record on first use.
  switch (type) {
    case 'device_state_update': {
      const s = msg.state;
      // text, a number or a list has none of the fields: only null and a missing state cannot be read
      if (s !== null && s !== undefined) mergeDeviceFields(host.moduleState.device, s as Record<string, unknown>);
      break;
    }
    case 'data_stream':
      // (every data_stream's data was checked to be an object at the boundary, see frames.ts)
      if (msg.streamType === StreamType.GLASSES_CONNECTION_STATE) host.moduleState.glassesConnection = msg.data;
      break;
    case 'dashboard_mode_changed':
      if (msg.mode === 'main' || msg.mode === 'expanded' || msg.mode === 'none') host.moduleState.dashboardMode = msg.mode;
      break;
    case 'dashboard_always_on_changed':
      if (typeof msg.enabled === 'boolean') host.moduleState.dashboardAlwaysOn = msg.enabled;
      break;
    case 'photo_response':
      settlePhotoResponse(host.sharedRequests, host.sessionId, msg as unknown as PhotoResponse);
      break;
    case 'rtmp_stream_status':
      if (applyRtmpStatus(cameraState(host.moduleState), msg as unknown as RtmpStreamStatus)) host.dispatch(StreamType.RTMP_STREAM_STATUS, msg);
      break;
    case 'managed_stream_status':
      if (applyManagedStatus(cameraState(host.moduleState), msg as unknown as ManagedStreamStatus, host.requests))
        host.dispatch(StreamType.MANAGED_STREAM_STATUS, msg);
      break;
    case 'stream_status_check_response':
      answerStreamCheck(host.requests, msg as unknown as StreamStatusCheckResponse);
      break;
    case 'request_telemetry':
      void answerTelemetryRequest(host, msg);
      break;
    case 'pong':
      // The answer to the app-level ping (3.0.0-hono): nothing to do.
      break;
    default:
      return false;
  }
  return true;
}
