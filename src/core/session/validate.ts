/**
 * Shape checks for inbound stream data, so a malformed frame is dropped at the boundary instead of
 * reaching app handlers as a surprise. Only the fields handlers rely on are checked.
 */
import { streamBase } from '../../protocol/streams';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

const CHECKS: Record<string, (d: Record<string, unknown>) => boolean> = {
  transcription: (d) => typeof d.text === 'string',
  translation: (d) => typeof d.text === 'string',
  button_press: (d) => typeof d.buttonId === 'string' || typeof d.pressType === 'string',
  head_position: (d) => d.position === 'up' || d.position === 'down',
  location_update: (d) => typeof d.lat === 'number' && typeof d.lng === 'number',
  glasses_battery_update: (d) => typeof d.level === 'number',
  phone_battery_update: (d) => typeof d.level === 'number',
};

const CHECKED_BASES = Object.keys(CHECKS);

/** The check of a stream's base type (`transcription` for `transcription:en-US`), found without a substring for the checked ones. */
function checkOf(streamType: string): ((d: Record<string, unknown>) => boolean) | undefined {
  const colon = streamType.indexOf(':');
  if (colon < 0) return CHECKS[streamType];
  for (const base of CHECKED_BASES) if (base.length === colon && streamType.startsWith(base)) return CHECKS[base];
  return CHECKS[streamBase(streamType)];
}

export function validStreamData(streamType: string, data: unknown): boolean {
  if (!isObj(data)) return false;
  const check = checkOf(streamType);
  return check ? check(data) : true;
}
