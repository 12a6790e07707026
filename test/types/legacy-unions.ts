/**
 * The AugmentOS message unions are derived from the modern ones: app-to-app messages under their `tpa_*`
 * names, every other message as it is. Compiled by earlier-releases.test.ts; a wrong derivation fails to compile.
 */
import type { AppMessageStem, AppToCloudMessage, CloudToAppMessage } from '@mentraos/sdk';
import type { CloudToTpaMessage, TpaBroadcastMessage, TpaToCloudMessage } from '@mentraos/sdk/compat';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>(): T => true as T;

type Renamed<T extends string> = T extends `app_${infer S extends AppMessageStem}` ? `tpa_${S}` : T;
// Every modern type, with the app-to-app names renamed; nothing else changes.
assert<Equal<TpaToCloudMessage['type'], Renamed<AppToCloudMessage['type']>>>();
assert<Equal<Exclude<CloudToTpaMessage['type'], 'audio_chunk' | 'photo_response' | 'rtmp_stream_status'>, Renamed<CloudToAppMessage['type']>>>();
// The 1.x union also listed audio, photo answers and stream status.
assert<
  Equal<Extract<CloudToTpaMessage['type'], 'audio_chunk' | 'photo_response' | 'rtmp_stream_status'>, 'audio_chunk' | 'photo_response' | 'rtmp_stream_status'>
>();
// `app_stopped` is not an app-to-app message and keeps its name.
assert<Equal<Extract<CloudToTpaMessage['type'], 'app_stopped'>, 'app_stopped'>>();
// The renamed shapes keep their fields.
const broadcast: TpaBroadcastMessage = {
  type: 'tpa_broadcast_message',
  payload: { hi: 1 },
  messageId: 'm1',
  senderUserId: 'u',
  packageName: 'p',
  sessionId: 's',
} as TpaBroadcastMessage;
export const fields: string = broadcast.packageName;
