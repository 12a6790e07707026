/**
 * What the facade modules show from incoming messages, kept per session as one plain record so a module
 * can be created on first use and still see everything that arrived before (no closures or observables
 * per session). The core session updates it from its own dispatch, before the message listeners run.
 */
import type { CloudFrame } from '../protocol/frames';
import { StreamType } from '../protocol/enums';

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
}

export function newModuleState(): ModuleState {
  return { device: {}, glassesConnection: undefined, dashboardMode: 'none', dashboardAlwaysOn: undefined };
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
    if (v === undefined) continue;
    if (v === null ? !NOT_NULLABLE.has(key) : typeof v === FIELD_TYPES[key]) out[key] = v;
  }
}

/** Updates `state` from one inbound message (canonical type); true when the type is one the record keeps. */
export function recordModuleState(state: ModuleState, type: string, msg: CloudFrame): boolean {
  switch (type) {
    case 'device_state_update': {
      const s = msg.state;
      if (s && typeof s === 'object' && !Array.isArray(s)) mergeDeviceFields(state.device, s as Record<string, unknown>);
      break;
    }
    case 'data_stream':
      if (msg.streamType === StreamType.GLASSES_CONNECTION_STATE && msg.data && typeof msg.data === 'object') state.glassesConnection = msg.data;
      return false;
    case 'dashboard_mode_changed':
      if (msg.mode === 'main' || msg.mode === 'expanded' || msg.mode === 'none') state.dashboardMode = msg.mode;
      break;
    case 'dashboard_always_on_changed':
      if (typeof msg.enabled === 'boolean') state.dashboardAlwaysOn = msg.enabled;
      break;
    default:
      return false;
  }
  return true;
}
