/**
 * The glasses' connection and WiFi as the session sees them: the last `glasses_connection_state`
 * (recorded by the core session whether or not the app listens), falling back to `device_state_update`.
 * Holds no state and registers no listener, so the session creates it on first use.
 */
import { SdkError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import { StreamType } from '../../protocol/enums';
import type { GlassesConnectionState } from '../../protocol/messages';
import type { Capabilities } from '../../protocol/module-messages';
import type { DeviceState } from './device-state';

/** The glasses' WiFi status. */
export interface WifiStatus {
  /** Whether the glasses are on WiFi. */
  connected: boolean;
  /** The network's name. */
  ssid?: string | null;
}

export class WifiHelper {
  constructor(private readonly core: CoreSession) {}

  /**
   * null when the glasses have no WiFi or have not reported it yet. `device` is the session's device state
   * when the app has created it (it may hold values set by the app); otherwise the recorded fields serve.
   */
  getWifiStatus(device?: DeviceState): WifiStatus | null {
    if (!(this.core.capabilities as Partial<Capabilities> | null)?.hasWifi) return null;
    const wifi = (this.core.moduleState.glassesConnection as GlassesConnectionState | undefined)?.wifi;
    if (wifi && typeof wifi.connected === 'boolean') return { connected: wifi.connected, ssid: wifi.ssid ?? null };
    if (device) return device.wifiConnected.isKnown ? { connected: device.wifiConnected.value, ssid: device.wifiSsid.value } : null;
    const recorded = this.core.moduleState.device;
    return recorded.wifiConnected === undefined ? null : { connected: recorded.wifiConnected, ssid: recorded.wifiSsid ?? null };
  }

  isWifiConnected(device?: DeviceState): boolean {
    return this.getWifiStatus(device)?.connected === true;
  }

  /** Asks the phone to show the WiFi set-up screen for the glasses. */
  requestWifiSetup(reason?: string): void {
    if (this.core.state === 'closed') throw new SdkError('session_closed', 'Cannot request WiFi set-up: the session has ended');
    this.core.send({ type: 'request_wifi_setup', packageName: this.core.packageName, sessionId: this.core.sessionId, reason });
  }

  onGlassesConnectionState(handler: (state: GlassesConnectionState) => void): () => void {
    return this.core.addHandler(StreamType.GLASSES_CONNECTION_STATE, handler);
  }
}
