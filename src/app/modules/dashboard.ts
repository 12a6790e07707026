/**
 * `session.dashboard`: `content` for every app (write to the main or expanded dashboard, follow its mode
 * and its always-on state) and `system` for the system dashboard app only (the four corners, view mode).
 * All messages carry `sessionId: "<sessionId>-<packageName>"`, exactly as the published SDKs send it.
 */
import { Emitter } from '../../core/emitter';
import { toError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import { DashboardMode } from '../../protocol/enums';
import type { Layout } from '../../protocol/messages';
import type { DashboardSection } from '../../protocol/module-messages';

export const DEFAULT_SYSTEM_DASHBOARD_PACKAGE = 'system.augmentos.dashboard';
/** A dashboard mode, or `'none'` when the cloud has not reported one. */
export type DashboardModeValue = DashboardMode | 'none';

/** What every app can do with the dashboard (`session.dashboard.content`). */
export interface DashboardContentAPI {
  /** Writes text to the given dashboard modes (the main dashboard by default). */
  write(content: string, targets?: Array<DashboardMode | 'main' | 'expanded'>): void;
  /** Writes text to the main dashboard. */
  writeToMain(content: string): void;
  /** Writes text or a layout to the expanded dashboard. */
  writeToExpanded(content: string | Layout): void;
  /** The current dashboard mode. */
  getCurrentMode(): Promise<DashboardModeValue>;
  /** Changes of the dashboard mode. */
  onModeChange(callback: (mode: DashboardModeValue) => void): () => void;
}

/** What the system dashboard app can do (`session.dashboard.system`). */
export interface DashboardSystemAPI {
  /** Sets the top-left corner. */
  setTopLeft(content: string): void;
  /** Sets the top-right corner. */
  setTopRight(content: string): void;
  /** Sets the bottom-left corner. */
  setBottomLeft(content: string): void;
  /** Sets the bottom-right corner. */
  setBottomRight(content: string): void;
  /** Switches the dashboard's view mode. */
  setViewMode(mode: DashboardMode | 'main' | 'expanded'): void;
}

/** `session.dashboard`: `content` for every app, `system` for the system dashboard app only. */
export interface DashboardAPI {
  /** Dashboard content of this app. */
  content: DashboardContentAPI;
  /** The system dashboard's corners and mode; only for the system dashboard app. */
  system?: DashboardSystemAPI;
}

/** The package name that gets `dashboard.system` (env `SYSTEM_DASHBOARD_PACKAGE_NAME`, read when the session first uses `dashboard`). */
export function systemDashboardPackage(env: NodeJS.ProcessEnv = process.env): string {
  return env.SYSTEM_DASHBOARD_PACKAGE_NAME || DEFAULT_SYSTEM_DASHBOARD_PACKAGE;
}

function isLayout(v: unknown): v is Layout {
  return !!v && typeof v === 'object' && typeof (v as { layoutType?: unknown }).layoutType === 'string';
}

function wireSessionId(core: CoreSession): string {
  return `${core.sessionId}-${core.packageName}`;
}

/** `session.dashboard.content`: this app's text on the dashboard, and the dashboard's mode. */
export class DashboardContentManager implements DashboardContentAPI {
  private mode: DashboardModeValue;
  private alwaysOn: boolean | undefined;
  private readonly listeners: Emitter;

  constructor(private readonly core: CoreSession) {
    // Created on first use: start from what the session has recorded so far, as if created at start.
    this.mode = core.moduleState.dashboardMode as DashboardModeValue;
    this.alwaysOn = core.moduleState.dashboardAlwaysOn;
    this.listeners = new Emitter((e) => core.reportError(toError(e)));
    core.onMessage('dashboard_mode_changed', (m: { mode?: unknown }) => {
      if (m.mode !== 'main' && m.mode !== 'expanded' && m.mode !== 'none') return;
      if (m.mode === this.mode) return;
      this.mode = m.mode as DashboardModeValue;
      this.listeners.emit('mode', this.mode);
    });
    core.onMessage('dashboard_always_on_changed', (m: { enabled?: unknown }) => {
      if (typeof m.enabled !== 'boolean' || m.enabled === this.alwaysOn) return;
      this.alwaysOn = m.enabled;
      this.listeners.emit('alwaysOn', m.enabled);
    });
  }

  /** Shows `content` on the dashboard in the given modes (default: main). */
  write(content: string, targets?: Array<DashboardMode | 'main' | 'expanded'>): void {
    this.send(content, targets);
  }

  /** Writes text to the main dashboard. */
  writeToMain(content: string): void {
    this.send(content, undefined);
  }

  /** Text, or (as in 1.x) a layout, on the expanded dashboard. */
  writeToExpanded(content: string | Layout): void {
    this.send(content, [DashboardMode.EXPANDED]);
  }

  /**
   * Writes `content` to the 1.x always-on dashboard (the `always_on` mode).
   *
   * @deprecated Use `write(content, [DashboardMode.ALWAYS_ON])`, which sends the same message.
   */
  writeToAlwaysOn(content: string): void {
    this.write(content, [DashboardMode.ALWAYS_ON]);
  }

  /** The dashboard mode last reported by the cloud (`none` until then). */
  async getCurrentMode(): Promise<DashboardModeValue> {
    return this.mode;
  }

  /** Called when the dashboard mode changes. Returns an unsubscribe function. */
  onModeChange(callback: (mode: DashboardModeValue) => void): () => void {
    return this.listeners.on('mode', callback);
  }

  /** Whether the always-on dashboard is enabled (undefined until the cloud reports it). */
  isAlwaysOnEnabled(): boolean | undefined {
    return this.alwaysOn;
  }

  /** Called when the user turns the always-on dashboard on or off. */
  onAlwaysOnChange(callback: (enabled: boolean) => void): () => void {
    return this.listeners.on('alwaysOn', callback);
  }
  /**
   * A `dashboard_content_update`: text (anything else but a layout is turned into text) or, as 1.x sent it, a
   * layout; to the main dashboard when `targets` names no mode.
   */
  private send(content: string | Layout, targets: ReadonlyArray<DashboardMode | 'main' | 'expanded'> | undefined): void {
    this.core.send({
      type: 'dashboard_content_update',
      packageName: this.core.packageName,
      sessionId: wireSessionId(this.core),
      content: isLayout(content) ? content : String(content ?? ''),
      modes: Array.isArray(targets) && targets.length > 0 ? targets : [DashboardMode.MAIN],
    });
  }
}

/** `session.dashboard.system`: the corners and view mode of the system dashboard. */
export class DashboardSystemManager implements DashboardSystemAPI {
  constructor(private readonly core: CoreSession) {}

  /** Sets the top-left corner. */
  setTopLeft(content: string): void {
    this.section('topLeft', content);
  }

  /** Sets the top-right corner. */
  setTopRight(content: string): void {
    this.section('topRight', content);
  }

  /** Sets the bottom-left corner. */
  setBottomLeft(content: string): void {
    this.section('bottomLeft', content);
  }

  /** Sets the bottom-right corner. */
  setBottomRight(content: string): void {
    this.section('bottomRight', content);
  }

  /** Switches the dashboard's view mode. */
  setViewMode(mode: DashboardMode | 'main' | 'expanded'): void {
    this.core.send({ type: 'dashboard_mode_change', packageName: this.core.packageName, sessionId: wireSessionId(this.core), mode });
  }

  private section(section: DashboardSection, content: string): void {
    this.core.send({
      type: 'dashboard_system_update',
      packageName: this.core.packageName,
      sessionId: wireSessionId(this.core),
      section,
      content: String(content ?? ''),
    });
  }
}

/**
 * `session.dashboard`.
 *
 * @example
 * ```ts
 * session.dashboard.content.writeToMain('3 new messages');
 * session.dashboard.content.onModeChange((mode) => session.logger.info(`dashboard: ${mode}`));
 * ```
 */
export class DashboardManager implements DashboardAPI {
  /** Dashboard content of this app. */
  readonly content: DashboardContentManager;
  /** The system dashboard's corners and mode; only for the system dashboard app. */
  readonly system?: DashboardSystemManager;

  /** `isSystem` defaults to whether the package is the system dashboard (the session passes what it found at start). */
  constructor(core: CoreSession, isSystem = core.packageName === systemDashboardPackage()) {
    this.content = new DashboardContentManager(core);
    if (isSystem) this.system = new DashboardSystemManager(core);
  }
}
