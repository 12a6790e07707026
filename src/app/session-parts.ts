/**
 * The sub-objects of an `AppSession`, declared in one table: each is created the same way, on first
 * access, and then held as the session's own read-only property (a session that never touches a module
 * holds nothing for it: less memory and CPU per session start). What a module shows from messages that
 * arrived before it existed (device state, WiFi, dashboard mode, stream status) is kept by the core session
 * in one plain record (`moduleState`), and pending photos by the engine, so a late module sees the same
 * state as one created at start.
 *
 * To add a module: add a line to `SESSION_PARTS` and a `declare readonly` line to `AppSession`.
 */
import { AppMessaging } from '../core/modules/app-messaging';
import type { CoreSession } from '../core/session/session';
import type { Dialect } from '../protocol/dialects';
import { EventManager } from './events';
import { LayoutManager } from './layouts';
import { AppConfigHelper } from './modules/app-config';
import { AudioManager } from './modules/audio';
import { CameraModule } from './modules/camera';
import { DashboardManager } from './modules/dashboard';
import { DeviceState } from './modules/device-state';
import { LedModule } from './modules/led';
import { LocationManager } from './modules/location';
import { SimpleStorage } from './modules/simple-storage';
import { WifiHelper } from './modules/wifi';
import type { SettingsManager } from './settings';

/** What a part is built from: the core session, the facade's naming and its settings class. */
export interface PartContext {
  readonly core: CoreSession;
  readonly naming: Readonly<Dialect>;
  readonly Settings: new (core: CoreSession, naming: Readonly<Dialect>) => SettingsManager;
}

/** One sub-object: how it is built, and whether it is part of the public API (enumerable). */
interface PartSpec<T> {
  create(ctx: PartContext): T;
  /** Internal helpers are held as non-enumerable properties. */
  internal?: true;
}

function part<T>(create: (ctx: PartContext) => T, internal?: true): PartSpec<T> {
  return internal ? { create, internal } : { create };
}

/** Every sub-object of a session. */
export const SESSION_PARTS = {
  events: part(({ core }) => new EventManager(core)),
  layouts: part(({ core }) => new LayoutManager(core)),
  settings: part(({ core, naming, Settings }) => new Settings(core, naming)),
  dashboard: part(({ core }) => new DashboardManager(core)),
  camera: part(({ core }) => new CameraModule(core)),
  audio: part(({ core }) => new AudioManager(core)),
  led: part(({ core }) => new LedModule(core)),
  location: part(({ core }) => new LocationManager(core)),
  simpleStorage: part(({ core }) => new SimpleStorage(core)),
  device: part(({ core }): { readonly state: DeviceState } => ({ state: new DeviceState(core) })),
  wifi: part(({ core }) => new WifiHelper(core), true),
  appConfig: part(({ core }) => new AppConfigHelper(core), true),
  messaging: part(({ core, naming }) => new AppMessaging(core, naming), true),
} as const;

export type PartName = keyof typeof SESSION_PARTS;
/** The type of each part. */
export type SessionParts = { [K in PartName]: ReturnType<(typeof SESSION_PARTS)[K]['create']> };

/**
 * Defines every part on `proto` as a getter that builds the part on first access and then holds it as the
 * instance's own property (later reads do not run the getter). `context` gives what the part is built from.
 * As in the published SDKs, where the parts were plain properties, an app (or its test) may assign a part of
 * one session, before or after it was built; the value assigned is what that session reads from then on.
 */
export function installParts(proto: object, context: (session: object) => PartContext): void {
  for (const [name, spec] of Object.entries(SESSION_PARTS) as Array<[PartName, PartSpec<unknown>]>) {
    const hold = (session: object, value: unknown) =>
      Object.defineProperty(session, name, { value, enumerable: !spec.internal, writable: true, configurable: true });
    Object.defineProperty(proto, name, {
      get(this: object): unknown {
        const value = spec.create(context(this));
        hold(this, value);
        return value;
      },
      set(this: object, value: unknown) {
        hold(this, value);
      },
      configurable: true,
    });
  }
}

/** The part if the session has created it, else undefined (reading it would create it). */
export function partIfCreated<K extends PartName>(session: object, name: K): SessionParts[K] | undefined {
  return Object.hasOwn(session, name) ? (session as SessionParts)[name] : undefined;
}
