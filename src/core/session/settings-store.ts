/**
 * The session's settings: app settings (an array of `SettingRecord`, from the ack and `settings_update`) and the
 * system settings (a flat object, from the ack's `mentraosSettings` / `augmentosSettings` and
 * `augmentos_settings_update`). Changes are diffed by key and reported once per real change.
 */
import type { SettingRecord } from '../../protocol/messages';
import { Emitter } from '../emitter';
import { toError } from '../errors';
import type { CloudFrame } from './frames';

/** One setting's change. */
export type SettingChange = {
  /** The value before the change. */
  oldValue: unknown;
  /** The value after the change. */
  newValue: unknown;
};
/** The changes of one settings update, by setting key. */
export type SettingsChangeMap = Record<string, SettingChange>;
type Listener = (changes: SettingsChangeMap) => unknown;

/** Shared by every store without app settings; never mutated (a store replaces its map whole). */
const NO_VALUES: ReadonlyMap<string, unknown> = new Map();

export class SettingsStore {
  private app: SettingRecord[] = [];
  private appValues: ReadonlyMap<string, unknown> = NO_VALUES;
  private system: Record<string, unknown> = {};
  /**
   * `app` and `system` change listeners, under the session's one isolation rule (see `emitter.ts`); created
   * with the first listener (most sessions have none).
   */
  private listeners: Emitter | undefined;

  /** `owner` gets what a listener throws or rejects with. */
  constructor(private readonly owner: { reportError(err: Error): void }) {}

  getAppSettings(): SettingRecord[] {
    return this.app;
  }

  getAppValue(key: string): unknown {
    return this.appValues.get(key);
  }

  hasApp(key: string): boolean {
    return this.appValues.has(key);
  }

  getSystem(): Readonly<Record<string, unknown>> {
    return this.system;
  }

  /** Takes the settings a cloud frame carries: the ack's snapshot (app, then system), `settings_update`, and a system settings update. */
  applyFrame(frame: Extract<CloudFrame, { kind: 'ack' | 'settings_update' | 'system_settings_update' }>): void {
    if (frame.kind === 'system_settings_update') return this.mergeSystem(frame.settings);
    if (frame.settings) this.setApp(frame.settings);
    if (frame.kind === 'ack') this.mergeSystem(frame.systemSettings);
  }

  /** Replaces the app settings; returns what changed. */
  setApp(settings: SettingRecord[]): SettingsChangeMap {
    const list = Array.isArray(settings) ? settings.filter((s) => s && typeof s.key === 'string') : [];
    let next = NO_VALUES;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty list then gets its own empty map instead of the shared one; the same values
    if (list.length > 0) {
      const values = new Map<string, unknown>();
      for (const s of list) values.set(s.key, s.value !== undefined ? s.value : s.defaultValue);
      next = values;
    }
    const changes = diff(this.appValues, next);
    this.app = list;
    this.appValues = next;
    if (this.listeners && Object.keys(changes).length > 0) this.listeners.emit('app', changes);
    return changes;
  }

  /**
   * Merges system settings (only a plain object is accepted). What changed is worked out only when someone
   * listens for it (every ack carries the whole snapshot, and most sessions never listen).
   */
  mergeSystem(values: Record<string, unknown> | undefined): void {
    if (!values || typeof values !== 'object' || Array.isArray(values)) return;
    const previous = this.system;
    this.system = { ...previous, ...values };
    if (!this.listeners?.has('system')) return;
    const changes = diff(new Map(Object.entries(previous)), new Map(Object.entries(this.system)));
    if (Object.keys(changes).length > 0) this.listeners.emit('system', changes);
  }

  /** A throw or a rejected promise from `fn` goes to the session's error path, never to the caller. */
  onAppChange(fn: Listener): () => void {
    return this.emitter().on('app', fn);
  }

  onSystemChange(fn: Listener): () => void {
    return this.emitter().on('system', fn);
  }

  clearListeners(): void {
    this.listeners?.clear();
  }

  private emitter(): Emitter {
    const owner = this.owner;
    return (this.listeners ??= new Emitter((e) => owner.reportError(toError(e))));
  }
}

function diff(before: ReadonlyMap<string, unknown>, after: ReadonlyMap<string, unknown>): SettingsChangeMap {
  const changes: SettingsChangeMap = {};
  for (const [k, v] of after) {
    const old = before.get(k);
    if (!before.has(k) || !sameValue(old, v)) changes[k] = { oldValue: old, newValue: v };
  }
  for (const [k, old] of before) if (!after.has(k)) changes[k] = { oldValue: old, newValue: undefined };
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}
