/** Legacy apps and warning capture for the compat tests. */
import { TpaServer, type TpaSession, type TpaServerConfig } from '../../compat';
import { API_KEY, captureLogger } from '../helpers/apps';

export interface CapturedWarning {
  message: string;
  code?: string;
}

/** Records every DeprecationWarning the SDK emits (it calls `process.emitWarning` at call time). */
export function captureDeprecations(): { warnings: CapturedWarning[]; codes: () => string[]; restore: () => void } {
  const warnings: CapturedWarning[] = [];
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(((warning: string | Error, opts?: unknown) => {
    const o = (typeof opts === 'object' && opts ? opts : {}) as { type?: string; code?: string };
    if (o.type === 'DeprecationWarning') warnings.push({ message: String(warning), code: o.code });
  }) as typeof process.emitWarning);
  return { warnings, codes: () => warnings.map((w) => w.code ?? ''), restore: () => spy.mockRestore() };
}

export function legacyConfig(extra: Partial<TpaServerConfig> = {}): TpaServerConfig {
  return { packageName: 'com.example.app', apiKey: API_KEY, port: 0, logger: captureLogger(), ...extra };
}

/** A legacy echo app, written the AugmentOS way (session shortcuts, `stop(): void`). */
export class LegacyEcho extends TpaServer {
  readonly sessions: TpaSession[] = [];
  readonly stops: Array<{ sessionId: string; userId: string; reason: string }> = [];

  protected override async onSession(session: TpaSession, _sessionId: string, _userId: string): Promise<void> {
    this.sessions.push(session);
    session.onTranscription((data) => {
      if (data.isFinal) session.layouts.showTextWall(`echo: ${data.text}`);
    });
  }

  protected override async onStop(sessionId: string, userId: string, reason: string): Promise<void> {
    this.stops.push({ sessionId, userId, reason });
  }
}

export async function startedLegacy<T extends TpaServer>(app: T): Promise<T> {
  await app.start();
  return app;
}

/** A fresh copy of the SDK modules (so "once per process" warnings fire again), with the root exports. */
export function freshSdk(): typeof import('../../src') {
  let mod!: typeof import('../../src');
  jest.isolateModules(() => {
    mod = require('../../src');
  });
  return mod;
}
