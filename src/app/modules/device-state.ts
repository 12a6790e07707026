/**
 * `session.device.state`: the glasses' state as observables, fed by `device_state_update` (no subscription
 * needed). Read `.value`, or `onChange(cb)` to follow a field. An observable is an object, so test
 * `state.wifiConnected.value`, not `state.wifiConnected`.
 */
import { toError } from '../../core/errors';
import { Observable } from '../../core/observable';
import type { CoreSession } from '../../core/session/session';
import type { DeviceStateUpdate, GlassesInfo } from '../../protocol/module-messages';
import { type SessionLike, resolveCore } from '../core-of';

type Nullable<K extends keyof GlassesInfo> = NonNullable<GlassesInfo[K]> | null;

export class DeviceState {
  readonly wifiConnected: Observable<boolean>;
  readonly wifiSsid: Observable<string | null>;
  readonly wifiLocalIp: Observable<string | null>;
  readonly batteryLevel: Observable<number | null>;
  readonly charging: Observable<boolean | null>;
  readonly caseBatteryLevel: Observable<number | null>;
  readonly caseCharging: Observable<boolean | null>;
  readonly caseOpen: Observable<boolean | null>;
  readonly caseRemoved: Observable<boolean | null>;
  readonly hotspotEnabled: Observable<boolean | null>;
  readonly hotspotSsid: Observable<string | null>;
  readonly connected: Observable<boolean>;
  readonly modelName: Observable<string | null>;

  /**
   * Built by `session.device`; the published `new DeviceState(session)` is accepted. Without a session, the
   * observables hold their initial values and a throwing listener is only isolated.
   */
  constructor(session?: CoreSession | SessionLike) {
    const core = session === undefined ? undefined : resolveCore(session, 'DeviceState');
    const onError = core ? (e: unknown) => core.reportError(toError(e)) : undefined;
    const obs = <T>(initial: T) => new Observable<T>(initial, onError);
    this.wifiConnected = obs(false);
    this.wifiSsid = obs<Nullable<'wifiSsid'>>(null);
    this.wifiLocalIp = obs<Nullable<'wifiLocalIp'>>(null);
    this.batteryLevel = obs<Nullable<'batteryLevel'>>(null);
    this.charging = obs<Nullable<'charging'>>(null);
    this.caseBatteryLevel = obs<Nullable<'caseBatteryLevel'>>(null);
    this.caseCharging = obs<Nullable<'caseCharging'>>(null);
    this.caseOpen = obs<Nullable<'caseOpen'>>(null);
    this.caseRemoved = obs<Nullable<'caseRemoved'>>(null);
    this.hotspotEnabled = obs<Nullable<'hotspotEnabled'>>(null);
    this.hotspotSsid = obs<Nullable<'hotspotSsid'>>(null);
    this.connected = obs(false);
    this.modelName = obs<string | null>(null);
    // Created on first use: start from what the session has recorded so far, as if created at start.
    if (core) this.updateFromMessage(core.moduleState.device as Partial<GlassesInfo>);
    core?.onMessage('device_state_update', (m: DeviceStateUpdate) => {
      if (m.state && typeof m.state === 'object' && !Array.isArray(m.state)) this.updateFromMessage(m.state);
    });
  }

  /** Applies the fields present in `state` (absent fields keep their value). */
  updateFromMessage(state: Partial<GlassesInfo>): void {
    const set = <T>(o: Observable<T>, v: unknown, ok: (x: unknown) => boolean) => {
      if (v !== undefined && (v === null || ok(v))) o.setValue((v ?? null) as T);
    };
    const bool = (x: unknown) => typeof x === 'boolean';
    const num = (x: unknown) => typeof x === 'number';
    const str = (x: unknown) => typeof x === 'string';
    if (typeof state.connected === 'boolean') this.connected.setValue(state.connected);
    set(this.modelName, state.modelName, str);
    if (typeof state.wifiConnected === 'boolean') this.wifiConnected.setValue(state.wifiConnected);
    set(this.wifiSsid, state.wifiSsid, str);
    set(this.wifiLocalIp, state.wifiLocalIp, str);
    set(this.batteryLevel, state.batteryLevel, num);
    set(this.charging, state.charging, bool);
    set(this.caseBatteryLevel, state.caseBatteryLevel, num);
    set(this.caseCharging, state.caseCharging, bool);
    set(this.caseOpen, state.caseOpen, bool);
    set(this.caseRemoved, state.caseRemoved, bool);
    set(this.hotspotEnabled, state.hotspotEnabled, bool);
    set(this.hotspotSsid, state.hotspotSsid, str);
  }

  /** The current values as a plain object (unknown ones omitted). */
  getSnapshot(): Partial<GlassesInfo> {
    const out: Record<string, unknown> = {
      connected: this.connected.value,
      modelName: this.modelName.value ?? undefined,
      wifiConnected: this.wifiConnected.value,
      wifiSsid: this.wifiSsid.value ?? undefined,
      wifiLocalIp: this.wifiLocalIp.value ?? undefined,
      batteryLevel: this.batteryLevel.value ?? undefined,
      charging: this.charging.value ?? undefined,
      caseBatteryLevel: this.caseBatteryLevel.value ?? undefined,
      caseCharging: this.caseCharging.value ?? undefined,
      caseOpen: this.caseOpen.value ?? undefined,
      caseRemoved: this.caseRemoved.value ?? undefined,
      hotspotEnabled: this.hotspotEnabled.value ?? undefined,
      hotspotSsid: this.hotspotSsid.value ?? undefined,
    };
    for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
    return out as Partial<GlassesInfo>;
  }
}
