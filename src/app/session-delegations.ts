/**
 * Session-level members that hand straight to one of the session's internal parts: the glasses' WiFi
 * (`getWifiStatus`, ...) and the app's `app_config.json` (`loadConfigFromJson`, ...). One table, installed
 * on `AppSession.prototype` by `installDelegations` and declared by `SessionDelegations`.
 */
import type { AppSetting } from '../protocol/messages';
import type { AppConfig } from '../protocol/models';
import type { Handler, Unsubscribe } from './events';
import type { WifiStatus } from './modules/wifi';
import { type SessionParts, partIfCreated } from './session-parts';

/** The session's WiFi and `app_config.json` members (installed on `AppSession.prototype`). */
export interface SessionDelegations {
  /** The glasses' WiFi state (from the last `glasses_connection_state`), or null when they have no WiFi or it is unknown. */
  getWifiStatus(): WifiStatus | null;
  /** True when the glasses report a WiFi connection. */
  isWifiConnected(): boolean;
  /** Asks the phone to show the glasses' WiFi setup to the user. */
  requestWifiSetup(reason?: string): void;
  /** Every `glasses_connection_state` update. */
  onGlassesConnectionState(handler: Handler<any>): Unsubscribe;
  /** Parses and keeps the app's `app_config.json`; throws `SdkError('invalid_config')` when it is not valid. */
  loadConfigFromJson(json: string): AppConfig;
  /** The config loaded by `loadConfigFromJson`, or null. */
  getConfig(): AppConfig | null;
  /** The settings of the loaded config, with their default values. */
  getDefaultSettings(): AppSetting[];
  /** One setting's declaration in the loaded config. */
  getSettingSchema(key: string): AppSetting | undefined;
}

type Host = Pick<SessionParts, 'wifi' | 'appConfig'>;
type Delegation<K extends keyof SessionDelegations> = (this: Host, ...args: Parameters<SessionDelegations[K]>) => ReturnType<SessionDelegations[K]>;

const DELEGATIONS: { [K in keyof SessionDelegations]: Delegation<K> } = {
  getWifiStatus() {
    return this.wifi.getWifiStatus(partIfCreated(this, 'device')?.state);
  },
  isWifiConnected() {
    return this.wifi.isWifiConnected(partIfCreated(this, 'device')?.state);
  },
  requestWifiSetup(reason) {
    this.wifi.requestWifiSetup(reason);
  },
  onGlassesConnectionState(handler) {
    return this.wifi.onGlassesConnectionState(handler);
  },
  loadConfigFromJson(json) {
    return this.appConfig.load(json);
  },
  getConfig() {
    return this.appConfig.get();
  },
  getDefaultSettings() {
    return this.appConfig.defaults();
  },
  getSettingSchema(key) {
    return this.appConfig.schema(key);
  },
};

/** Installs the table's members on a session class's prototype. */
export function installDelegations(proto: object): void {
  for (const [name, method] of Object.entries(DELEGATIONS)) Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
}
