/**
 * Type test (compiled by test/types/earlier-releases.test.ts with `strict` on and off, and by
 * `npm run typecheck`): code that reads the published 2.1.x message, settings and helper types the way
 * public apps do compiles against ours, with the published types (not wider ones).
 */
import {
  AppSettingType,
  getBaseStreamType,
  type StreamType,
  TpaServer,
  type AppConnectionAck,
  type AppSession,
  type AppStopped,
  type ButtonPress,
  type DisplayEvent,
  type LocationUpdate,
  type PhoneNotification,
  type PhotoResponse,
  type TranscriptionData,
} from '@mentraos/sdk';

/** Timestamps are typed `Date`, as published. */
export function whenSpoken(data: TranscriptionData): number | undefined {
  return data.timestamp?.getTime();
}
export const lastPress = (press: ButtonPress): Date | undefined => press.timestamp;

/** A setting narrows by its `type`: the options of a select, the bounds of a slider. */
export function describeSetting(session: AppSession, key: string): string {
  const setting = session.settings.getSetting(key) ?? session.getSettingSchema(key);
  if (!setting) return 'none';
  if (setting.type === AppSettingType.SELECT) return setting.options.map((o) => o.label).join(', ');
  if (setting.type === AppSettingType.SLIDER) return `${setting.min}..${setting.max}`;
  const toggled: boolean | undefined = setting.type === AppSettingType.TOGGLE ? setting.value : undefined;
  return String(toggled ?? setting.value);
}

/** Tests may still pass plain `{ key, value }` records. */
export function seed(session: AppSession): void {
  session.updateSettingsForTesting([{ key: 'units', value: 'metric' }]);
  session.settings.updateSettings([{ key: 'lang', value: 'en-US' }]);
}

/** Fields the published types declare as always present, with their published types. */
export const priority = (n: PhoneNotification): 'low' | 'normal' | 'high' => n.priority;
export const notificationId = (n: PhoneNotification): string => n.notificationId;
export const accuracy = (l: LocationUpdate): string | undefined => l.accuracy?.toFixed(1);
export const stopReason = (m: AppStopped): 'user_disabled' | 'system_stop' | 'error' => m.reason;
export const retryable = (r: PhotoResponse): boolean | undefined => r.error?.details?.retryable;
export const configName = (ack: AppConnectionAck): string | undefined => ack.config?.name;
export const hasCamera = (ack: AppConnectionAck): boolean | undefined => ack.capabilities?.hasCamera;
export const layoutType = (e: DisplayEvent): string => e.layout.layoutType;

/** `getBaseStreamType` returns a StreamType or null. */
export const base: StreamType | null = getBaseStreamType('transcription:en-US');

/** 1.1.x apps override TpaServer's `stop()` as void; 2.x callers chain on its Promise. */
export class LegacyStops extends TpaServer {
  public stop(): void {
    super.stop();
  }
}
export function stopLater(server: TpaServer): Promise<void> {
  return server.stop().then(() => undefined);
}
