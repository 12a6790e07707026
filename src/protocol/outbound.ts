/**
 * What an app may send the cloud: `send` takes an `AppToCloudMessage`, so a message of a type the cloud
 * does not know is a compile error. App-to-app messages go out in the facade's naming (`tpa_*` from the
 * legacy facade, `app_*` from the modern one); every other type has one name in every dialect.
 */
import type { AppMessageStem } from './dialects';
import type { AppToCloudMessageType } from './enums';

/** The app-to-app messages an app sends (the others of `AppMessageStem` come from the cloud). */
export type OutboundAppMessageStem = Extract<AppMessageStem, 'broadcast_message' | 'direct_message' | 'user_discovery' | 'room_join' | 'room_leave'>;

/** Every message type an app may send, in either naming. */
export type AppToCloudType = `${AppToCloudMessageType}` | `tpa_${OutboundAppMessageStem}`;

/** A message to the cloud: a known type; the fields of each type are built by the module that sends it. */
export interface AppToCloudMessage {
  type: AppToCloudType;
  timestamp?: Date | string;
  [field: string]: unknown;
}
