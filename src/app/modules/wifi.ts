/**
 * The glasses' connection and WiFi as the session sees them: the last `glasses_connection_state`
 * (cached whether or not the app listens), falling back to `device_state_update`.
 */
import { SdkError } from '../../core/errors';
import type { CoreSession } from '../../core/session';
import { StreamType } from '../../protocol/enums';
import type { GlassesConnectionState } from '../../protocol/messages';
import type { Capabilities } from '../../protocol/module-messages';
import type { DeviceState } from './device-state';

export interface WifiStatus {
  connected: boolean;
  ssid?: string | null;
}

export class WifiHelper {
  private lastState: GlassesConnectionState | undefined;

  constructor(private readonly core: CoreSession, private readonly device: DeviceState) {
    core.onMessage('data_stream', (m: { streamType?: unknown; data?: unknown }) => {
      if (m.streamType === StreamType.GLASSES_CONNECTION_STATE && m.data && typeof m.data === 'object') this.lastState = m.data as GlassesConnectionState;
    });
  }

  /** null when the glasses have no WiFi or have not reported it yet. */
  getWifiStatus(): WifiStatus | null {
    if (!(this.core.capabilities as Partial<Capabilities> | null)?.hasWifi) return null;
    const wifi = this.lastState?.wifi;
    if (wifi && typeof wifi.connected === 'boolean') return { connected: wifi.connected, ssid: wifi.ssid ?? null };
    if (this.device.wifiConnected.isKnown) return { connected: this.device.wifiConnected.value, ssid: this.device.wifiSsid.value };
    return null;
  }

  isWifiConnected(): boolean {
    return this.getWifiStatus()?.connected === true;
  }

  /** Asks the phone to show the WiFi set-up screen for the glasses. */
  requestWifiSetup(reason?: string): void {
    const sent = this.core.send({ type: 'request_wifi_setup', packageName: this.core.packageName, sessionId: this.core.sessionId, reason });
    if (!sent && this.core.state === 'closed') throw new SdkError('session_closed', 'Cannot request WiFi set-up: the session has ended');
  }

  onGlassesConnectionState(handler: (state: GlassesConnectionState) => void): () => void {
    return this.core.addHandler(StreamType.GLASSES_CONNECTION_STATE, handler);
  }
}
