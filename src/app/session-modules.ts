/**
 * The modules of an `AppSession`, each created on first access (less memory and CPU per session start).
 * What a module shows from messages that arrived before it existed (device state, WiFi, dashboard mode,
 * stream status) is kept by the core session in one plain record (`moduleState`), and pending photos by the
 * engine, so a late module sees the same state as one created at start.
 */
import type { CoreSession } from '../core/session/session';
import { AppConfigHelper } from './modules/app-config';
import { AudioManager } from './modules/audio';
import { CameraModule } from './modules/camera';
import { DashboardManager, systemDashboardPackage } from './modules/dashboard';
import { DeviceState } from './modules/device-state';
import { LedModule } from './modules/led';
import { LocationManager } from './modules/location';
import { SimpleStorage } from './modules/simple-storage';
import { WifiHelper } from './modules/wifi';

const cores = new WeakMap<object, CoreSession>();

/** The core session behind a facade session (for the SDK's own modules). */
export function coreOf(session: object): CoreSession {
  const core = cores.get(session);
  if (!core) throw new TypeError('Not a session created by the SDK');
  return core;
}

export class SessionModules {
  private _audio: AudioManager | undefined;
  private _led: LedModule | undefined;
  private _location: LocationManager | undefined;
  private _storage: SimpleStorage | undefined;
  private _appConfig: AppConfigHelper | undefined;
  private _camera: CameraModule | undefined;
  private _dashboard: DashboardManager | undefined;
  private _device: { readonly state: DeviceState } | undefined;
  private _wifi: WifiHelper | undefined;
  /** Whether this package gets `dashboard.system` (decided when the session starts, as before). */
  private readonly systemDashboard: boolean;

  constructor(core: CoreSession) {
    cores.set(this, core);
    this.systemDashboard = core.packageName === systemDashboardPackage();
  }

  /** `session.audio`: play audio and speak text on the glasses. */
  get audio(): AudioManager {
    return (this._audio ??= new AudioManager(coreOf(this)));
  }

  /** `session.led`: the glasses' LEDs. */
  get led(): LedModule {
    return (this._led ??= new LedModule(coreOf(this)));
  }

  /** `session.location`: location streams and one-off fixes. */
  get location(): LocationManager {
    return (this._location ??= new LocationManager(coreOf(this)));
  }

  /** `session.simpleStorage`: a small key-value store kept by the cloud for this app and user. */
  get simpleStorage(): SimpleStorage {
    return (this._storage ??= new SimpleStorage(coreOf(this)));
  }

  /** `session.camera`: photos and streams. */
  get camera(): CameraModule {
    return (this._camera ??= new CameraModule(coreOf(this)));
  }

  /** `session.dashboard`: the app's content on the dashboard. */
  get dashboard(): DashboardManager {
    return (this._dashboard ??= new DashboardManager(coreOf(this), this.systemDashboard));
  }

  /** `session.device.state`: what the glasses report about themselves, as observables. */
  get device(): { readonly state: DeviceState } {
    return (this._device ??= { state: new DeviceState(coreOf(this)) });
  }

  /** The device state if the app has created it (it may hold values the app set), else undefined. */
  protected get deviceStateIfCreated(): DeviceState | undefined {
    return this._device?.state;
  }

  /** The WiFi helper behind the WiFi shortcuts. */
  protected get wifi(): WifiHelper {
    return (this._wifi ??= new WifiHelper(coreOf(this)));
  }

  /** The `app_config.json` helper behind `loadConfigFromJson` and the settings schema. */
  protected get appConfig(): AppConfigHelper {
    return (this._appConfig ??= new AppConfigHelper(coreOf(this)));
  }
}
