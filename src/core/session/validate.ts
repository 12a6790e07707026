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

export function validStreamData(streamType: string, data: unknown): boolean {
  if (!isObj(data)) return false;
  const check = CHECKS[streamBase(streamType)];
  return check ? check(data) : true;
}
