/** `session.led`: the glasses' RGB LED (`rgb_led_control`, fire-and-forget). */
import { newRequestId, refusedSendError } from '../../core/session/correlation';
import { SdkError } from '../../core/errors';
import type { CoreSession } from '../../core/session/session';
import type { Capabilities, LedColor, LightInfo } from '../../protocol/module-messages';
import { type SessionLike, resolveCore } from '../core-of';

export interface LedControlOptions {
  color?: LedColor;
  /** Milliseconds on per cycle (default 1000). */
  ontime?: number;
  /** Milliseconds off per cycle (default 0). */
  offtime?: number;
  /** Cycles (default 1). */
  count?: number;
}

export class LedModule {
  private readonly core: CoreSession;

  /**
   * Built by the session on first access (`session.led`). The published form
   * `new LedModule(session, packageName, sessionId, logger?)` is accepted: the session gives everything else.
   */
  constructor(session: CoreSession | SessionLike, _packageName?: string, _sessionId?: string, _logger?: unknown) {
    this.core = resolveCore(session, 'LedModule');
  }

  /** Nothing to release: LED commands are fire-and-forget and the module holds no timer or request (kept for apps that call it). */
  cleanup(): void {}

  async turnOn(options: LedControlOptions = {}): Promise<void> {
    const ontime = nonNegative(options.ontime, 1000, 'ontime');
    const offtime = nonNegative(options.offtime, 0, 'offtime');
    const count = nonNegative(options.count, 1, 'count');
    this.send({ action: 'on', color: options.color ?? 'red', ontime, offtime, count });
  }

  async turnOff(): Promise<void> {
    this.send({ action: 'off' });
  }

  /** `count` times: `ontime` ms on, `offtime` ms off. */
  blink(color: LedColor, ontime: number, offtime: number, count: number): Promise<void> {
    return this.turnOn({ color, ontime, offtime, count });
  }

  /** On for `duration` ms. */
  solid(color: LedColor, duration: number): Promise<void> {
    return this.turnOn({ color, ontime: duration, offtime: 0, count: 1 });
  }

  /** The LEDs the connected glasses report (empty when they have none or did not say). */
  getCapabilities(): LightInfo[] {
    const caps = this.core.capabilities as Partial<Capabilities> | null;
    const lights = caps?.light?.lights;
    return Array.isArray(lights) ? lights : [];
  }

  private send(fields: Record<string, unknown>): void {
    const sent = this.core.send({
      type: 'rgb_led_control',
      packageName: this.core.packageName,
      sessionId: this.core.sessionId,
      requestId: newRequestId('led_req'),
      ...fields,
    });
    if (!sent) throw refusedSendError(this.core, 'control the LED');
  }
}

function nonNegative(v: unknown, def: number, name: string): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw new SdkError('invalid_argument', `LED ${name} must be a number of at least 0 (got ${JSON.stringify(v)})`);
  return v;
}
