/** What the local cloud keeps per simulated wearer, shared by the cloud and its helpers. */
import type { SimulatedUser } from '../testing/user';
import {
  initialDevice,
  initialGlasses,
  type ControlEvent,
  type DeviceState,
  type GlassesState,
  type SessionStateName,
  type SettingValue,
  type UserSnapshot,
  type ViewName,
  type ViewState,
} from '../protocol/control';

/** An event before it gets its `seq`. */
export type EventBody = ControlEvent extends infer E ? (E extends { seq: number } ? Omit<E, 'seq'> : never) : never;

export interface DevUser {
  userId: string;
  sessionId: string;
  packageName: string;
  state: SessionStateName;
  sim: SimulatedUser | null;
  /** Starts of this user so far; a late event from an older start is ignored. */
  generation: number;
  stopping: boolean;
  subscriptions: unknown[];
  views: Record<ViewName, ViewState | null>;
  device: DeviceState;
  glasses: GlassesState;
  /** The wearer's changed settings (the rest hold their defaults). */
  settings: SettingValue[];
  timers: Partial<Record<ViewName, NodeJS.Timeout>>;
}

export const VIEWS: readonly ViewName[] = ['main', 'dashboard'];
export const LIVE: readonly SessionStateName[] = ['starting', 'ready', 'reconnecting'];

export function toSnapshot(u: DevUser): UserSnapshot {
  return {
    user_id: u.userId,
    session_id: u.sessionId,
    package_name: u.packageName,
    state: u.state,
    subscriptions: u.subscriptions,
    views: { ...u.views },
    device: u.device,
    glasses: u.glasses,
    settings: u.settings,
  };
}

/** A wearer starting (again): a new generation, keeping what its glasses show, its device and settings. */
export function newDevUser(userId: string, packageName: string, existing: DevUser | undefined): DevUser {
  return {
    userId,
    sessionId: `${userId}-${packageName}`,
    packageName,
    state: 'starting',
    sim: null,
    generation: (existing?.generation ?? 0) + 1,
    stopping: false,
    subscriptions: [],
    views: existing?.views ?? { main: null, dashboard: null },
    device: existing?.device ?? initialDevice(),
    glasses: initialGlasses(),
    settings: existing?.settings ?? [],
    timers: {},
  };
}
